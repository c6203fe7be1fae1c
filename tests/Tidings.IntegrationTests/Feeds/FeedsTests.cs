using System.Globalization;
using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tidings.Core.Articles;
using Tidings.Web.Features.Articles;

namespace Tidings.IntegrationTests.Feeds;

/// <summary>RSS and Atom read back with a feed parser, as a reader's app or a partner's importer would.</summary>
public sealed class FeedsTests(FeedsPortal portal) : IClassFixture<FeedsPortal>
{
    private const int Items = 30;
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";

    private static SyndicationFeed Parse(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml));
        return SyndicationFeed.Load(reader);
    }

    public static TheoryData<string, string> Lists() => new()
    {
        { "site", string.Empty },
        { "channel", "finance" },
        { "channel", "local" },
        { "region", "shandong" },
        { "source", "chaoxun" },
        { "tag", "新能源汽车" },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task EveryFeed_ParsesBack_WithTheListsNewestArticles_InBothFormats(string kind, string slug)
    {
        var expected = await portal.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var published = db.Published(now);
            published = kind switch
            {
                "site" => published,
                "channel" => published.Where(a => a.Channel!.Slug == slug),
                "region" => published.Where(a => a.Region!.Slug == slug),
                "source" => published.Where(a => a.Source!.Slug == slug),
                _ => published.Where(a => db.ArticleTags.Any(at => at.ArticleId == a.Id && db.Tags.Any(t => t.Id == at.TagId && t.Slug == slug))),
            };
            return await published.Newest().Take(Items).Select(a => new { a.Id, a.Slug, a.Title, PublishedAt = a.PublishedAt!.Value }).ToListAsync();
        });
        Assert.NotEmpty(expected);

        using var client = portal.Client();
        foreach (var extension in new[] { ".rss", ".atom" })
        {
            var path = kind == "site" ? "/feeds/" + (extension == ".rss" ? "rss.xml" : "atom.xml") : $"/feeds/{kind}/{Uri.EscapeDataString(slug)}{extension}";
            using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(extension == ".rss" ? "application/rss+xml" : "application/atom+xml", response.Content.Headers.ContentType!.MediaType);
            var xml = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            var feed = Parse(xml);

            Assert.Equal(expected.Select(a => a.Title), feed.Items.Select(i => i.Title.Text));
            foreach (var (item, article) in feed.Items.Zip(expected))
            {
                Assert.Equal("http://localhost" + ArticleUrls.For(article.Id, article.Slug), item.Links.Single(l => l.RelationshipType is null or "alternate").Uri.AbsoluteUri);
                Assert.Equal(article.PublishedAt, item.PublishDate.UtcDateTime, TimeSpan.FromSeconds(1));
                Assert.Equal(TimeSpan.FromHours(8), item.PublishDate.Offset);
                Assert.False(string.IsNullOrWhiteSpace(item.Summary?.Text));
            }

            // Full content is on in this portal: the body travels with its links made absolute.
            var doc = XDocument.Parse(xml);
            var bodies = extension == ".rss"
                ? doc.Descendants(Content + "encoded").Select(e => e.Value).ToList()
                : feed.Items.Select(i => ((TextSyndicationContent)i.Content).Text).ToList();
            Assert.Equal(expected.Count, bodies.Count);
            Assert.All(bodies, b => Assert.Contains("<p>", b, StringComparison.Ordinal));
            Assert.DoesNotContain(bodies, b => b.Contains("src=\"/", StringComparison.Ordinal) || b.Contains("href=\"/", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task EveryListPage_AdvertisesItsFeeds_AndTheyResolve()
    {
        using var client = portal.Client();
        foreach (var page in new[] { "/", "/channel/finance", "/region/shandong", "/source/chaoxun", "/tag/" + Uri.EscapeDataString("新能源汽车") })
        {
            var html = CommentsPortal.Parse(await client.GetStringAsync(page, TestContext.Current.CancellationToken));
            var links = html.QuerySelectorAll("link[rel=alternate][type]").Select(l => (Type: l.GetAttribute("type"), Href: l.GetAttribute("href")!)).ToList();
            Assert.Contains(links, l => l.Type == "application/rss+xml" && l.Href == "/feeds/rss.xml");
            Assert.Contains(links, l => l.Type == "application/atom+xml" && l.Href == "/feeds/atom.xml");
            Assert.True(links.Count == (page == "/" ? 2 : 4), $"{page}: {links.Count} feed links");
            foreach (var (_, href) in links)
            {
                using var response = await client.GetAsync(href, TestContext.Current.CancellationToken);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page} advertises {href}: {(int)response.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task AnEditedArticle_ReachesTheCachedFeed_WithChineseAndMarkupEscaped_AndBadCharactersDropped()
    {
        using var client = portal.Client();
        var before = await client.GetStringAsync("/feeds/channel/sports.rss", TestContext.Current.CancellationToken);
        using (var cached = await client.GetAsync("/feeds/channel/sports.rss", TestContext.Current.CancellationToken))
        {
            // Served from the output cache (which adds Age), so only invalidation can change it.
            Assert.NotNull(cached.Headers.Age);
            Assert.Equal(before, await cached.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        // An edit made outside this request pipeline (as the import verb or another node would make it).
        var title = "测试<b>粗体</b> & “引号”的标题";
        var id = await portal.WithDbAsync(async db =>
        {
            var article = await db.Articles.Where(a => a.Channel!.Slug == "sports" && a.Status == ArticleStatus.Published).OrderBy(a => a.Id).FirstAsync();
            article.Title = title + "\u0001";
            article.Summary = "摘要里有 <script>alert(1)</script> 和 &amp;";
            article.PublishedAt = DateTime.UtcNow.AddSeconds(-1);
            article.UpdatedAt = DateTime.UtcNow;
            await db.SaveChangesAsync();
            return article.Id;
        });

        string xml = before;
        await FeedsPortal.EventuallyAsync(async () => (xml = await client.GetStringAsync("/feeds/channel/sports.rss")) != before, "the feed to change");
        var first = Parse(xml).Items.First();
        Assert.Equal(title, first.Title.Text);
        Assert.Equal("摘要里有 <script>alert(1)</script> 和 &amp;", first.Summary.Text);
        Assert.EndsWith("/article/" + id.ToString(CultureInfo.InvariantCulture), first.Id, StringComparison.Ordinal);
        // Escaped in the document, never live markup.
        Assert.Contains("测试&lt;b&gt;粗体&lt;/b&gt; &amp; “引号”的标题", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConditionalRequests_GetNotModified()
    {
        using var client = portal.Client();
        foreach (var path in new[] { "/feeds/atom.xml", "/feeds/channel/tech.rss" })
        {
            using var first = await client.GetAsync(path, TestContext.Current.CancellationToken);
            var etag = first.Headers.ETag!;
            var lastModified = first.Content.Headers.LastModified!.Value;

            using var byTag = new HttpRequestMessage(HttpMethod.Get, path);
            byTag.Headers.IfNoneMatch.Add(etag);
            using var notModified = await client.SendAsync(byTag, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));

            using var byDate = new HttpRequestMessage(HttpMethod.Get, path);
            byDate.Headers.IfModifiedSince = lastModified;
            using var notModifiedByDate = await client.SendAsync(byDate, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotModified, notModifiedByDate.StatusCode);

            using var stale = new HttpRequestMessage(HttpMethod.Get, path);
            stale.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"older\""));
            using var full = await client.SendAsync(stale, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        }
    }

    [Fact]
    public async Task TheEndpointItself_AnswersConditionalRequests_NotOnlyTheCache()
    {
        using var client = portal.Client();
        using var first = await client.GetAsync("/feeds/region/zhejiang.atom", TestContext.Current.CancellationToken);
        await portal.App.Services.GetRequiredService<Tidings.Web.Infrastructure.ContentChanges>().ChangedAsync(TestContext.Current.CancellationToken);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/feeds/region/zhejiang.atom");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Null(response.Headers.Age);
    }

    [Fact]
    public async Task WithdrawingTheNewestArticle_IsNotHiddenBehindIfModifiedSince()
    {
        using var client = portal.Client();
        var before = await client.GetAsync("/feeds/channel/auto.rss", TestContext.Current.CancellationToken);
        var lastModified = before.Content.Headers.LastModified!.Value;
        var body = await before.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        before.Dispose();
        portal.DocumentClock.Advance(TimeSpan.FromSeconds(1)); // Last-Modified has whole seconds.
        await portal.WithDbAsync(async db =>
        {
            var newest = await db.Published(DateTime.UtcNow).Where(a => a.Channel!.Slug == "auto").Newest().Select(a => a.Id).FirstAsync();
            await db.Articles.Where(a => a.Id == newest).ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, ArticleStatus.Unpublished).SetProperty(a => a.UpdatedAt, DateTime.UtcNow));
            return newest;
        });
        await FeedsPortal.EventuallyAsync(async () => await client.GetStringAsync("/feeds/channel/auto.rss") != body, "the feed to drop the article");

        // A reader that only remembers the date must get the new list, although its newest item is now older.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/feeds/channel/auto.rss");
        request.Headers.IfModifiedSince = lastModified;
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Head_AnswersLikeGet()
    {
        // (Kestrel drops a HEAD response's body; the in-memory test server does not, so only the head is compared.)
        using var client = portal.Client();
        foreach (var path in new[] { "/feeds/rss.xml", "/feeds/channel/finance.atom", "/sitemap.xml", "/sitemaps/articles-1.xml", "/robots.txt", "/article/1/qr" })
        {
            using var get = await client.GetAsync(path, TestContext.Current.CancellationToken);
            using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path), TestContext.Current.CancellationToken);
            Assert.True(head.StatusCode == HttpStatusCode.OK, $"HEAD {path}: {(int)head.StatusCode}");
            Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        }
    }

    [Theory]
    [InlineData("/feeds/site/anything.rss")]
    [InlineData("/feeds/channel/no-such-channel.rss")]
    [InlineData("/feeds/planet/finance.rss")]
    [InlineData("/feeds/channel/finance.json")]
    [InlineData("/feeds/channel/.rss")]
    [InlineData("/feeds/tag/" + "%E4%B8%8D%E5%AD%98%E5%9C%A8" + ".atom")]
    public async Task UnknownFeeds_Are404(string path)
    {
        using var client = portal.Client();
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
