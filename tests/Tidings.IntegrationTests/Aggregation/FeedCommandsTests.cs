namespace Tidings.IntegrationTests.Aggregation;

/// <summary>The `feeds` verbs as an operator runs them: the real executable against a partner server on loopback.</summary>
public sealed class FeedCommandsTests : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "tidings-feeds-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string> _environment = new() { ["Tidings__Aggregation__AllowPrivateNetworks"] = "true" };
    private LocalFeedServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await LocalFeedServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    private Task<(int Code, string Out, string Err)> Feeds(params string[] args) =>
        CliTests.RunWithAsync(null, _environment, ["feeds", .. args, "--data-dir", _dataDir]);

    [Fact]
    public async Task AddListPollPauseRemove()
    {
        var url = _server.Serve("cli", LocalFeedServer.Feed("命令行：第一条", "命令行：第二条")).AbsoluteUri;

        var (code, _, error) = await Feeds("add", url, "--source", "东岸晨报", "--every", "often");
        Assert.Equal(2, code);
        Assert.Contains("--every", error, StringComparison.Ordinal);

        (code, var output, error) = await Feeds("add", url, "--source", "东岸晨报", "--every", "15m", "--review");
        Assert.True(code == 0, error);
        Assert.Contains("Feed 1:", output, StringComparison.Ordinal);
        Assert.Contains("every 15 min", output, StringComparison.Ordinal);
        Assert.Contains("wait for review", output, StringComparison.Ordinal);

        (code, output, _) = await Feeds("list");
        Assert.Equal(0, code);
        Assert.Contains(url, output, StringComparison.Ordinal);
        Assert.Contains("not polled yet", output, StringComparison.Ordinal);

        (code, output, error) = await Feeds("poll", "1");
        Assert.True(code == 0, error + output);
        Assert.Contains("2 added", output, StringComparison.Ordinal);
        (code, output, _) = await Feeds("poll");
        Assert.Equal(0, code);
        Assert.Contains("not modified (304)", output, StringComparison.Ordinal);

        Assert.Equal(0, (await Feeds("pause", "1")).Code);
        Assert.Contains("paused", (await Feeds("list")).Out, StringComparison.Ordinal);
        Assert.Equal(0, (await Feeds("remove", "1")).Code);
        (code, _, error) = await Feeds("remove", "1");
        Assert.Equal(2, code);
        Assert.Contains("no feed 1", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailingPoll_ExitsWithOne_AndSaysWhy()
    {
        var url = _server.Url("/busy").AbsoluteUri;
        Assert.Equal(0, (await Feeds("add", url, "--source", "忙碌源")).Code);
        var (code, output, _) = await Feeds("poll", "1");
        Assert.Equal(1, code);
        Assert.Contains("HTTP 503", output, StringComparison.Ordinal);
        Assert.Contains("last error: HTTP 503", (await Feeds("list")).Out, StringComparison.Ordinal);
    }
}
