using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Tidings.IntegrationTests;

public sealed class ReaderPagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private Task<int> FirstArticleIdAsync(Func<IQueryable<Core.Articles.Article>, IQueryable<Core.Articles.Article>> filter) =>
        portal.WithDbAsync(db => filter(db.Articles).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync());

    [Fact]
    public async Task Home_ShowsEveryModuleOfTheReferencePortal()
    {
        var doc = await portal.GetPageAsync("/");
        Assert.Equal("zh-CN", doc.DocumentElement.GetAttribute("lang"));
        var headings = doc.QuerySelectorAll("h2").Select(h => h.TextContent.Trim()).ToList();
        foreach (var expected in new[] { "头条要闻", "财经要闻", "体育要闻", "娱乐要闻", "科技要闻", "汽车要闻", "亲子要闻", "数码要闻", "本地新闻", "公开课", "军事要闻", "态度原创", "热点推荐", "地方站" })
        {
            Assert.Contains(expected, headings);
        }

        Assert.NotNull(doc.QuerySelector(".lead-story img[alt][width][height]"));
        Assert.Equal(10, doc.QuerySelectorAll("#trending-title + .title-list li").Length);
        Assert.Equal(6, doc.QuerySelectorAll("#originals-title + .title-list li").Length);
        Assert.NotNull(doc.QuerySelector("a[href='/region/shandong']"));
        Assert.Single(doc.QuerySelectorAll("h1"));
    }

    /// <summary>The home page describes the operator's site by its configured name and channels, not the demo brand.</summary>
    [Fact]
    public async Task Home_Description_UsesTheSiteNameAndChannels()
    {
        using var renamed = portal.WithWebHostBuilder(b => b.UseSetting("Tidings:SiteName", "东岸晨报"));
        using var client = renamed.CreateClient();
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync("/", TestContext.Current.CancellationToken));
        var description = doc.QuerySelector("meta[name=description]")!.GetAttribute("content")!;
        Assert.StartsWith("东岸晨报：", description, StringComparison.Ordinal);
        Assert.DoesNotContain("潮讯网", description, StringComparison.Ordinal);
        var channels = await portal.WithDbAsync(db => db.Channels.Select(c => c.Name).ToListAsync());
        Assert.Contains(channels, c => description.Contains(c, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Home_NoStoryAppearsTwice()
    {
        var doc = await portal.GetPageAsync("/");
        var links = doc.QuerySelectorAll("main a[href^='/article/']").Select(a => a.GetAttribute("href")).ToList();
        Assert.True(links.Count > 50, $"{links.Count} article links");
        Assert.Equal(links.Count, links.Distinct().Count());
    }

    [Fact]
    public async Task Article_ShowsTheReferenceStructure()
    {
        var id = await FirstArticleIdAsync(q => q.Where(a => a.RegionId != null && a.EditorName != null && a.Tags.Count > 0));
        var url = await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => "/article/" + a.Id + "/" + a.Slug).FirstAsync());
        var doc = await portal.GetPageAsync(url);

        var crumbs = doc.QuerySelectorAll("nav.breadcrumb li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal("首页", crumbs[0]);
        Assert.StartsWith("潮讯", crumbs[1]);
        Assert.Equal("正文", crumbs[2]);

        var title = doc.QuerySelector("h1")!.TextContent;
        Assert.Equal($"{title}_潮讯网", doc.Title);
        Assert.NotNull(doc.QuerySelector(".article__meta a[href^='/source/']"));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$", doc.QuerySelector(".article__meta time")!.GetAttribute("datetime"));
        Assert.Contains("责任编辑", doc.QuerySelector(".article__editor")!.TextContent);
        Assert.True(doc.QuerySelectorAll(".article__body p").Length >= 3);
        Assert.Contains("跟贴", doc.QuerySelector(".article__comments")!.TextContent);
        Assert.NotNull(doc.QuerySelector(".share a[href^='https://service.weibo.com/']"));
        // Up to ten, all sharing a term or the channel: a short list rather than unrelated padding (RelatedEligibility).
        Assert.InRange(doc.QuerySelectorAll(".related li").Length, 6, 10);
        Assert.True(doc.QuerySelectorAll(".trending li").Length >= 5);
        var sidebar = doc.QuerySelectorAll("aside h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["头条要闻", "财经要闻", "体育要闻", "娱乐要闻", "科技要闻", "汽车要闻", "态度原创", "更多频道"], sidebar);
        var lead = doc.QuerySelector("aside .top-list__lead a")!.GetAttribute("href");
        // The highlighted lead is not repeated as the first item of its own list.
        Assert.DoesNotContain(lead, doc.QuerySelector("aside .top-list__lead")!.ParentElement!.QuerySelectorAll("ul a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task Article_RelatedAndTrendingNeverRepeatTheArticleOrEachOther()
    {
        var id = await FirstArticleIdAsync(q => q);
        var doc = await portal.GetPageAsync(await CanonicalAsync(id));
        var links = doc.QuerySelectorAll(".related a, .trending a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(links.Count, links.Distinct().Count());
        Assert.DoesNotContain(links, l => l!.StartsWith($"/article/{id}/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Article_HeadCarriesCanonicalOpenGraphAndJsonLd()
    {
        var id = await FirstArticleIdAsync(q => q.Where(a => a.CoverUrl != null && a.Tags.Count > 0));
        var article = await portal.WithDbAsync(db => db.Articles.Include(a => a.Channel).FirstAsync(a => a.Id == id));
        var doc = await portal.GetPageAsync(await CanonicalAsync(id));

        var canonical = doc.QuerySelector("link[rel=canonical]")!.GetAttribute("href");
        Assert.Equal($"http://localhost/article/{id}/{article.Slug}", canonical);
        Assert.Equal(article.Summary, doc.QuerySelector("meta[name=description]")!.GetAttribute("content"));
        Assert.Equal("article", doc.QuerySelector("meta[property='og:type']")!.GetAttribute("content"));
        Assert.Equal(article.Title, doc.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
        Assert.EndsWith(article.CoverUrl, doc.QuerySelector("meta[property='og:image']")!.GetAttribute("content"), StringComparison.Ordinal);

        // Written literally: crawlers that match the raw tag do not decode "&#x2B;".
        using (var raw = portal.CreateClient())
        {
            Assert.Contains("<script type=\"application/ld+json\">", await raw.GetStringAsync(new Uri(canonical!).PathAndQuery, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        using var json = JsonDocument.Parse(doc.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var graph = json.RootElement.GetProperty("@graph");
        var news = graph.EnumerateArray().Single(e => e.GetProperty("@type").GetString() == "NewsArticle");
        Assert.Equal(article.Title, news.GetProperty("headline").GetString());
        Assert.Equal(canonical, news.GetProperty("mainEntityOfPage").GetProperty("@id").GetString());
        Assert.Equal(article.Channel!.Name, news.GetProperty("articleSection").GetString());
        Assert.Equal(article.PublishedAt!.Value, DateTimeOffset.Parse(news.GetProperty("datePublished").GetString()!).UtcDateTime, TimeSpan.FromSeconds(1));
        Assert.Equal("潮讯网", news.GetProperty("publisher").GetProperty("name").GetString());
        var crumbs = graph.EnumerateArray().Single(e => e.GetProperty("@type").GetString() == "BreadcrumbList");
        Assert.Equal(3, crumbs.GetProperty("itemListElement").GetArrayLength());
    }

    [Fact]
    public async Task Article_NonCanonicalUrl_RedirectsPermanently()
    {
        var id = await FirstArticleIdAsync(q => q.Where(a => a.Slug != null));
        var canonical = await CanonicalAsync(id);
        using var client = portal.Browser();
        foreach (var path in new[] { $"/article/{id}", $"/article/{id}/wrong-slug" })
        {
            using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
            Assert.Equal(canonical, response.Headers.Location!.OriginalString);
        }
    }

    [Theory]
    [InlineData("/article/abc")]
    [InlineData("/article/0")]
    [InlineData("/article/-1")]
    [InlineData("/article/1.5")]
    [InlineData("/article/99999999")]
    [InlineData("/article/99999999999999999999")]
    [InlineData("/channel/no-such-channel")]
    [InlineData("/region/atlantis")]
    [InlineData("/source/%E4%B8%8D%E5%AD%98%E5%9C%A8")]
    [InlineData("/tag/no-such-tag")]
    [InlineData("/channel/news?page=abc")]
    [InlineData("/channel/news?page=0")]
    [InlineData("/channel/news?page=999")]
    [InlineData("/no/such/page")]
    public async Task UnknownOrMalformed_Is404InTheSitesLook(string path)
    {
        var doc = await portal.GetPageAsync(path, 404);
        Assert.Equal("页面不存在", doc.QuerySelector("h1")!.TextContent);
        Assert.NotNull(doc.QuerySelector("nav.channel-nav"));
    }

    [Theory]
    [InlineData("/channel/finance", "财经")]
    [InlineData("/region/shandong", "潮讯山东")]
    [InlineData("/source/chaoxun", "潮讯网")]
    public async Task ListPages_ShowArticlesWithSourceTimeAndComments(string path, string heading)
    {
        var doc = await portal.GetPageAsync(path);
        Assert.Equal(heading, doc.QuerySelector("h1")!.TextContent.Trim());
        var items = doc.QuerySelectorAll(".article-item");
        Assert.True(items.Length >= 5, $"{items.Length} items");
        foreach (var item in items)
        {
            Assert.NotNull(item.QuerySelector("h3 a[href^='/article/']"));
            Assert.NotNull(item.QuerySelector(".byline a[href^='/source/']"));
            Assert.NotNull(item.QuerySelector(".byline time[datetime]"));
            Assert.Contains("跟贴", item.QuerySelector(".byline")!.TextContent);
        }

        Assert.NotNull(doc.QuerySelector("img.article-item__cover[width][height][alt]"));
    }

    [Fact]
    public async Task TagPage_ListsTaggedArticles()
    {
        var (slug, count) = await portal.WithDbAsync(async db =>
        {
            var tag = await db.Tags.OrderByDescending(t => db.ArticleTags.Count(at => at.TagId == t.Id)).FirstAsync();
            return (tag.Slug, await db.ArticleTags.CountAsync(at => at.TagId == tag.Id));
        });
        var doc = await portal.GetPageAsync("/tag/" + Uri.EscapeDataString(slug));
        Assert.Equal(Math.Min(count, 20), doc.QuerySelectorAll(".article-item").Length);
    }

    [Fact]
    public async Task ChannelPage_PaginatesWithPrevNext()
    {
        await portal.WithDbAsync(async db =>
        {
            var channel = await db.Channels.FirstAsync(c => c.Slug == "tech");
            for (var i = 0; i < 25; i++)
            {
                db.Articles.Add(new Core.Articles.Article
                {
                    Title = $"分页测试稿 {i}",
                    Summary = "分页测试",
                    BodyHtml = "<p>分页测试</p>",
                    ChannelId = channel.Id,
                    SourceId = (await db.Sources.FirstAsync()).Id,
                    Status = Core.Articles.ArticleStatus.Published,
                    PublishedAt = DateTime.UnixEpoch.AddYears(40),
                });
            }

            return await db.SaveChangesAsync();
        });
        var first = await portal.GetPageAsync("/channel/tech");
        Assert.Equal(20, first.QuerySelectorAll(".article-item").Length);
        Assert.Equal("/channel/tech?page=2", first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href"));
        var second = await portal.GetPageAsync("/channel/tech?page=2");
        Assert.Equal("/channel/tech", second.QuerySelector(".pager a[rel=prev]")!.GetAttribute("href"));
        Assert.EndsWith("/channel/tech?page=2", second.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    private Task<string> CanonicalAsync(int id) =>
        portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Slug == null ? "/article/" + a.Id : "/article/" + a.Id + "/" + a.Slug).FirstAsync());
}
