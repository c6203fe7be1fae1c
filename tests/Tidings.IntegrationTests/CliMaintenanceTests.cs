using Microsoft.Data.Sqlite;

namespace Tidings.IntegrationTests;

/// <summary>
/// The maintenance verbs, apart from <see cref="CliTests"/> so the two classes run side by side: each of these works
/// on the demo (seeded by the seed verb, or copied from the run's seeded template) and rebuilds or curates it.
/// </summary>
public sealed class CliMaintenanceTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "tidings-cli-" + Guid.NewGuid().ToString("N"));

    private static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => CliTests.RunAsync(args);

    [Fact]
    public async Task Reindex_RebuildsEveryArticle()
    {
        // The seed verb has its own test below; here the demo comes ready-made.
        SeededTemplate.CopyInto(_dataDir);
        var (code, output, _) = await RunAsync("reindex", "--data-dir", _dataDir);
        Assert.Equal(0, code);
        Assert.Contains("Reindexed 145 articles", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TopicsTrain_AndRelatedRebuild_WorkOnTheDemo_AndExplainAnEmptyArchive()
    {
        var empty = await RunAsync("topics", "train", "--data-dir", _dataDir);
        Assert.Equal(1, empty.Code);
        Assert.Contains("too few articles", empty.Err, StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync("seed", "--data-dir", _dataDir)).Code);
        var train = await RunAsync("topics", "train", "--data-dir", _dataDir);
        Assert.Equal(0, train.Code);
        Assert.Matches(@"Trained on \d+ articles \(11 channels", train.Out);

        var rebuild = await RunAsync("related", "rebuild", "--data-dir", _dataDir);
        Assert.Equal(0, rebuild.Code);
        Assert.Contains("Rebuilt 145 related lists", rebuild.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trending_PinListUnset_AndBadInputIsRefused()
    {
        SeededTemplate.CopyInto(_dataDir);
        var pin = await RunAsync("trending", "pin", "5", "--scope", "channel:finance", "--position", "2", "--hours", "6", "--data-dir", _dataDir);
        Assert.True(pin.Code == 0, pin.Err);
        Assert.Contains("Article 5 pinned at 2 in channel:finance", pin.Out, StringComparison.Ordinal);

        var list = await RunAsync("trending", "list", "--data-dir", _dataDir);
        Assert.Contains("channel:finance\tarticle 5\tpin 2", list.Out, StringComparison.Ordinal);

        var bad = await RunAsync("trending", "suppress", "999999", "--scope", "channel:nowhere", "--data-dir", _dataDir);
        Assert.Equal(2, bad.Code);
        Assert.Contains("error: scope", bad.Err, StringComparison.Ordinal);
        Assert.Contains("error: articleId", bad.Err, StringComparison.Ordinal);

        var unset = await RunAsync("trending", "unset", "5", "--scope", "channel:finance", "--data-dir", _dataDir);
        Assert.Contains("Removed the override of article 5", unset.Out, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }
}
