using System.Net;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using QRCoder;
using Tidings.Web.Features.Articles;

namespace Tidings.IntegrationTests.Feeds;

/// <summary>分享至 and what a share or a search engine reads from the page head.</summary>
public sealed class SharingAndMetadataTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private Task<(int Id, string Url)> ArticleAsync() => portal.WithDbAsync(async db =>
    {
        var a = await db.Published(DateTime.UtcNow).Where(a => a.CoverUrl != null && a.Tags.Count > 0).OrderBy(a => a.Id).Select(a => new { a.Id, a.Slug }).FirstAsync();
        return (a.Id, ArticleUrls.For(a.Id, a.Slug));
    });

    [Fact]
    public async Task ShareMenu_OffersEveryChannel_WithTheCanonicalUrl_AndWorksWithoutScript()
    {
        var (id, url) = await ArticleAsync();
        var canonical = "http://localhost" + url;
        var doc = await portal.GetPageAsync(url);
        var share = doc.QuerySelector("[data-share]")!;
        Assert.Equal("分享至", doc.GetElementById(share.GetAttribute("aria-labelledby")!)!.TextContent);

        var links = share.QuerySelectorAll("a[href]").ToDictionary(a => a.TextContent.Replace("（在新窗口打开）", string.Empty, StringComparison.Ordinal), a => new Uri(a.GetAttribute("href")!));
        Assert.Equal(["新浪微博", "QQ好友", "QQ空间"], links.Keys);
        foreach (var link in links.Values)
        {
            var query = System.Web.HttpUtility.ParseQueryString(link.Query);
            Assert.Equal(canonical, query["url"]);
            Assert.Equal(doc.QuerySelector("h1")!.TextContent, query["title"]);
        }

        // Without JavaScript: the WeChat code and the link to copy sit in native disclosure widgets.
        Assert.Equal("微信", share.QuerySelector(".share__wechat summary")!.TextContent);
        var qr = share.QuerySelector(".share__wechat img")!;
        Assert.Equal($"/article/{id}/qr?format=svg", qr.GetAttribute("src"));
        Assert.False(string.IsNullOrEmpty(qr.GetAttribute("alt")));
        var input = share.QuerySelector(".share__copy input")!;
        Assert.Equal(canonical, input.GetAttribute("value"));
        Assert.NotNull(doc.QuerySelector($"label[for='{input.Id}']"));
        Assert.True(share.QuerySelector("[data-share-native]")!.HasAttribute("hidden"));
    }

    [Fact]
    public async Task QrCode_EncodesTheCanonicalUrl_AsPngOrSvg_AndIsCached()
    {
        var (id, url) = await ArticleAsync();
        using var client = portal.Browser();
        using var png = await client.GetAsync($"/article/{id}/qr", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        Assert.Equal(TimeSpan.FromDays(1), png.Headers.CacheControl!.MaxAge);
        var bytes = await png.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        // What a phone scans is what QRCoder encodes for the canonical URL at the same settings.
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode("http://localhost" + url, QRCodeGenerator.ECCLevel.M);
        using var expected = new PngByteQRCode(data);
        Assert.Equal(expected.GetGraphic(6), bytes);

        using (var again = await client.GetAsync($"/article/{id}/qr", TestContext.Current.CancellationToken))
        {
            Assert.NotNull(again.Headers.Age); // from the output cache
            Assert.Equal(bytes, await again.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        }

        using var svg = await client.GetAsync($"/article/{id}/qr?format=svg", TestContext.Current.CancellationToken);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        var root = XDocument.Parse(await svg.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Root!;
        Assert.Equal("svg", root.Name.LocalName);
        Assert.NotNull(root.Attribute("viewBox"));
    }

    [Theory]
    [InlineData("/article/999999/qr", HttpStatusCode.NotFound)]
    [InlineData("/article/1/qr?format=gif", HttpStatusCode.BadRequest)]
    public async Task QrCode_RefusesWhatItCannotDraw(string path, HttpStatusCode expected)
    {
        using var client = portal.Browser();
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task ArticleHead_CarriesOpenGraphTwitterAndCompleteJsonLd()
    {
        var (id, url) = await ArticleAsync();
        var article = await portal.WithDbAsync(db => db.Articles.Include(a => a.Channel).Include(a => a.Source).Include(a => a.Author).SingleAsync(a => a.Id == id));
        var tags = await portal.WithDbAsync(db => db.ArticleTags.Where(at => at.ArticleId == id).Join(db.Tags, at => at.TagId, t => t.Id, (at, t) => t.Name).ToListAsync());
        var doc = await portal.GetPageAsync(url);
        string? Meta(string key) => doc.QuerySelector($"meta[property='{key}'], meta[name='{key}']")?.GetAttribute("content");

        Assert.Equal("summary_large_image", Meta("twitter:card"));
        Assert.Equal(article.Title, Meta("twitter:title"));
        Assert.Equal(article.Summary, Meta("twitter:description"));
        Assert.EndsWith(article.CoverUrl!, Meta("twitter:image"), StringComparison.Ordinal);
        Assert.Equal(article.CoverAlt, Meta("og:image:alt"));
        Assert.Equal(article.PublishedAt!.Value, DateTimeOffset.Parse(Meta("article:published_time")!, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime, TimeSpan.FromSeconds(1));
        Assert.Equal(article.Channel!.Name, Meta("article:section"));
        Assert.Equal(tags.Order(), doc.QuerySelectorAll("meta[property='article:tag']").Select(m => m.GetAttribute("content")!).Order());

        using var json = System.Text.Json.JsonDocument.Parse(doc.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var news = json.RootElement.GetProperty("@graph").EnumerateArray().Single(e => e.GetProperty("@type").GetString() == "NewsArticle");
        Assert.Equal(article.Summary, news.GetProperty("description").GetString());
        Assert.Equal(article.UpdatedAt, DateTimeOffset.Parse(news.GetProperty("dateModified").GetString()!, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime, TimeSpan.FromSeconds(1));
        Assert.Equal(article.Author?.Name ?? article.Source!.Name, news.GetProperty("author").GetProperty("name").GetString());
        Assert.EndsWith("/img/logo.svg", news.GetProperty("publisher").GetProperty("logo").GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.EndsWith(article.CoverUrl!, news.GetProperty("image")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(tags.Order(), news.GetProperty("keywords").GetString()!.Split(',').Order());
        Assert.True(news.GetProperty("isAccessibleForFree").GetBoolean());
    }

    [Fact]
    public async Task PaginatedLists_LinkTheirNeighbours()
    {
        var doc = await portal.GetPageAsync("/channel/local?page=2");
        Assert.Equal("http://localhost/channel/local", doc.QuerySelector("link[rel=prev]")!.GetAttribute("href"));
        Assert.Equal("http://localhost/channel/local?page=2", doc.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        var first = await portal.GetPageAsync("/channel/local");
        Assert.Null(first.QuerySelector("link[rel=prev]"));
        Assert.Equal("http://localhost/channel/local?page=2", first.QuerySelector("link[rel=next]")!.GetAttribute("href"));
        if (doc.QuerySelector("link[rel=next]") is { } next)
        {
            Assert.Equal("http://localhost/channel/local?page=3", next.GetAttribute("href"));
        }
    }

    [Fact]
    public async Task DefaultFeeds_CarrySummariesOnly()
    {
        using var client = portal.Browser();
        var rss = await client.GetStringAsync("/feeds/rss.xml", TestContext.Current.CancellationToken);
        Assert.DoesNotContain("content:encoded", rss, StringComparison.Ordinal);
        Assert.DoesNotContain("purl.org/rss/1.0/modules/content", rss, StringComparison.Ordinal);
        var atom = XDocument.Parse(await client.GetStringAsync("/feeds/atom.xml", TestContext.Current.CancellationToken));
        Assert.Empty(atom.Descendants(XName.Get("content", "http://www.w3.org/2005/Atom")));
        Assert.NotEmpty(atom.Descendants(XName.Get("summary", "http://www.w3.org/2005/Atom")));
    }
}
