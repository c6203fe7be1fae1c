using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tidings.Core.Spike;
using Tidings.Core.Trending;
using Tidings.IntegrationTests.Newsroom;
using Tidings.IntegrationTests.Postgres;
using Tidings.Web.Features.Articles;
using Tidings.Web.Features.Spike;
using Tidings.Web.Features.Trending;
using Tidings.Web.Infrastructure;

namespace Tidings.IntegrationTests;

/// <summary>
/// 扛得住热点: the article page as one shared copy. Each test takes its own article, so evictions by one never touch
/// another's, and the fixture is this class's alone and quiet (<see cref="ArticlePagePortal"/>).
/// </summary>
public abstract class ArticlePageCacheTests(NewsroomPortal portal)
{
    private ArticlePageCache Cache => portal.App.Services.GetRequiredService<ArticlePageCache>();

    [Fact]
    public async Task EveryReader_GetsTheSameBytes_AndNothingPersonal()
    {
        var (_, url) = await ArticleAsync(0);
        using var first = portal.Anonymous();
        using var second = portal.Anonymous();
        using var editor = await portal.SignInAsync("editor");
        second.DefaultRequestHeaders.Add("Cookie", "_ga=GA1.2.3; tsigned=0");

        var (rendered, renderedHeaders) = await GetAsync(first, url);
        var (again, headers) = await GetAsync(second, url);
        var (signedIn, _) = await GetAsync(editor, url);

        Assert.Equal("hit", Header(headers, "X-Tidings-Cache"));
        Assert.Equal(rendered, again);
        Assert.Equal(rendered, signedIn);
        Assert.Equal(Header(renderedHeaders, "ETag"), Header(headers, "ETag"));
        var html = System.Text.Encoding.UTF8.GetString(signedIn);
        Assert.DoesNotContain("__RequestVerificationToken", html, StringComparison.Ordinal);
        Assert.DoesNotContain("陈编辑", html, StringComparison.Ordinal);
        Assert.DoesNotContain("退出登录", html, StringComparison.Ordinal);

        // The page says who is signed in through the account API, asked only when the hint cookie is there.
        var account = await editor.GetFromJsonAsync<JsonElement>("/api/v1/account", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("陈编辑", account.GetProperty("name").GetString());
        Assert.Contains(account.GetProperty("links").EnumerateArray(), l => l.GetProperty("href").GetString() == "/newsroom");
        using var nobody = await first.GetAsync("/api/v1/account", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, nobody.StatusCode);

        // 关怀版 is rendered by the server: its own copy, never another reader's.
        using var care = portal.Anonymous();
        care.DefaultRequestHeaders.Add("Cookie", "tcare=1");
        var (carePage, _) = await GetAsync(care, url);
        Assert.NotEqual(rendered, carePage);
        Assert.Contains("class=\"care\"", System.Text.Encoding.UTF8.GetString(carePage), StringComparison.Ordinal);

        // Share links' tracking parameters neither split the cache nor leak into the copy.
        var (tracked, trackedHeaders) = await GetAsync(first, url + "?utm_source=wechat&from=timeline");
        Assert.Equal(rendered, tracked);
        Assert.Equal("hit", Header(trackedHeaders, "X-Tidings-Cache"));

        // What shared caches in front need: a lifetime for them, the variants, a key to purge by.
        Assert.Contains("s-maxage=", Header(headers, "Cache-Control"), StringComparison.Ordinal);
        Assert.Contains("stale-while-revalidate=", Header(headers, "Cache-Control"), StringComparison.Ordinal);
        Assert.Contains("Cookie", Header(headers, "Vary"), StringComparison.Ordinal);
        Assert.StartsWith("article-", Header(headers, "Surrogate-Key"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACommentAndACorrection_ShowOnTheNextView()
    {
        var (id, url) = await ArticleAsync(1);
        using var reader = portal.Anonymous();
        await GetAsync(reader, url);
        var (_, warm) = await GetAsync(reader, url);
        Assert.Equal("hit", Header(warm, "X-Tidings-Cache"));

        var token = (await reader.GetFromJsonAsync<JsonElement>("/api/v1/antiforgery", cancellationToken: TestContext.Current.CancellationToken)).GetProperty("token").GetString();
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/articles/{id}/comments") { Content = JsonContent.Create(new { nickname = "热心读者", body = "缓存之后的第一条跟贴" }) })
        {
            request.Headers.Add("RequestVerificationToken", token);
            using var posted = await reader.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }

        var page = await NewsroomPortal.PageAsync(reader, url);
        Assert.Contains("缓存之后的第一条跟贴", page.QuerySelector("[data-comment-list]")!.TextContent, StringComparison.Ordinal);
        var api = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/articles/{id}/comments", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(api.GetProperty("total").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector(".article__comments strong")!.TextContent);

        using var editor = await portal.SignInAsync("editor");
        using (var corrected = await NewsroomPortal.PostFormAsync(editor, $"/newsroom/articles/{id}", $"/newsroom/articles/{id}?handler=Correct", new() { ["correction"] = "缓存测试：原文数字有误，已更正。" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        }

        page = await NewsroomPortal.PageAsync(reader, url);
        Assert.Contains("缓存测试：原文数字有误，已更正。", page.QuerySelector(".article__corrections")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABurstOnAnEvictedArticle_IsOneRender()
    {
        var (id, url) = await ArticleAsync(2);
        using var reader = portal.Anonymous();
        var (expected, _) = await GetAsync(reader, url);

        Cache.EvictHere(id);
        var before = Cache.Renders;
        var bodies = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => GetAsync(reader, url)));
        Assert.Equal(1, Cache.Renders - before);
        Assert.All(bodies, b => Assert.Equal(expected, b.Body));

        // Stale after a site-wide change: one request renders, the others keep getting the previous copy.
        await portal.App.Services.GetRequiredService<ContentChanges>().ChangedHereAsync(TestContext.Current.CancellationToken);
        before = Cache.Renders;
        var stale = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => GetAsync(reader, url)));
        Assert.Equal(1, Cache.Renders - before);
        Assert.Contains(stale, b => Header(b.Headers, "X-Tidings-Cache") == "stale");
    }

    [Fact]
    public async Task Validators_Answer304_ForEveryEncoding()
    {
        var (_, url) = await ArticleAsync(3);
        using var reader = portal.Anonymous();
        var (_, headers) = await GetAsync(reader, url);
        var etag = Header(headers, "ETag");

        using (var request = new HttpRequestMessage(HttpMethod.Get, url))
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            using var response = await reader.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, url))
        {
            request.Headers.TryAddWithoutValidation("If-Modified-Since", Header(headers, "Last-Modified"));
            using var response = await reader.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, url))
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", "\"0123456789abcdef01234567\"");
            using var response = await reader.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task CompressedCopies_DecompressToTheSameBytes()
    {
        var (_, url) = await ArticleAsync(4);
        using var reader = portal.Anonymous();
        var (identity, plainHeaders) = await GetAsync(reader, url);
        foreach (var (encoding, open) in new (string, Func<Stream, Stream>)[]
        {
            ("br", s => new BrotliStream(s, CompressionMode.Decompress)),
            ("gzip", s => new GZipStream(s, CompressionMode.Decompress)),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding + ", deflate");
            using var response = await reader.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(encoding, Assert.Single(response.Content.Headers.ContentEncoding));
            var compressed = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
            Assert.True(compressed.Length < identity.Length / 3, $"{encoding}: {compressed.Length} of {identity.Length} bytes");
            await using var decompress = open(new MemoryStream(compressed));
            using var output = new MemoryStream();
            await decompress.CopyToAsync(output, TestContext.Current.CancellationToken);
            Assert.Equal(identity, output.ToArray());
            Assert.NotEqual(Header(plainHeaders, "ETag"), response.Headers.ETag!.ToString());
        }
    }

    [Fact]
    public async Task DuringAnOutage_CachedArticlesAreStillServed_OthersAnswer503()
    {
        var (id, url) = await ArticleAsync(5);
        var (_, coldUrl) = await ArticleAsync(6);
        using var reader = portal.Anonymous();
        var (expected, _) = await GetAsync(reader, url);
        // Stale, as every page is after the next site-wide change: now a render would need the database.
        await portal.App.Services.GetRequiredService<ContentChanges>().ChangedHereAsync(TestContext.Current.CancellationToken);

        var (body, headers) = await DuringOutageAsync(reader, url, HttpStatusCode.OK);
        Assert.Equal(expected, body);
        Assert.Equal("stale-if-error", Header(headers, "X-Tidings-Cache"));
        await DuringOutageAsync(reader, coldUrl, HttpStatusCode.ServiceUnavailable);

        // A page evicted by its own change (a withdrawal, say) is never served again, outage or not.
        Cache.EvictHere(id);
        await DuringOutageAsync(reader, url, HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task CrossSiteCommentPosts_AreRefused_SameSiteOnesWork()
    {
        var (id, url) = await ArticleAsync(7);
        using var reader = portal.Anonymous();
        var fields = new Dictionary<string, string> { ["nickname"] = "路人", ["body"] = "从别的网站提交的跟贴", ["returnUrl"] = url };
        foreach (var (name, value) in new[] { ("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Site", "same-site"), ("Origin", "https://evil.example"), ("Origin", "null") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/article/{id}/comments") { Content = new FormUrlEncodedContent(fields) };
            request.Headers.TryAddWithoutValidation(name, value);
            using var response = await reader.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{name}: {value} gave {(int)response.StatusCode}");
        }

        Assert.Equal(0, await portal.WithDbAsync(db => db.Comments.CountAsync(c => c.ArticleId == id)));

        using var own = new HttpRequestMessage(HttpMethod.Post, $"/article/{id}/comments") { Content = new FormUrlEncodedContent(fields) };
        own.Headers.TryAddWithoutValidation("Origin", "http://localhost");
        using var accepted = await reader.SendAsync(own, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
        Assert.Equal(1, await portal.WithDbAsync(db => db.Comments.CountAsync(c => c.ArticleId == id)));
    }

    [Fact]
    public async Task SpikeMode_FromTheNewsroom_ChangesHowTheSiteRuns_AndEndsByItself()
    {
        var (hotId, hotUrl) = await ArticleAsync(8);
        var (_, calmUrl) = await ArticleAsync(9);
        // The hottest article: pinned to the top of the site's trending list.
        await portal.WithDbAsync(async db =>
        {
            db.TrendingOverrides.Add(new TrendingOverride { ScopeKind = TrendingScopeKind.Site, ArticleId = hotId, Pinned = true, Position = 1, CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        await portal.App.Services.GetRequiredService<TrendingLists>().LoadOverridesAsync(CancellationToken.None);
        var spike = portal.App.Services.GetRequiredService<SpikeSwitch>();

        using var writer = await portal.SignInAsync("writer");
        using (var refused = await writer.GetAsync("/newsroom/spike", TestContext.Current.CancellationToken))
        {
            Assert.Contains("/account/denied", refused.Headers.Location?.OriginalString ?? string.Empty, StringComparison.Ordinal);
        }

        using var admin = await portal.SignInAsync("admin");
        using var reader = portal.Anonymous();
        try
        {
            using (var bad = await NewsroomPortal.PostFormAsync(admin, "/newsroom/spike", "/newsroom/spike?handler=On", new() { ["comments"] = "ReadOnly", ["hours"] = "99" }))
            {
                Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
                Assert.False(spike.IsActive);
            }

            using (var on = await NewsroomPortal.PostFormAsync(admin, "/newsroom/spike", "/newsroom/spike?handler=On", new() { ["comments"] = "ReadOnly", ["hours"] = "2" }))
            {
                Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
            }

            Assert.True(spike.IsActive);
            Assert.Equal("spike-on", await portal.WithDbAsync(db => db.AuditLog.OrderByDescending(a => a.Id).Select(a => a.Action).FirstAsync()));
            var dashboard = await NewsroomPortal.PageAsync(admin, "/newsroom");
            Assert.Contains("突发新闻模式开启中", dashboard.QuerySelector(".spike-banner")!.TextContent, StringComparison.Ordinal);

            // The hottest article: its thread stays, the form gives way to a polite notice, and a post is refused.
            var page = await NewsroomPortal.PageAsync(reader, hotUrl);
            Assert.Null(page.QuerySelector("#comment-form"));
            Assert.Contains("暂时只读", page.QuerySelector("#comments")!.TextContent, StringComparison.Ordinal);
            var (_, headers) = await GetAsync(reader, hotUrl);
            Assert.Contains("s-maxage=300", Header(headers, "Cache-Control"), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, await PostCommentAsync(reader, hotId, "突发新闻下的跟贴"));
            // Elsewhere readers talk as usual.
            Assert.NotNull((await NewsroomPortal.PageAsync(reader, calmUrl)).QuerySelector("#comment-form"));

            // 先审后发 instead: the comment is taken and held.
            using (var renew = await NewsroomPortal.PostFormAsync(admin, "/newsroom/spike", "/newsroom/spike?handler=On", new() { ["comments"] = "PreModerate", ["hours"] = "1" }))
            {
                Assert.Equal(HttpStatusCode.Redirect, renew.StatusCode);
            }

            Assert.Equal("spike-renew", await portal.WithDbAsync(db => db.AuditLog.OrderByDescending(a => a.Id).Select(a => a.Action).FirstAsync()));
            Assert.Equal(HttpStatusCode.Accepted, await PostCommentAsync(reader, hotId, "突发新闻下先审后发的跟贴"));
            Assert.Contains("先审后发", (await NewsroomPortal.PageAsync(reader, hotUrl)).QuerySelector("#comments")!.TextContent, StringComparison.Ordinal);

            // Its end time passes (moved into the past here rather than waited for): off by itself, audited once.
            await portal.WithDbAsync(db => db.SiteSettings.Where(s => s.Key == SpikeMode.SettingKey).ExecuteUpdateAsync(
                u => u.SetProperty(s => s.Value, SpikeMode.Serialize(new SpikeState(true, SpikeComments.PreModerate, DateTime.UtcNow.AddHours(-3), DateTime.UtcNow.AddMinutes(-1), "总编")))));
            await spike.RefreshAsync(CancellationToken.None);
            await spike.RefreshAsync(CancellationToken.None);
            Assert.False(spike.IsActive);
            Assert.Equal(1, await portal.WithDbAsync(db => db.AuditLog.CountAsync(a => a.Action == "spike-expired")));
            Assert.NotNull((await NewsroomPortal.PageAsync(reader, hotUrl)).QuerySelector("#comment-form"));
            Assert.Null((await NewsroomPortal.PageAsync(admin, "/newsroom")).QuerySelector(".spike-banner"));
        }
        finally
        {
            if (spike.IsActive)
            {
                using var off = await NewsroomPortal.PostFormAsync(admin, "/newsroom/spike", "/newsroom/spike?handler=Off", []);
            }

            await portal.WithDbAsync(db => db.TrendingOverrides.Where(o => o.ArticleId == hotId).ExecuteDeleteAsync());
            await portal.App.Services.GetRequiredService<TrendingLists>().LoadOverridesAsync(CancellationToken.None);
        }
    }

    private static async Task<HttpStatusCode> PostCommentAsync(HttpClient client, int articleId, string body)
    {
        var token = (await client.GetFromJsonAsync<JsonElement>("/api/v1/antiforgery")).GetProperty("token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/articles/{articleId}/comments") { Content = JsonContent.Create(new { nickname = "突发读者", body }) };
        request.Headers.Add("RequestVerificationToken", token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<(byte[] Body, HttpResponseMessage Headers, HttpStatusCode Status)> GetFullAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return (await response.Content.ReadAsByteArrayAsync(), response, response.StatusCode);
    }

    private static async Task<(byte[] Body, HttpResponseMessage Headers)> GetAsync(HttpClient client, string url)
    {
        var (body, response, status) = await GetFullAsync(client, url);
        Assert.True(status == HttpStatusCode.OK, $"GET {url}: {(int)status}");
        return (body, response);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(", ", content)
        : throw new InvalidOperationException("no " + name + " header");

    /// <summary>
    /// One request while the database circuit is open (as after a failed connection). The circuit closes by itself
    /// after a couple of seconds; on a machine slow enough to let that pass first, the request is tried again.
    /// </summary>
    private async Task<(byte[] Body, HttpResponseMessage Headers)> DuringOutageAsync(HttpClient client, string url, HttpStatusCode expected)
    {
        var circuit = portal.App.Services.GetRequiredService<DatabaseCircuit>();
        for (var attempt = 0; ; attempt++)
        {
            var tripped = DateTime.UtcNow;
            circuit.Failed(new NpgsqlException("test outage", new System.Net.Sockets.SocketException()));
            var (body, response, status) = await GetFullAsync(client, url);
            circuit.Reset();
            if (status == expected || attempt == 2 || DateTime.UtcNow - tripped < DatabaseCircuit.OpenFor)
            {
                Assert.True(status == expected, $"GET {url} during the outage: {(int)status}, expected {(int)expected}");
                return (body, response);
            }
        }
    }

    /// <summary>A demo article without comments.</summary>
    private Task<(int Id, string Url)> ArticleAsync(int skip) =>
        portal.WithDbAsync(async db =>
        {
            var a = await db.Articles
                .Where(a => !db.Comments.Any(c => c.ArticleId == a.Id) && a.ExternalId!.StartsWith("demo:") && a.Channel!.Slug != "mil")
                .OrderByDescending(a => a.Id).Skip(skip)
                .Select(a => new { a.Id, a.Slug })
                .FirstAsync();
            return (a.Id, ArticleUrls.For(a.Id, a.Slug));
        });
}

/// <summary>
/// The newsroom portal with nothing in the background that changes pages by itself: no related-list refreshes (they
/// evict), no database poll for changes made elsewhere (it makes every page stale). Only what a test does changes a
/// page, so "hit", "stale" and render counts mean what they say.
/// </summary>
public class ArticlePagePortal : NewsroomPortal
{
    private static readonly Dictionary<string, string> Quiet = new()
    {
        ["Tidings:Related:BackgroundMaintenance"] = "false",
        ["Tidings:Cache:ChangePollMilliseconds"] = "600000",
    };

    public ArticlePagePortal()
        : base(onPostgres: false, Quiet)
    {
    }

    protected ArticlePagePortal(bool onPostgres)
        : base(onPostgres, Quiet)
    {
    }
}

public sealed class PostgresArticlePagePortal() : ArticlePagePortal(onPostgres: true);

public sealed class ArticlePageCacheTestsOnSqlite(ArticlePagePortal portal) : ArticlePageCacheTests(portal), IClassFixture<ArticlePagePortal>;

[OnPostgres]
public sealed class ArticlePageCacheTestsOnPostgres(PostgresArticlePagePortal portal) : ArticlePageCacheTests(portal), IClassFixture<PostgresArticlePagePortal>;
