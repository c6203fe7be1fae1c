using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tidings.IntegrationTests.Postgres;

namespace Tidings.IntegrationTests.Newsroom;

/// <summary>滚动直播, the desk's side and the page readers load: entries newest first, 要点 on top, LiveBlogPosting, an end.</summary>
public abstract class LiveCoverageTests(NewsroomPortal portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, int id, string handler, Dictionary<string, string> fields) =>
        NewsroomPortal.PostFormAsync(client, $"/newsroom/articles/{id}/live", $"/newsroom/articles/{id}/live?handler={handler}", fields);

    [Fact]
    public async Task TheDeskRunsALiveCoverage_ReadersGetEveryEntry_AndItEndsAsAnArticle()
    {
        using var editor = await portal.SignInAsync("editor");
        using var writer = await portal.SignInAsync("writer");
        using var reader = portal.Anonymous();
        var id = await portal.CreateDraftAsync(editor, "滚动直播：台风“海燕”登陆", "台风今日登陆，本站持续报道。");
        var embedded = await portal.CreateDraftAsync(editor, "台风防御指南", "做好五项准备。");
        (await NewsroomPortal.ActAsync(editor, id, "publish")).Dispose();
        (await NewsroomPortal.ActAsync(editor, embedded, "publish")).Dispose();

        using (var early = await PostAsync(editor, id, "Entry", new() { ["Kind"] = "Text", ["Body"] = "还没开始" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        }

        (await PostAsync(editor, id, "Start", [])).Dispose();
        using (var refused = await writer.GetAsync($"/newsroom/articles/{id}/live", Ct))
        {
            NewsroomPortal.AssertDenied(refused);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(editor, id, "Entry", new() { ["Kind"] = "Text", ["Body"] = "**08:00** 气象台发布台风红色预警。<script>alert(1)</script>" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(editor, id, "Entry", new() { ["Kind"] = "Quote", ["Body"] = "请市民非必要不外出。", ["Attribution"] = "市防汛办" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(editor, id, "Entry", new() { ["Kind"] = "Embed", ["Embed"] = $"/article/{embedded}" })).StatusCode);
        using (var empty = await PostAsync(editor, id, "Entry", new() { ["Kind"] = "Text", ["Body"] = "  " }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        }

        using (var sensitive = await PostAsync(editor, id, "Entry", new() { ["Kind"] = "Text", ["Body"] = "有人借机推广网络赌场。" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, sensitive.StatusCode);
            Assert.Contains("网络赌场", await sensitive.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        var entries = await portal.WithDbAsync(db => db.LiveEntries.Where(e => e.ArticleId == id).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(Ct));
        Assert.Equal(3, entries.Count);
        (await PostAsync(editor, id, "Pin", new() { ["entry"] = entries[0].ToString(System.Globalization.CultureInfo.InvariantCulture), ["pinned"] = "true" })).Dispose();

        var page = await NewsroomPortal.PageAsync(reader, $"/article/{id}");
        Assert.Equal("直播中", page.QuerySelector(".live-badge")!.TextContent.Trim());
        Assert.Equal(entries.AsEnumerable().Reverse().Select(e => $"live-{e}"), page.QuerySelectorAll(".live-stream [data-live-entry]").Select(e => e.Id));
        Assert.Contains("气象台发布台风红色预警", page.QuerySelector(".live-keypoints")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(".live-stream script"));
        Assert.Equal("——市防汛办", page.QuerySelector(".live-entry__quote footer")!.TextContent.Trim());
        Assert.Equal($"/article/{embedded}", page.QuerySelector(".live-entry__embed a")!.GetAttribute("href")!.Split('/').Take(3).Aggregate((x, y) => x + "/" + y));
        using (var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent))
        {
            var posting = json.RootElement.GetProperty("@graph")[0];
            Assert.Equal("LiveBlogPosting", posting.GetProperty("@type").GetString());
            Assert.Equal(3, posting.GetProperty("liveBlogUpdate").GetArrayLength());
            Assert.False(posting.TryGetProperty("coverageEndTime", out _));
        }

        (await PostAsync(editor, id, "Remove", new() { ["entry"] = entries[1].ToString(System.Globalization.CultureInfo.InvariantCulture) })).Dispose();
        (await PostAsync(editor, id, "End", [])).Dispose();
        page = await NewsroomPortal.PageAsync(reader, $"/article/{id}");
        Assert.Equal("直播已结束", page.QuerySelector(".live-badge")!.TextContent.Trim());
        Assert.Equal(2, page.QuerySelectorAll(".live-stream [data-live-entry]").Length);
        using (var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent))
        {
            Assert.True(json.RootElement.GetProperty("@graph")[0].TryGetProperty("coverageEndTime", out _));
        }

        using (var late = await PostAsync(editor, id, "Entry", new() { ["Kind"] = "Text", ["Body"] = "结束之后" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        }

        var audit = await portal.WithDbAsync(db => db.AuditLog.Where(a => a.ArticleId == id && a.Action.StartsWith("live")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Ct));
        Assert.Equal(["live-on", "live-entry", "live-entry", "live-entry", "live-pin", "live-entry-remove", "live-end"], audit);
    }
}

[Collection(NewsroomGroup.Name)]
public sealed class LiveCoverageTestsOnSqlite(NewsroomPortal portal) : LiveCoverageTests(portal);

[Collection(PostgresNewsroomGroup.Name)]
[OnPostgres]
public sealed class LiveCoverageTestsOnPostgres(PostgresNewsroomPortal portal) : LiveCoverageTests(portal);
