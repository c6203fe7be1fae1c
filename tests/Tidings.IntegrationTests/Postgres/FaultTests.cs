using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;
using Tidings.Core.Data;

namespace Tidings.IntegrationTests.Postgres;

/// <summary>
/// A node on PostgreSQL and Redis servers of the test's own, which are killed and started again while readers and
/// commenters keep using the node: it must keep serving what it can, say plainly what it cannot, recover without a
/// restart, and lose nothing it acknowledged.
/// </summary>
[OnPrivateServers]
public sealed class FaultTests : IAsyncLifetime
{
    private const string Prefix = "fault:";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "tidings-fault-" + Guid.NewGuid().ToString("N"));
    private PrivatePostgres? _pg;
    private PrivateRedis? _redis;
    private WebNode? _node;

    public async ValueTask InitializeAsync()
    {
        if (PrivateServers.MissingReason is not null)
        {
            return;
        }

        _pg = await PrivatePostgres.StartAsync();
        _redis = await PrivateRedis.StartAsync();
        _node = await WebNode.StartAsync("fault", _root, new Dictionary<string, string>
        {
            ["Tidings__Database__Provider"] = "Postgres",
            ["ConnectionStrings__Tidings"] = _pg.ConnectionString + ";Timeout=3",
            ["Tidings__Redis"] = _redis.Configuration + ",channelPrefix=" + Prefix,
            ["Tidings__Related__BackgroundMaintenance"] = "false",
            // Background readers of the database (the change poll, the spike switch) must not be the first to meet the
            // outage: the test checks that the loss is logged with the request that met it.
            ["Tidings__Cache__ChangePollMilliseconds"] = "600000",
            ["Tidings__Spike__PollSeconds"] = "60",
            ["Tidings__LogFormat"] = "json",
            // The traffic below is one address posting fast; the limits are not what this test is about.
            ["Tidings__Comments__PosterBurst"] = "100000",
            ["Tidings__Comments__PosterPerMinute"] = "100000",
            ["Tidings__Comments__AddressBurst"] = "100000",
            ["Tidings__Comments__AddressPerMinute"] = "100000",
        });
    }

    [Fact]
    public async Task RestartingRedisAndPostgres_DuringTraffic_LosesNoAcknowledgedComment()
    {
        var (pg, redis, node) = (_pg!, _redis!, _node!);
        var (articleId, hot) = await WithDbAsync(async db => (
            await db.Articles.OrderByDescending(a => a.PublishedAt).Select(a => a.Id).FirstAsync(),
            await db.Articles.OrderBy(a => a.PublishedAt).Select(a => a.Id).FirstAsync()));

        // Readers make the oldest story trend; the node saves the counts to PostgreSQL within seconds.
        for (var reader = 0; reader < 3; reader++)
        {
            using var visitor = Client(node);
            using var beacon = await visitor.PostAsync("/api/v1/events", new StringContent($$"""[{"type":"view","articleId":{{hot}}}]"""), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Accepted, beacon.StatusCode);
        }

        await EventuallyAsync(() => WithDbAsync(db => db.TrendingBuckets.AnyAsync(b => b.ArticleId == hot)), "trending counts were not saved");

        var acknowledged = new ConcurrentDictionary<long, string>();
        var statuses = new ConcurrentBag<HttpStatusCode>();
        using var stop = new CancellationTokenSource();
        var traffic = Enumerable.Range(0, 2).Select(n => Task.Run(() => WriteTraffic.CommentsAsync(node, articleId, n, acknowledged, statuses, stop.Token))).ToList();
        await EventuallyAsync(() => Task.FromResult(acknowledged.Count >= 5), "no comment was acknowledged before the faults");

        // Redis dies and comes back empty.
        await redis.KillAsync();
        var ready = await ReadinessAsync(node);
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("Degraded", ready.Json.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
        using (var home = await Client(node).GetAsync("/", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        }

        var duringRedis = acknowledged.Count;
        await EventuallyAsync(() => Task.FromResult(acknowledged.Count >= duringRedis + 5), "comments stopped while Redis was down");
        await redis.StartAgainAsync();

        // The node refills the empty Redis from the saved counts by itself.
        using (var mux = await ConnectionMultiplexer.ConnectAsync(redis.Configuration))
        {
            await EventuallyAsync(async () => await mux.GetDatabase().KeyExistsAsync(Prefix + "tr:m:" + hot), "Redis was not refilled with the saved trending counts");
        }

        Assert.Equal("Healthy", (await ReadinessAsync(node)).Json.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());

        // PostgreSQL crashes: pages that need it answer at once with a friendly 503, /readyz says so.
        var beforeCrash = acknowledged.Count;
        await pg.CrashAsync();
        var clock = Stopwatch.StartNew();
        using (var search = await Client(node).GetAsync("/search?q=" + Uri.EscapeDataString("停电" + Guid.NewGuid().ToString("N")[..6]), TestContext.Current.CancellationToken))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the outage page took {clock.Elapsed.TotalSeconds:F1} s");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, search.StatusCode);
            Assert.NotNull(search.Headers.RetryAfter);
            Assert.Contains("服务暂时不可用", await search.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await ReadinessAsync(node)).Status);
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        await pg.StartAgainAsync();

        // Back without restarting the node; commenting resumes.
        await EventuallyAsync(() => Task.FromResult(acknowledged.Count >= beforeCrash + 5), "comments did not resume after PostgreSQL came back", TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await Task.WhenAll(traffic);

        // Every acknowledged comment is stored, with its text; failures were the friendly 503, never a 500.
        var stored = await WithDbAsync(db => db.Comments.Where(c => c.ArticleId == articleId).ToDictionaryAsync(c => c.Id, c => c.Body));
        var lost = acknowledged.Where(a => !stored.TryGetValue(a.Key, out var body) || body != a.Value).Select(a => a.Key).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged comments are missing: {string.Join(", ", lost.Take(10))}");
        // The node writes its log through a queue and a pipe, so under load a line may arrive after the request it
        // belongs to has been answered.
        var waited = Stopwatch.StartNew();
        while (!LogLines(node).Any(IsRecovered) && waited.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        var lines = LogLines(node);
        var errors = lines.Where(l => l.GetProperty("LogLevel").GetString() is "Error" or "Critical" && l.GetProperty("Category").GetString() != "Tidings.Database").Select(l => l.GetRawText());
        Assert.True(!statuses.Contains(HttpStatusCode.InternalServerError), "a request failed with 500; the node logged:\n" + string.Join('\n', errors));
        Assert.Contains(HttpStatusCode.ServiceUnavailable, statuses);

        // The node said what it lost, as JSON lines; the database's loss with the request that met it.
        Assert.Contains(lines, l => l.GetProperty("Category").GetString() == "Tidings.Redis" && l.GetProperty("LogLevel").GetString() == "Warning");
        Assert.True(lines.Any(IsRecovered), "the node did not log that the database answers again; it logged:\n"
            + string.Join('\n', lines.Where(l => l.GetProperty("Category").GetString() == "Tidings.Database").Select(l => $"{l.GetProperty("Timestamp")} {l.GetProperty("Message")}")));
        var outage = lines.First(l => l.GetProperty("Category").GetString() == "Tidings.Database" && l.GetProperty("LogLevel").GetString() == "Error");
        Assert.Contains(outage.GetProperty("Scopes").EnumerateArray(), s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("RequestId", out _));
    }

    private static List<JsonElement> LogLines(WebNode node) =>
        node.Log.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToList();

    private static bool IsRecovered(JsonElement line) =>
        line.GetProperty("Category").GetString() == "Tidings.Database" && line.GetProperty("Message").GetString()!.Contains("answers again", StringComparison.Ordinal);

    private static HttpClient Client(WebNode node) => WriteTraffic.Client(node);

    private static async Task<(HttpStatusCode Status, JsonElement Json)> ReadinessAsync(WebNode node)
    {
        using var client = Client(node);
        using var response = await client.GetAsync("/readyz");
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static Task EventuallyAsync(Func<Task<bool>> condition, string failure, TimeSpan? within = null) => WriteTraffic.EventuallyAsync(condition, failure, within);

    private async Task<T> WithDbAsync<T>(Func<TidingsDbContext, Task<T>> work)
    {
        // Unpooled: a pooled connection from before the crash would be a broken one.
        await using var db = new TidingsDbContext(new DbContextOptionsBuilder<TidingsDbContext>().UseNpgsql(_pg!.ConnectionString + ";Pooling=false").Options);
        return await work(db);
    }

    public async ValueTask DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        if (_pg is not null)
        {
            await _pg.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
