using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Tidings.IntegrationTests.Languages;

/// <summary>
/// Every reader page in English: no Chinese character may show outside content. Content is what the portal's people
/// wrote (titles, summaries, names of sources, channels without an English name, regions, tags, comments, topics,
/// corrections, the site's name) and anything the page itself marks as Chinese with lang="zh-CN"; everything else is
/// the interface, and a Chinese character there is a string that never reached the resources.
/// </summary>
public sealed class EnglishWalkTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly HtmlParser Parser = new();

    [Fact]
    public async Task ReaderPages_InEnglish_ShowNoChineseOutsideContent()
    {
        var content = await ContentAsync();
        var article = await portal.WithDbAsync(db => db.Articles.Where(a => a.Status == Tidings.Core.Articles.ArticleStatus.Published && a.Slug != null && a.EmbargoUntil == null)
            .OrderByDescending(a => db.Comments.Count(c => c.ArticleId == a.Id)).Select(a => "/article/" + a.Id + "/" + a.Slug).FirstAsync());
        var topic = await portal.WithDbAsync(db => db.Specials.Where(s => s.Published).Select(s => "/topic/" + s.Slug).FirstAsync());
        string[] pages =
        [
            "/", "/channel/finance", "/channel/finance?page=2", "/region/shandong", "/source/chaoxun",
            "/tag/" + Uri.EscapeDataString("新能源汽车"), article, article[..article.LastIndexOf('/')] + "/comments",
            "/search", "/search?q=" + Uri.EscapeDataString("济南"), "/search?q=" + Uri.EscapeDataString("zzzz没有这个词"),
            "/hot", "/accessibility", "/preferences", "/corrections", topic,
            "/account/login", "/account/register", "/no/such/page",
        ];
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", "tlang=en");
        var leaks = new List<string>();
        foreach (var path in pages)
        {
            using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            var page = Parser.ParseDocument(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.True(page.DocumentElement.GetAttribute("lang") == "en", $"{path}: not in English ({(int)response.StatusCode})");
            leaks.AddRange(EnglishPages.Leaks(page, content).Select(l => $"{path}: {l}"));
        }

        Assert.True(leaks.Count == 0, "Chinese in the English interface:\n" + string.Join('\n', leaks.Distinct().Take(60)));
    }

    /// <summary>Everything people wrote, longest first so a name inside a title does not leave the title's rest.</summary>
    private Task<List<string>> ContentAsync() => portal.WithDbAsync(async db =>
    {
        var strings = new List<string?>();
        strings.AddRange(await db.Articles.Select(a => a.Title).ToListAsync());
        strings.AddRange(await db.Articles.Select(a => a.Summary).ToListAsync());
        strings.AddRange(await db.Articles.Select(a => a.EditorName).ToListAsync());
        strings.AddRange(await db.Articles.Select(a => a.CoverAlt).ToListAsync());
        strings.AddRange(await db.Authors.Select(a => a.Name).ToListAsync());
        strings.AddRange(await db.Sources.Select(s => s.Name).ToListAsync());
        strings.AddRange(await db.Sources.Select(s => s.Bio).ToListAsync());
        strings.AddRange(await db.Channels.Where(c => c.NameEn == "" || c.NameEn == c.Slug).Select(c => c.Name).ToListAsync());
        strings.AddRange(await db.Regions.Select(r => r.Name).ToListAsync());
        strings.AddRange(await db.Regions.Select(r => r.SiteName).ToListAsync());
        strings.AddRange(await db.Regions.Select(r => r.Description).ToListAsync());
        strings.AddRange(await db.Tags.Select(t => t.Name).ToListAsync());
        strings.AddRange(await db.Comments.Select(c => c.Body).ToListAsync());
        strings.AddRange(await db.Comments.Select(c => c.Nickname).ToListAsync());
        strings.AddRange(await db.Comments.Select(c => c.RegionLabel).ToListAsync());
        strings.AddRange(await db.Specials.Select(s => s.Title).ToListAsync());
        strings.AddRange(await db.Specials.Select(s => s.Lead).ToListAsync());
        strings.AddRange(await db.SpecialSections.Select(s => s.Title).ToListAsync());
        strings.AddRange(await db.ArticleCorrections.Select(c => c.Text).ToListAsync());
        strings.AddRange(await db.ArticleCorrections.Select(c => c.EditorName).ToListAsync());
        // The site's name, the default commenter name, and the two searches' words as the search box shows them back.
        strings.AddRange(["潮讯网", "潮讯网友", "济南", "zzzz没有这个词"]);
        return strings.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!).Distinct().OrderByDescending(s => s.Length).ToList();
    });
}
