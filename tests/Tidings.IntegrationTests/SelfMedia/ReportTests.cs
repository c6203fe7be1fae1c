using System.Net;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Articles;
using Tidings.Core.Creators;
using Tidings.IntegrationTests.Newsroom;
using Tidings.IntegrationTests.Postgres;

namespace Tidings.IntegrationTests.SelfMedia;

/// <summary>举报: readers report an article once each; editors see it; enough readers lower the account's standing, once.</summary>
public abstract class ReportTests(NewsroomPortal portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> ReportAsync(HttpClient reader, int id, string reason) =>
        NewsroomPortal.PostFormAsync(reader, $"/article/{id}/report", $"/article/{id}/report", new() { ["Reason"] = reason, ["Note"] = "标题写的和正文对不上。" });

    private Task<int> PenaltiesAsync(int id) =>
        portal.WithDbAsync(db => db.StandingEvents.CountAsync(e => e.Reason == StandingReason.ReaderReports && e.ArticleId == id, Ct));

    [Fact]
    public async Task FiveReaders_ReportAnArticle_OnceEach_EditorsSeeIt_AndTheAccountLosesStandingOnce()
    {
        var (id, slug) = await portal.WithDbAsync(async db =>
        {
            var a = await db.Articles.Where(a => a.Source!.Slug == "xiaolu-parenting" && a.Status == ArticleStatus.Published).OrderBy(a => a.Id).Select(a => new { a.Id, a.Slug }).FirstAsync(Ct);
            return (a.Id, a.Slug);
        });
        var article = await NewsroomPortal.PageAsync(portal.Anonymous(), Tidings.Web.Features.Articles.ArticleUrls.For(id, slug));
        Assert.NotNull(article.QuerySelector($"a[href='/article/{id}/report']"));

        using var first = portal.Anonymous();
        using (var bad = await ReportAsync(first, id, "Nonsense"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        for (var i = 0; i < 4; i++)
        {
            using var reader = i == 0 ? null : portal.Anonymous();
            var client = reader ?? first;
            using var sent = await ReportAsync(client, id, i % 2 == 0 ? "False" : "Copied");
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
            Assert.Contains("已收到您的举报", await sent.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        // The first reader again: still one report.
        using (await ReportAsync(first, id, "Other"))
        {
        }

        Assert.Equal(4, await portal.WithDbAsync(db => db.ArticleReports.CountAsync(r => r.ArticleId == id, Ct)));
        Assert.Equal(0, await PenaltiesAsync(id));

        using (var fifth = portal.Anonymous())
        using (await ReportAsync(fifth, id, "Advertising"))
        {
        }

        using (var sixth = portal.Anonymous())
        using (await ReportAsync(sixth, id, "Advertising"))
        {
        }

        Assert.Equal(1, await PenaltiesAsync(id));
        using var editor = await portal.SignInAsync("editor");
        var list = await NewsroomPortal.PageAsync(editor, "/newsroom/reports");
        var row = list.QuerySelector($"tr[data-reported='{id}']")!;
        Assert.Equal("6", row.QuerySelectorAll("td")[1].TextContent);
        Assert.Contains("虚假信息 2", row.TextContent, StringComparison.Ordinal);

        using var unknown = await portal.Anonymous().GetAsync("/article/99999999/report", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}

[Collection(NewsroomGroup.Name)]
public sealed class ReportTestsOnSqlite(NewsroomPortal portal) : ReportTests(portal);

[Collection(PostgresNewsroomGroup.Name)]
[OnPostgres]
public sealed class ReportTestsOnPostgres(PostgresNewsroomPortal portal) : ReportTests(portal);
