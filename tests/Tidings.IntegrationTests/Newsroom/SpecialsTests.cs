using System.Net;
using Microsoft.EntityFrameworkCore;
using Tidings.IntegrationTests.Postgres;

namespace Tidings.IntegrationTests.Newsroom;

/// <summary>专题: made in the newsroom from an outline, shown at /topic/{slug} with only what readers may see, linked back from its articles, in feeds and the sitemap.</summary>
public abstract class SpecialsTests(NewsroomPortal portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, string path, Dictionary<string, string> fields) =>
        NewsroomPortal.PostFormAsync(client, path, path, fields);

    [Fact]
    public async Task AnEditorBuildsATopic_ReadersSeeItsPublishedArticles_InOrder_WithLinksBack()
    {
        using var editor = await portal.SignInAsync("editor");
        using var writer = await portal.SignInAsync("writer");
        using var reader = portal.Anonymous();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var first = await portal.CreateDraftAsync(editor, "台风登陆：沿海三市停课" + tag, "台风今晨登陆。");
        var second = await portal.CreateDraftAsync(editor, "台风过后：电力抢修进展" + tag, "抢修队伍连夜作业。");
        var draft = await portal.CreateDraftAsync(editor, "未发布的稿件" + tag, "还在写。");
        (await NewsroomPortal.ActAsync(editor, first, "publish")).Dispose();
        (await NewsroomPortal.ActAsync(editor, second, "publish")).Dispose();

        using (var refused = await writer.GetAsync("/newsroom/topics/new", Ct))
        {
            NewsroomPortal.AssertDenied(refused);
        }

        var slug = "typhoon-" + tag;
        var fields = new Dictionary<string, string>
        {
            ["Form.Title"] = "台风专题" + tag,
            ["Form.Slug"] = slug,
            ["Form.Lead"] = "台风登陆以来的全部报道。",
            ["Form.Outline"] = $"# 最新进展\n/article/{second}/x\n{first}\n这不是文章\n# 背景\n{draft}\n999999999",
            ["Form.Published"] = "true",
        };
        using (var bad = await SaveAsync(editor, "/newsroom/topics/new", fields))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var error = NewsroomPortal.Parse(await bad.Content.ReadAsStringAsync(Ct)).QuerySelector("#outline-error")!.TextContent;
            Assert.Contains("第 4 行", error, StringComparison.Ordinal);
            Assert.Contains("999999999", error, StringComparison.Ordinal);
        }

        Assert.False(await portal.WithDbAsync(db => db.Specials.AnyAsync(s => s.Slug == slug, Ct)));
        fields["Form.Outline"] = $"# 最新进展\n/article/{second}/x\n{first}\n\n# 背景\n{draft}";
        using (var saved = await SaveAsync(editor, "/newsroom/topics/new", fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var page = await NewsroomPortal.PageAsync(reader, "/topic/" + slug);
        Assert.Equal("台风专题" + tag, page.QuerySelector("h1")!.TextContent.Trim());
        var sections = page.QuerySelectorAll(".topic-section").ToList();
        // The draft is not shown, and a section left with nothing is not shown either.
        Assert.Single(sections);
        Assert.Equal(["台风过后：电力抢修进展" + tag, "台风登陆：沿海三市停课" + tag], sections[0].QuerySelectorAll("h3 a, .card__title a, li a").Select(a => a.TextContent.Trim()).Where(t => t.EndsWith(tag, StringComparison.Ordinal)).Distinct());

        var article = await NewsroomPortal.PageAsync(reader, $"/article/{first}");
        Assert.Equal("/topic/" + slug, article.QuerySelector(".article__specials a")!.GetAttribute("href"));
        Assert.Contains("台风登陆：沿海三市停课" + tag, await reader.GetStringAsync($"/feeds/topic/{slug}.rss", Ct), StringComparison.Ordinal);
        Assert.Contains("/topic/" + slug, await reader.GetStringAsync("/sitemaps/pages.xml", Ct), StringComparison.Ordinal);

        // Unpublished, it is gone from every door at once.
        var id = await portal.WithDbAsync(db => db.Specials.Where(s => s.Slug == slug).Select(s => s.Id).FirstAsync(Ct));
        fields.Remove("Form.Published");
        using (var hidden = await SaveAsync(editor, $"/newsroom/topics/{id}", fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, hidden.StatusCode);
        }

        await NewsroomPortal.PageAsync(reader, "/topic/" + slug, HttpStatusCode.NotFound);
        Assert.Null((await NewsroomPortal.PageAsync(reader, $"/article/{first}")).QuerySelector(".article__specials"));
        using (var feed = await reader.GetAsync($"/feeds/topic/{slug}.rss", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, feed.StatusCode);
        }

        Assert.Equal(2, await portal.WithDbAsync(db => db.AuditLog.CountAsync(a => a.Action.StartsWith("topic-") && a.Detail!.Contains(slug), Ct)));
    }
}

[Collection(NewsroomGroup.Name)]
public sealed class SpecialsTestsOnSqlite(NewsroomPortal portal) : SpecialsTests(portal);

[Collection(PostgresNewsroomGroup.Name)]
[OnPostgres]
public sealed class SpecialsTestsOnPostgres(PostgresNewsroomPortal portal) : SpecialsTests(portal);
