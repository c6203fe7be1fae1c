using System.Collections.Concurrent;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Articles;
using Tidings.Core.Data;

namespace Tidings.IntegrationTests.Postgres;

/// <summary>
/// The node is killed with SIGKILL (no shutdown, no flush) while readers comment and vote, an editor saves, and
/// beacons arrive; on PostgreSQL the database server is then crashed too. Every write the node acknowledged is there
/// afterwards with its content, nothing is half-written, and the node starts again cleanly on the same data.
/// Reader events are the one deliberate exception: they are counted in memory and saved every few seconds, so a crash
/// loses at most those seconds of view counts (docs/operations.md).
/// </summary>
public abstract class CrashTests : IAsyncLifetime
{
    private const string DemoPassword = "tidings-demo";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "tidings-crash-" + Guid.NewGuid().ToString("N"));
    private WebNode? _node;

    protected PrivatePostgres? Postgres { get; set; }

    protected abstract Task<Dictionary<string, string>> DatabaseSettingsAsync();

    protected abstract TidingsDbContext OpenDatabase();

    public async ValueTask InitializeAsync()
    {
        if (await DatabaseSettingsAsync() is not { } database)
        {
            return;
        }

        Settings = new Dictionary<string, string>(database)
        {
            ["Tidings__Related__BackgroundMaintenance"] = "false",
            ["Tidings__Newsroom__DemoAccounts"] = "true",
            ["Tidings__Newsroom__WriteBurst"] = "100000",
            ["Tidings__Newsroom__ReadBurst"] = "100000",
            ["Tidings__Comments__PosterBurst"] = "100000",
            ["Tidings__Comments__PosterPerMinute"] = "100000",
            ["Tidings__Comments__AddressBurst"] = "100000",
            ["Tidings__Comments__AddressPerMinute"] = "100000",
            ["Tidings__Comments__VoteBurst"] = "100000",
            ["Tidings__Comments__VotePerMinute"] = "100000",
        };
        _node = await WebNode.StartAsync("crash", _root, Settings);
    }

    private Dictionary<string, string> Settings { get; set; } = [];

    protected async Task KillDuringWritesAsync()
    {
        var node = _node!;
        var (articleId, draft) = await WithDbAsync(async db => (
            await db.Articles.Where(a => a.Status == ArticleStatus.Published).OrderByDescending(a => a.PublishedAt).Select(a => a.Id).FirstAsync(),
            await db.Articles.Where(a => a.Status == ArticleStatus.Draft).Select(a => new { a.Id, a.Title, a.ChannelId, a.SourceId }).FirstAsync()));
        var fields = new Dictionary<string, string>
        {
            ["Form.Title"] = draft.Title,
            ["Form.ChannelId"] = draft.ChannelId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
            ["Form.SourceId"] = draft.SourceId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        var comments = new ConcurrentDictionary<long, string>();
        var votes = new ConcurrentDictionary<long, bool>();
        var saves = new ConcurrentDictionary<int, string>();
        var statuses = new ConcurrentBag<HttpStatusCode>();
        using var stop = new CancellationTokenSource();
        var writers = new List<Task>
        {
            Task.Run(() => WriteTraffic.CommentsAsync(node, articleId, 0, comments, statuses, stop.Token)),
            Task.Run(() => WriteTraffic.CommentsAsync(node, articleId, 1, comments, statuses, stop.Token)),
            Task.Run(() => WriteTraffic.VotesAsync(node, comments, votes, stop.Token)),
            Task.Run(() => WriteTraffic.SavesAsync(node, "editor", DemoPassword, draft.Id, fields, saves, stop.Token)),
            Task.Run(() => WriteTraffic.EventsAsync(node, articleId, stop.Token)),
        };

        // Mid-stream: every kind of write has been acknowledged at least a few times, and more are in flight.
        await WriteTraffic.EventuallyAsync(() => Task.FromResult(comments.Count >= 10 && votes.Count >= 3 && saves.Count >= 3), $"writes were not acknowledged (comments {comments.Count}, votes {votes.Count}, saves {saves.Count})", TimeSpan.FromSeconds(60));
        await node.KillAsync();

        if (Postgres is not null)
        {
            // The database server dies too, without a checkpoint.
            await Postgres.CrashAsync();
            await Postgres.StartAgainAsync();
        }

        // The node starts again on the same data and address, and the writers carry on against it.
        _node = node = await WebNode.StartAsync("crash-again", _root, Settings, node.BaseAddress.Port);
        var before = (comments.Count, saves.Count);
        await WriteTraffic.EventuallyAsync(() => Task.FromResult(comments.Count >= before.Item1 + 5 && saves.Count >= before.Item2 + 2), "writes did not resume after the restart", TimeSpan.FromSeconds(60));

        await stop.CancelAsync();
        await Task.WhenAll(writers);
        Assert.DoesNotContain(HttpStatusCode.InternalServerError, statuses);

        var stored = await WithDbAsync(db => db.Comments.Where(c => c.ArticleId == articleId).ToDictionaryAsync(c => c.Id, c => c.Body));
        var lost = comments.Where(a => !stored.TryGetValue(a.Key, out var body) || body != a.Value).Select(a => a.Key).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {comments.Count} acknowledged comments are missing or changed: {string.Join(", ", lost.Take(10))}");

        var voted = await WithDbAsync(db => db.CommentVotes.Where(v => votes.Keys.Contains(v.CommentId)).Select(v => v.CommentId).Distinct().ToListAsync());
        Assert.Empty(votes.Keys.Except(voted));
        var counts = await WithDbAsync(db => db.Comments.Where(c => votes.Keys.Contains(c.Id)).Select(c => new { c.Id, c.Up, Stored = db.CommentVotes.Count(v => v.CommentId == c.Id && v.Up) }).ToListAsync());
        Assert.All(counts, c => Assert.Equal(c.Stored, c.Up));

        var revisions = await WithDbAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == draft.Id).ToDictionaryAsync(r => r.Number, r => r.Body));
        var missing = saves.Where(s => !revisions.TryGetValue(s.Key, out var body) || body != s.Value).Select(s => s.Key).ToList();
        Assert.True(missing.Count == 0, $"acknowledged saves missing: revisions {string.Join(", ", missing)} (stored: {string.Join(", ", revisions.Keys.Order())})");
        var (body, latest) = await WithDbAsync(async db => (
            await db.Articles.Where(a => a.Id == draft.Id).Select(a => a.BodyMarkdown).FirstAsync(),
            await db.ArticleRevisions.Where(r => r.ArticleId == draft.Id).OrderByDescending(r => r.Number).Select(r => r.Body).FirstAsync()));
        Assert.Equal(latest, body);

        using var reader = WriteTraffic.Client(node);
        using var page = await reader.GetAsync($"/article/{articleId}");
        Assert.True(page.StatusCode is HttpStatusCode.OK or HttpStatusCode.MovedPermanently, $"article page: {(int)page.StatusCode}");
    }

    protected async Task<T> WithDbAsync<T>(Func<TidingsDbContext, Task<T>> work)
    {
        await using var db = OpenDatabase();
        return await work(db);
    }

    protected string DataDirectory => _root;

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}

