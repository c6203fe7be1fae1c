using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;

namespace Tidings.IntegrationTests.Postgres;

/// <summary>
/// Two real web nodes (separate processes on their own ports and data directories) on one PostgreSQL database and
/// one Redis, used through one cookie jar as a browser behind a load balancer without sticky sessions would.
/// </summary>
[OnPostgres]
[OnRedis]
public sealed class ClusterTests : IAsyncLifetime
{
    private const string Password = "a-long-cluster-password";
    private static readonly HtmlParser Parser = new();

    private readonly string _root = Path.Combine(Path.GetTempPath(), "tidings-cluster-" + Guid.NewGuid().ToString("N"));
    private readonly CookieContainer _cookies = new();
    private string _database = null!;
    private WebNode _a = null!;
    private WebNode _b = null!;

    public async ValueTask InitializeAsync()
    {
        _database = PostgresServer.CreateDatabase();
        var redis = RedisServer.ForCluster();
        var settings = new Dictionary<string, string>
        {
            ["Tidings__Database__Provider"] = "Postgres",
            ["ConnectionStrings__Tidings"] = _database,
            ["Tidings__Redis"] = redis,
            // Long enough that only the broadcast can explain a page changing during the test.
            ["Tidings__Cache__PageSeconds"] = "600",
            ["Tidings__Cache__ChangePollMilliseconds"] = "600000",
            ["Tidings__Related__BackgroundMaintenance"] = "false",
        };

        // An admin: besides an editor's work, the test throws the spike mode switch on one node and reads it on the other.
        var added = await CliTests.RunWithAsync(Password + "\n", settings, "users", "add", "duty", "--role", "admin", "--name", "值班编辑", "--password-stdin", "--data-dir", Path.Combine(_root, "a"));
        Assert.True(added.Code == 0, added.Err);
        _a = await WebNode.StartAsync("a", Path.Combine(_root, "a"), settings);
        _b = await WebNode.StartAsync("b", Path.Combine(_root, "b"), settings);
    }

