using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Articles;
using Tidings.Web.Features.Articles;

namespace Tidings.IntegrationTests.Feeds;

/// <summary>Sitemaps read back as a crawler reads them: the index, then every file it names.</summary>
public sealed class SitemapsTests(FeedsPortal portal) : IClassFixture<FeedsPortal>
{
    private static readonly XNamespace Sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace News = "http://www.google.com/schemas/sitemap-news/0.9";

    private static string Iso(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private async Task<Dictionary<string, string>> PublishedAsync() => await portal.WithDbAsync(async db =>
        (await db.Published(DateTime.UtcNow).Select(a => new { a.Id, a.Slug, a.UpdatedAt, PublishedAt = a.PublishedAt!.Value }).ToListAsync())
            .ToDictionary(a => "http://localhost" + ArticleUrls.For(a.Id, a.Slug), a => Iso(a.UpdatedAt > a.PublishedAt ? a.UpdatedAt : a.PublishedAt)));

    /// <summary>
    /// Every article URL in every article sitemap the index names, with its lastmod, checking each file. A scheduled
    /// article falling due during the crawl changes the site under the crawler (a file built after it is due, an
    /// index cached until the node's next change poll); such a crawl is repeated for a few seconds, longer than a poll,
    /// so only an inconsistency that lasts fails.
    /// </summary>
    private static async Task<Dictionary<string, string>> CrawlAsync(HttpClient client)
    {
        for (var attempt = 1; ; attempt++)
        {
            var before = await client.GetStringAsync("/sitemap.xml");
            var (found, problems) = await CrawlOnceAsync(client, before);
            var settled = before == await client.GetStringAsync("/sitemap.xml") && problems.Count == 0;
            if (settled || attempt == 20)
            {
                Assert.True(problems.Count == 0, string.Join("\n", problems));
                return found;
            }

            await Task.Delay(250);
        }
    }

    private static async Task<(Dictionary<string, string> Found, List<string> Problems)> CrawlOnceAsync(HttpClient client, string indexXml)
    {
        var index = XDocument.Parse(indexXml);
        Assert.Equal(Sm + "sitemapindex", index.Root!.Name);
        var found = new Dictionary<string, string>();
        var problems = new List<string>();
        foreach (var sitemap in index.Root.Elements(Sm + "sitemap"))
        {
            var loc = new Uri(sitemap.Element(Sm + "loc")!.Value);
            if (!loc.AbsolutePath.StartsWith("/sitemaps/articles-", StringComparison.Ordinal))
            {
                continue;
            }

            // Crawlers ask for gzip; the file must come back the same either way.
            using var request = new HttpRequestMessage(HttpMethod.Get, loc.AbsolutePath);
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
            using var zipped = await client.SendAsync(request);
            Assert.Equal("gzip", zipped.Content.Headers.ContentEncoding.Single());
            await using var inflate = new System.IO.Compression.GZipStream(await zipped.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
            var fromGzip = XDocument.Load(inflate);
            var plain = XDocument.Parse(await client.GetStringAsync(loc.AbsolutePath));
            if (plain.ToString() != fromGzip.ToString())
            {
                problems.Add($"{loc.AbsolutePath}: gzip and plain differ");
            }

            var urls = plain.Root!.Elements(Sm + "url").ToList();
            if (urls.Count is < 1 or > FeedsPortal.UrlsPerFile)
            {
                problems.Add($"{loc.AbsolutePath}: {urls.Count} URLs");
                continue;
            }

            foreach (var url in urls)
            {
                if (!found.TryAdd(url.Element(Sm + "loc")!.Value, url.Element(Sm + "lastmod")!.Value))
                {
                    problems.Add("listed twice: " + url.Element(Sm + "loc")!.Value);
                }
            }

            var newest = urls.Max(u => DateTimeOffset.Parse(u.Element(Sm + "lastmod")!.Value, CultureInfo.InvariantCulture));
            var stated = DateTimeOffset.Parse(sitemap.Element(Sm + "lastmod")!.Value, CultureInfo.InvariantCulture);
            if (newest != stated)
            {
                problems.Add($"{loc.AbsolutePath}: the index says {stated:o}, the file's newest is {newest:o}");
            }
        }

        return (found, problems);
    }

    [Fact]
    public async Task TheIndex_LeadsACrawlerToEveryPublishedArticleOnce_WithItsLastModification()
    {
        using var client = portal.Client();
        var expected = await PublishedAsync();
        Assert.True(expected.Count > 2 * FeedsPortal.UrlsPerFile, "the demo should span several sitemap files");
        var found = await CrawlAsync(client);
        Assert.Equal(expected.OrderBy(p => p.Key), found.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task Unpublishing_AndScheduling_ReachTheSitemaps()
    {
        using var client = portal.Client();
        Assert.NotEmpty(await CrawlAsync(client));
        var (withdrawn, scheduled) = await portal.WithDbAsync(async db =>
        {
            var two = await db.Articles.Where(a => a.Status == ArticleStatus.Published).OrderByDescending(a => a.Id).Take(2).ToListAsync();
            two[0].Status = ArticleStatus.Unpublished;
            two[0].UpdatedAt = DateTime.UtcNow;
            // Far enough ahead that the checks below finish before it is due, even on a slow machine.
            two[1].PublishedAt = DateTime.UtcNow.AddSeconds(8);
            two[1].UpdatedAt = DateTime.UtcNow;
            await db.SaveChangesAsync();
            return ("http://localhost" + ArticleUrls.For(two[0].Id, two[0].Slug), "http://localhost" + ArticleUrls.For(two[1].Id, two[1].Slug));
        });

        await FeedsPortal.EventuallyAsync(async () => !(await CrawlAsync(client)).ContainsKey(withdrawn), "the withdrawn article to leave");
        Assert.DoesNotContain(scheduled, (await CrawlAsync(client)).Keys);
        // The scheduled one appears when its time comes, with nobody touching the database again.
        await FeedsPortal.EventuallyAsync(async () => (await CrawlAsync(client)).ContainsKey(scheduled), "the scheduled article to appear");
        Assert.Equal(await PublishedAsync(), await CrawlAsync(client));
    }

    [Fact]
    public async Task NewsSitemap_HasTheLastTwoDays_WithPublicationFacts()
    {
        using var client = portal.Client();
        var recent = await portal.WithDbAsync(db => db.Published(DateTime.UtcNow).Where(a => a.PublishedAt >= DateTime.UtcNow.AddHours(-47.9))
            .Select(a => new { a.Id, a.Slug, a.Title, a.Language, PublishedAt = a.PublishedAt!.Value }).ToListAsync());
        var older = await portal.WithDbAsync(db => db.Published(DateTime.UtcNow).CountAsync(a => a.PublishedAt < DateTime.UtcNow.AddHours(-48.1)));
        Assert.NotEmpty(recent);
        // The demo's English edition has recent stories too: each entry names its article's language.
        Assert.Contains(recent, a => a.Language == "en");
        Assert.True(older > 0, "the demo should have articles older than two days");

        var doc = XDocument.Parse(await client.GetStringAsync("/sitemaps/news.xml", TestContext.Current.CancellationToken));
        var urls = doc.Root!.Elements(Sm + "url").ToDictionary(u => u.Element(Sm + "loc")!.Value);
        foreach (var a in recent)
        {
            var entry = urls["http://localhost" + ArticleUrls.For(a.Id, a.Slug)].Element(News + "news")!;
            Assert.Equal("潮讯网", entry.Element(News + "publication")!.Element(News + "name")!.Value);
            Assert.Equal(a.Language == "en" ? "en" : "zh-cn", entry.Element(News + "publication")!.Element(News + "language")!.Value);
            Assert.Equal(a.Title, entry.Element(News + "title")!.Value);
            Assert.Equal(Iso(a.PublishedAt), entry.Element(News + "publication_date")!.Value);
        }

        Assert.InRange(urls.Count, recent.Count, recent.Count + 2);
    }

    [Fact]
    public async Task Robots_PointsAtTheSitemaps_AndThePagesSitemapListsTheSections()
    {
        using var client = portal.Client();
        var robots = await client.GetStringAsync("/robots.txt", TestContext.Current.CancellationToken);
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", robots, StringComparison.Ordinal);
        Assert.Contains("Sitemap: http://localhost/sitemaps/news.xml", robots, StringComparison.Ordinal);
        Assert.Contains("Disallow: /api/", robots, StringComparison.Ordinal);

        var pages = XDocument.Parse(await client.GetStringAsync("/sitemaps/pages.xml", TestContext.Current.CancellationToken)).Root!.Elements(Sm + "url").Select(u => u.Element(Sm + "loc")!.Value).ToList();
        foreach (var path in new[] { "/", "/hot", "/channel/finance", "/region/shandong", "/source/chaoxun" })
        {
            Assert.Contains("http://localhost" + path, pages);
        }

        foreach (var page in pages.Take(12))
        {
            using var response = await client.GetAsync(new Uri(page).AbsolutePath, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, page);
        }
    }

    [Theory]
    [InlineData("/sitemaps/articles-0.xml")]
    [InlineData("/sitemaps/articles-01.xml")]
    [InlineData("/sitemaps/articles-999999.xml")]
    [InlineData("/sitemaps/articles-99999999999.xml")]
    [InlineData("/sitemaps/articles-x.xml")]
    [InlineData("/sitemaps/other.xml")]
    public async Task UnknownSitemapFiles_Are404(string path)
    {
        using var client = portal.Client();
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ArticleSitemap_AnswersConditionalRequests()
    {
        using var client = portal.Client();
        using var first = await client.GetAsync("/sitemaps/articles-1.xml", TestContext.Current.CancellationToken);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/sitemaps/articles-1.xml");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var response = await client.SendAsync(again, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }
}