public sealed class CrashTestsOnSqlite : CrashTests
{
    protected override Task<Dictionary<string, string>> DatabaseSettingsAsync() => Task.FromResult(new Dictionary<string, string>());

    protected override TidingsDbContext OpenDatabase() =>
        new(new DbContextOptionsBuilder<TidingsDbContext>().UseSqlite($"Data Source={Path.Combine(DataDirectory, "tidings.db")};Pooling=False").Options);

    [Fact]
    public async Task KilledNode_KeepsEveryAcknowledgedWrite_AndAnIntactDatabase()
    {
        await KillDuringWritesAsync();
        using var connection = new SqliteConnection($"Data Source={Path.Combine(DataDirectory, "tidings.db")};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", (string?)await check.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }
}

[OnPrivateServers]
public sealed class CrashTestsOnPostgres : CrashTests
{
    protected override async Task<Dictionary<string, string>> DatabaseSettingsAsync()
    {
        if (PrivateServers.MissingReason is not null)
        {
            return null!;
        }

        Postgres = await PrivatePostgres.StartAsync();
        return new Dictionary<string, string>
        {
            ["Tidings__Database__Provider"] = "Postgres",
            ["ConnectionStrings__Tidings"] = Postgres.ConnectionString + ";Timeout=3",
        };
    }

    protected override TidingsDbContext OpenDatabase() =>
        new(new DbContextOptionsBuilder<TidingsDbContext>().UseNpgsql(Postgres!.ConnectionString + ";Pooling=false").Options);

    [Fact]
    public Task KilledNodeAndDatabase_KeepEveryAcknowledgedWrite() => KillDuringWritesAsync();
}