    [Fact]
    public async Task TwoNodes_ShareSignInAntiforgeryCommentsAndTrending_AndAPublishOnOneRefreshesTheOther()
    {
        using var onA = Browser(_a);
        using var onB = Browser(_b);
        Assert.Contains("redis", await onB.GetStringAsync("/readyz", TestContext.Current.CancellationToken), StringComparison.OrdinalIgnoreCase);

        // Both nodes cache the finance channel page for anonymous readers (signed-in requests bypass the cache).
        using var readerOnB = new HttpClient { BaseAddress = _b.BaseAddress };
        var before = await PageAsync(readerOnB, "/channel/finance");
        using (var cached = await readerOnB.GetAsync("/channel/finance", TestContext.Current.CancellationToken))
        {
            Assert.True(cached.Headers.Age is not null, "node B did not serve the channel page from its cache");
        }

        // Signed in on A; the cookie (signed with the shared keys) is accepted by B.
        var login = await PageAsync(onA, "/account/login");
        using (var signIn = await onA.PostAsync("/account/login", Form(login, new() { ["UserName"] = "duty", ["Password"] = Password }), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        await PageAsync(onB, "/newsroom");

        // A draft written on B from A's form (A's antiforgery token), published on A.
        var (channelId, sourceId) = await WithDbAsync(async db => (
            await db.Channels.Where(c => c.Slug == "finance").Select(c => c.Id).SingleAsync(),
            await db.Sources.Where(s => s.Slug == "chaoxun").Select(s => s.Id).SingleAsync()));
        const string title = "集群测试：两台节点共享同一份稿件";
        var editor = await PageAsync(onA, "/newsroom/articles/new");
        int id;
        using (var save = await onB.PostAsync("/newsroom/articles/new?handler=Save", Form(editor, new()
        {
            ["Form.Title"] = title,
            ["Form.Body"] = "第一段正文。\n\n第二段正文。",
            ["Form.ChannelId"] = channelId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.SourceId"] = sourceId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.BaseRevision"] = "0",
        }), TestContext.Current.CancellationToken))
        {
            Assert.True(save.StatusCode == HttpStatusCode.Redirect, $"save on B: {(int)save.StatusCode} {await save.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
            id = int.Parse(save.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        }

        var desk = await PageAsync(onA, $"/newsroom/articles/{id}");
        using (var publish = await onA.PostAsync($"/newsroom/articles/{id}?handler=Act", Form(desk, new() { ["action"] = "publish", ["revision"] = "1" }), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        }

        // B's cached channel page (600 s, polling every 10 min) shows the article within moments: only A's broadcast can do that.
        Assert.DoesNotContain(title, before.Body!.TextContent, StringComparison.Ordinal);
        var clock = Stopwatch.StartNew();
        while (!(await PageAsync(readerOnB, "/channel/finance")).Body!.TextContent.Contains(title, StringComparison.Ordinal))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "node B still serves its stale channel page 10 s after the publish on A");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        // A comment posted on A (from B's form) is on B's article page at once: B had the page in its article cache,
        // and A's eviction of that article reached it through Redis (B polls the database only every 10 minutes).
        var url = Tidings.Web.Features.Articles.ArticleUrls.For(id, await WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Slug).SingleAsync()));
        var article = await PageAsync(onB, url);
        await PageAsync(readerOnB, url);
        using (var cached = await readerOnB.GetAsync(url, TestContext.Current.CancellationToken))
        {
            Assert.Equal("hit", cached.Headers.GetValues("X-Tidings-Cache").Single());
        }

        var action = article.QuerySelector("#comment-form")!.GetAttribute("action")!;
        using (var post = new HttpRequestMessage(HttpMethod.Post, action)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["nickname"] = "节点读者", ["body"] = "在一台节点上发的跟贴，另一台也看得到。" }),
        })
        {
            post.Headers.Add("Sec-Fetch-Site", "same-origin");
            using var comment = await onA.SendAsync(post, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.SeeOther, comment.StatusCode);
        }

        clock.Restart();
        while (!(await PageAsync(readerOnB, url)).Body!.TextContent.Contains("在一台节点上发的跟贴，另一台也看得到。", StringComparison.Ordinal))
        {
            // The eviction arrives in milliseconds; the bound leaves room for B's render on a machine busy with the
            // other suites (in one process the comment shows on the very next view: ArticlePageCacheTests).
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "node B's article page does not show a comment posted on A within 5 s");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        // 突发新闻模式 thrown on A is in force on B within seconds (B reads the switch from the database), and
        // switched off on B, ends on A.
        var spikeForm = await PageAsync(onA, "/newsroom/spike");
        using (var on = await onA.PostAsync("/newsroom/spike?handler=On", Form(spikeForm, new() { ["comments"] = "PreModerate", ["hours"] = "1" }), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        }

        await UntilAsync(readerOnB, url, "s-maxage=300", "node B does not follow spike mode switched on at A");
        Assert.NotNull((await PageAsync(onB, "/newsroom")).QuerySelector(".spike-banner"));
        var offForm = await PageAsync(onB, "/newsroom/spike");
        using (var off = await onB.PostAsync("/newsroom/spike?handler=Off", Form(offForm, [], "form[action*=Off]"), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        }

        using var readerOnA = new HttpClient { BaseAddress = _a.BaseAddress };
        await UntilAsync(readerOnA, url, "s-maxage=30,", "node A does not follow spike mode switched off at B");
        Assert.Equal(["spike-on", "spike-off"], await WithDbAsync(db => db.AuditLog.Where(a => a.Action.StartsWith("spike")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync()));

        // Readers of the oldest demo story, all on A, put it at the top of B's hourly list.
        var oldest = await WithDbAsync(db => db.Articles.Where(a => a.ExternalId!.StartsWith("demo")).OrderBy(a => a.PublishedAt).Select(a => a.Id).FirstAsync());
        for (var reader = 0; reader < 5; reader++)
        {
            // A new client each time: a new visitor (cookie) every time, as separate readers would be.
            using var visitor = new HttpClient { BaseAddress = _a.BaseAddress };
            visitor.DefaultRequestHeaders.UserAgent.ParseAdd(WebNode.ReaderUserAgent);
            using var beacon = await visitor.PostAsync("/api/v1/events", new StringContent($$"""[{"type":"view","articleId":{{oldest}}},{"type":"read","articleId":{{oldest}}}]"""), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Accepted, beacon.StatusCode);
        }

        clock.Restart();
        while (await TopOfHourOnAsync(readerOnB) != oldest)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "node B does not rank what readers on A read");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        // 滚动直播: a reader's stream open on B gets an entry posted on A (one broadcast, then B reads it once).
        var liveDesk = await PageAsync(onA, $"/newsroom/articles/{id}/live");
        using (var start = await onA.PostAsync($"/newsroom/articles/{id}/live?handler=Start", Form(liveDesk, []), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        }

        using var streamReader = new HttpClient { BaseAddress = _b.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var stream = await streamReader.GetAsync($"/article/{id}/live/events", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType!.MediaType);
        using var lines = new StreamReader(await stream.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        Assert.StartsWith("retry:", await lines.ReadLineAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        liveDesk = await PageAsync(onA, $"/newsroom/articles/{id}/live");
        using (var entry = await onA.PostAsync($"/newsroom/articles/{id}/live?handler=Entry", Form(liveDesk, new() { ["Kind"] = "Text", ["Body"] = "在节点 A 发布的直播消息" }, "form[action*=Entry]"), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Redirect, entry.StatusCode);
        }

        using var delivery = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        delivery.CancelAfter(TimeSpan.FromSeconds(10));
        string? data = null;
        while (data is null && await lines.ReadLineAsync(delivery.Token) is { } line)
        {
            data = line.StartsWith("data: ", StringComparison.Ordinal) ? line[6..] : null;
        }

        Assert.Contains("在节点 A 发布的直播消息", data, StringComparison.Ordinal);
    }

    /// <summary>Polls an article page until its Cache-Control says <paramref name="expected"/> (within 10 s).</summary>
    private static async Task UntilAsync(HttpClient client, string url, string expected, string failure)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var response = await client.GetAsync(url);
            if (response.Headers.CacheControl?.ToString().Replace(" ", string.Empty, StringComparison.Ordinal).Contains(expected.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal) == true)
            {
                return;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), failure + ": " + response.Headers.CacheControl);
            await Task.Delay(200);
        }
    }

    private static async Task<int?> TopOfHourOnAsync(HttpClient client)
    {
        var list = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/trending?window=1h&limit=1");
        return list.GetProperty("items").EnumerateArray().Select(i => (int?)i.GetProperty("id").GetInt32()).FirstOrDefault();
    }

    private HttpClient Browser(WebNode node) =>
        new(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false }) { BaseAddress = node.BaseAddress };

    private static async Task<IHtmlDocument> PageAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {client.BaseAddress}{path.TrimStart('/')}: {(int)response.StatusCode}");
        return Parser.ParseDocument(html);
    }

    private static FormUrlEncodedContent Form(IHtmlDocument page, Dictionary<string, string> fields, string form = "form")
    {
        var token = page.QuerySelector($"{form} input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("no antiforgery token on the page");
        return new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token });
    }

    private async Task<T> WithDbAsync<T>(Func<TidingsDbContext, Task<T>> work)
    {
        await using var db = new TidingsDbContext(new DbContextOptionsBuilder<TidingsDbContext>().UseNpgsql(_database).Options);
        return await work(db);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in new[] { _a, _b })
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }
        }

        PostgresServer.DropDatabase(_database);
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
