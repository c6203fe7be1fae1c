using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tidings.Core.Newsroom;
using Tidings.IntegrationTests.Postgres;
using Tidings.Web.Features.Trending;

namespace Tidings.IntegrationTests;

public abstract class TrendingTests(PortalFactory portal)
{
    private static HttpRequestMessage Beacon(string body, string userAgent = WebNode.ReaderUserAgent, string? cookie = null, bool doNotTrack = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events") { Content = new StringContent(body, Encoding.UTF8, "text/plain") };
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (doNotTrack)
        {
            request.Headers.Add("Sec-GPC", "1");
        }

        return request;
    }

    private Task<int> LeastRecentDemoArticleAsync() =>
        portal.WithDbAsync(db => db.Articles.Where(a => a.ExternalId!.StartsWith("demo")).OrderBy(a => a.PublishedAt).Select(a => a.Id).FirstAsync());

    [Fact]
    public async Task Events_AreAccepted_WithASignedVisitorCookie_ButNoneForClientsThatOptOut()
    {
        using var client = portal.Browser();
        var id = await LeastRecentDemoArticleAsync();
        using var response = await client.SendAsync(Beacon($$"""[{"type":"view","articleId":{{id}}}]"""), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("tv=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);

        using var optedOut = await client.SendAsync(Beacon($$"""{"events":[{"type":"read","articleId":{{id}}}]}""", doNotTrack: true), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, optedOut.StatusCode);
        Assert.False(optedOut.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""[{"type":"comment","articleId":1}]""")]
    [InlineData("""[{"type":"view","articleId":0}]""")]
    [InlineData("""[{"type":"view"}]""")]
    [InlineData("""{"type":"view","articleId":1}""")]
    public async Task BadBatches_GetA400ThatSaysWhy(string body)
    {
        using var client = portal.Browser();
        using var response = await client.SendAsync(Beacon(body), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").GetProperty("events").GetArrayLength() > 0);
    }

    [Fact]
    public async Task OversizedBatches_AreRefused()
    {
        using var client = portal.Browser();
        var many = "[" + string.Join(',', Enumerable.Repeat("""{"type":"view","articleId":1}""", EventsApi.MaxEvents + 1)) + "]";
        using var tooMany = await client.SendAsync(Beacon(many), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        using var tooLarge = await client.SendAsync(Beacon("[" + new string(' ', EventsApi.MaxBodyBytes) + "]"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, tooLarge.StatusCode);
    }

    [Fact]
    public async Task ABeaconStorm_FromOneVisitor_IsRateLimited()
    {
        using var client = portal.Browser();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            using var response = await client.SendAsync(Beacon("""[{"type":"view","articleId":1}]""", cookie: "tv=storm-visitor"), TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.Accepted, statuses);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task Views_ReachTheTrendingApiAndPages_WhileBotsAreIgnored()
    {
        var ids = await portal.WithDbAsync(db => db.Articles.Where(a => a.ExternalId!.StartsWith("demo")).OrderBy(a => a.PublishedAt).Select(a => a.Id).Take(3).ToListAsync());
        var (hot, ignored) = (ids[1], ids[2]);
        using var client = portal.Browser();
        foreach (var signal in new[] { "view", "read", "share" })
        {
            using var response = await client.SendAsync(Beacon($$"""[{"type":"{{signal}}","articleId":{{hot}}}]"""), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        for (var i = 0; i < 5; i++)
        {
            using var bot = await client.SendAsync(Beacon($$"""[{"type":"view","articleId":{{ignored}}}]""", userAgent: "Mozilla/5.0 (compatible; Baiduspider/2.0)"), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Accepted, bot.StatusCode);
        }

        await portal.Services.GetRequiredService<TrendingIngestion>().DrainAsync(CancellationToken.None);

        var trending = await client.GetFromJsonAsync<JsonElement>("/api/v1/trending?window=1h&limit=5", cancellationToken: TestContext.Current.CancellationToken);
        var items = trending.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("id").GetInt32() == hot);
        Assert.DoesNotContain(items, i => i.GetProperty("id").GetInt32() == ignored);
        Assert.All(items, i => Assert.True(i.GetProperty("score").GetDouble() > 0));

        // The snapshot is in the database, so a restart resumes the ranking.
        Assert.True(await portal.WithDbAsync(db => db.TrendingBuckets.AnyAsync(b => b.ArticleId == hot)));

        // The article page carries what its beacon script needs.
        var page = await portal.GetPageAsync(await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == hot).Select(a => "/article/" + a.Id + "/" + a.Slug).FirstAsync()));
        Assert.Equal(hot.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("article[data-article-id]")!.GetAttribute("data-article-id"));
        Assert.NotNull(page.QuerySelector("script[src='/js/signals.js']"));

        // 热点推荐 on the home page leads with what readers are reading, not merely the newest.
        var home = await portal.GetPageAsync("/");
        var hrefs = home.QuerySelectorAll("section[aria-labelledby=trending-title] li > a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains(hrefs, h => h!.StartsWith($"/article/{hot}/", StringComparison.Ordinal) || h == $"/article/{hot}");
    }

    [Fact]
    public async Task HotPage_AndChannelPages_ShowWhatReadersRead()
    {
        var finance = await portal.WithDbAsync(db => db.Articles.Where(a => a.Channel!.Slug == "finance" && a.ExternalId!.StartsWith("demo")).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync());
        using var client = portal.Browser();
        using (var response = await client.SendAsync(Beacon($$"""[{"type":"view","articleId":{{finance}}},{"type":"read","articleId":{{finance}}}]"""), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await portal.Services.GetRequiredService<TrendingIngestion>().DrainAsync(CancellationToken.None);

        var hot = await portal.GetPageAsync("/hot?scope=channel:finance&window=1h");
        Assert.Equal("财经热点排行", hot.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains(hot.QuerySelectorAll(".trending li > a"), a => a.GetAttribute("href")!.StartsWith($"/article/{finance}", StringComparison.Ordinal));
        Assert.Equal("1小时", hot.QuerySelector("a[aria-current=page]")!.TextContent);
        Assert.Contains(hot.QuerySelectorAll(".tabs a"), a => a.GetAttribute("href") == "/hot?scope=channel%3Afinance&window=7d");

        var channel = await portal.GetPageAsync("/channel/finance");
        Assert.Contains(channel.QuerySelectorAll("aside .trending li > a"), a => a.GetAttribute("href")!.StartsWith($"/article/{finance}", StringComparison.Ordinal));

        await portal.GetPageAsync("/hot");
        await portal.GetPageAsync("/hot?window=2h", 404);
        await portal.GetPageAsync("/hot?scope=channel:no-such-channel", 404);
    }

    [Fact]
    public async Task EditorialOverrides_AreClosedWithoutAnOperatorToken()
    {
        using var client = portal.Browser();
        using var response = await client.PostAsJsonAsync("/api/v1/trending/overrides", new { scope = "site", articleId = 1, action = "pin" }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task EditorialOverrides_PinAndSuppress_WithTheOperatorToken()
    {
        // A portal of its own (on this class's provider): the lists it checks must hold only what this test sent.
        using var editorial = NewPortal();
        using var factory = editorial.WithWebHostBuilder(b => b.UseSetting("Tidings:OperatorToken", "s3cret-token"));
        using var client = factory.CreateClient();
        var ids = await WithDb(factory, db => db.Articles.Where(a => a.ExternalId!.StartsWith("demo")).OrderBy(a => a.Id).Select(a => a.Id).Take(2).ToListAsync());

        using (var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/v1/trending/overrides") { Content = JsonContent.Create(new { articleId = ids[0], action = "pin" }) })
        {
            wrong.Headers.Authorization = new("Bearer", "guess");
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong, TestContext.Current.CancellationToken)).StatusCode);
        }

        client.DefaultRequestHeaders.Authorization = new("Bearer", "s3cret-token");
        using (var bad = await client.PostAsJsonAsync("/api/v1/trending/overrides", new { scope = "galaxy", articleId = 999_999, action = "promote", position = 99 }, cancellationToken: TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>(cancellationToken: TestContext.Current.CancellationToken)).GetProperty("errors");
            foreach (var field in new[] { "scope", "articleId", "action" })
            {
                Assert.True(errors.TryGetProperty(field, out _), field);
            }
        }

        using var pin = await client.PostAsJsonAsync("/api/v1/trending/overrides", new { scope = "site", articleId = ids[0], action = "pin", position = 1, hours = 2 }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, pin.StatusCode);
        var pinId = (await pin.Content.ReadFromJsonAsync<JsonElement>(cancellationToken: TestContext.Current.CancellationToken)).GetProperty("id").GetInt32();

        // A view for the other article makes it trend; suppressing it keeps it out.
        client.DefaultRequestHeaders.UserAgent.ParseAdd(WebNode.ReaderUserAgent);
        await client.PostAsync("/api/v1/events", new StringContent($$"""[{"type":"view","articleId":{{ids[1]}}}]"""), TestContext.Current.CancellationToken);
        await factory.Services.GetRequiredService<TrendingIngestion>().DrainAsync(CancellationToken.None);
        var before = await client.GetFromJsonAsync<JsonElement>("/api/v1/trending?window=1h", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([ids[0], ids[1]], before.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).Take(2));

        using (var suppress = await client.PostAsJsonAsync("/api/v1/trending/overrides", new { articleId = ids[1], action = "suppress" }, cancellationToken: TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, suppress.StatusCode);
        }

        await factory.Services.GetRequiredService<TrendingIngestion>().DrainAsync(CancellationToken.None);
        var after = await client.GetFromJsonAsync<JsonElement>("/api/v1/trending?window=1h", cancellationToken: TestContext.Current.CancellationToken);
        Assert.DoesNotContain(after.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt32() == ids[1]);

        var listed = await client.GetFromJsonAsync<JsonElement>("/api/v1/trending/overrides", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(2, listed.GetArrayLength());
        // Without hours a placement still lapses, after the longest lifetime any door allows (thirty days).
        var suppressed = listed.EnumerateArray().Single(o => o.GetProperty("articleId").GetInt32() == ids[1]);
        var lapses = suppressed.GetProperty("expiresAt").GetDateTimeOffset() - DateTimeOffset.UtcNow;
        Assert.InRange(lapses.TotalHours, PlacementLifetime.MaxHours - 1, PlacementLifetime.MaxHours);
        using (var forAYear = await client.PostAsJsonAsync("/api/v1/trending/overrides", new { articleId = ids[1], action = "suppress", hours = 8760 }, cancellationToken: TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forAYear.StatusCode);
            Assert.True((await forAYear.Content.ReadFromJsonAsync<JsonElement>(cancellationToken: TestContext.Current.CancellationToken)).GetProperty("errors").TryGetProperty("hours", out _));
        }

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/trending/overrides/{pinId}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/v1/trending/overrides/{pinId}", TestContext.Current.CancellationToken)).StatusCode);
    }

    /// <summary>A fresh portal on the same provider as the class's fixture.</summary>
    protected abstract PortalFactory NewPortal();

    private static async Task<T> WithDb<T>(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory, Func<Tidings.Core.Data.TidingsDbContext, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<Tidings.Core.Data.TidingsDbContext>());
    }

    [Theory]
    [InlineData("?window=2h", "window")]
    [InlineData("?scope=channel:no-such-channel", "scope")]
    [InlineData("?scope=everything", "scope")]
    [InlineData("?limit=0", "limit")]
    public async Task TrendingApi_RejectsBadParameters(string query, string field)
    {
        using var client = portal.Browser();
        using var response = await client.GetAsync("/api/v1/trending" + query, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task TrendingApi_ServesChannelAndRegionScopes()
    {
        using var client = portal.Browser();
        foreach (var scope in new[] { "site", "channel:finance", "region:shandong" })
        {
            using var response = await client.GetAsync($"/api/v1/trending?scope={scope}&window=7d", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}

public sealed class TrendingTestsOnSqlite(PortalFactory portal) : TrendingTests(portal), IClassFixture<PortalFactory>
{
    protected override PortalFactory NewPortal() => new();
}

[OnPostgres]
public sealed class TrendingTestsOnPostgres(PostgresPortalFactory portal) : TrendingTests(portal), IClassFixture<PostgresPortalFactory>
{
    protected override PortalFactory NewPortal() => new PostgresPortalFactory();
}

/// <summary>The same contract with the counts, gate and lists in Redis.</summary>
[OnPostgres]
[OnRedis]
public sealed class TrendingTestsOnRedis(RedisPortalFactory portal) : TrendingTests(portal), IClassFixture<RedisPortalFactory>
{
    protected override PortalFactory NewPortal() => new RedisPortalFactory();

    [Fact]
    public void TheNode_KeepsRedisTimeoutsTheOperatorWrote_AndShortensTheOthers()
    {
        // The test configuration writes 10 s answer timeouts (RedisServer.ForCluster) and no connect timeout.
        var options = StackExchange.Redis.ConfigurationOptions.Parse(portal.Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>().Configuration);
        Assert.Equal((10_000, 10_000, 2_000), (options.SyncTimeout, options.AsyncTimeout, options.ConnectTimeout));
    }
}
