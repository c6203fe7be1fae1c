using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tidings.IntegrationTests.Postgres;
using Tidings.Web.Features.Corrections;
using Tidings.Web.Features.Trending;

namespace Tidings.IntegrationTests.Newsroom;

/// <summary>
/// 更正 that reaches readers: who opened an article before its correction is told once, on their next check; who read
/// it afterwards, never read it, or asked not to be tracked is told nothing; /corrections, its feed and /following list it.
/// </summary>
public abstract class CorrectionNoticeTests(NewsroomPortal portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Reader(bool doNotTrack = false)
    {
        var client = portal.Anonymous();
        client.DefaultRequestHeaders.UserAgent.ParseAdd(WebNode.ReaderUserAgent);
        if (doNotTrack)
        {
            client.DefaultRequestHeaders.Add("DNT", "1");
        }

        return client;
    }

    private async Task ViewAsync(HttpClient reader, int id)
    {
        await NewsroomPortal.PageAsync(reader, $"/article/{id}");
        using var beacon = await reader.PostAsync("/api/v1/events", new StringContent($$"""[{"type":"view","articleId":{{id}}}]""", Encoding.UTF8, "text/plain"), Ct);
        Assert.Equal(HttpStatusCode.Accepted, beacon.StatusCode);
        await portal.App.Services.GetRequiredService<TrendingIngestion>().DrainAsync(Ct);
        await portal.App.Services.GetRequiredService<ReadReceipts>().DrainAsync(Ct);
    }

    private static async Task<(string CheckedAt, List<JsonElement> Items)> CheckAsync(HttpClient reader, string? since)
    {
        var answer = await reader.GetFromJsonAsync<JsonElement>("/api/v1/me/corrections" + (since is null ? string.Empty : "?since=" + Uri.EscapeDataString(since)), Ct);
        return (answer.GetProperty("checkedAt").GetString()!, answer.GetProperty("items").EnumerateArray().ToList());
    }

    private async Task<int> CorrectAsync(HttpClient editor, int id, string text)
    {
        using var response = await NewsroomPortal.PostFormAsync(editor, $"/newsroom/articles/{id}", $"/newsroom/articles/{id}?handler=Correct", new() { ["correction"] = text });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await portal.WithDbAsync(db => db.ArticleCorrections.Where(c => c.ArticleId == id).OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync(Ct));
    }

    [Fact]
    public async Task AReaderOfTheWrongVersion_IsToldOnce_OthersAreNot()
    {
        using var editor = await portal.SignInAsync("editor");
        var title = "马拉松报道：参赛人数" + Guid.NewGuid().ToString("N")[..4];
        var id = await portal.CreateDraftAsync(editor, title, "本届马拉松参赛人数为两万人。");
        (await NewsroomPortal.ActAsync(editor, id, "publish")).Dispose();

        using var early = Reader();
        using var never = Reader();
        using var private_ = Reader(doNotTrack: true);
        await ViewAsync(early, id);
        await ViewAsync(private_, id);
        var (mark, before) = await CheckAsync(early, null);
        Assert.Empty(before);
        // A visitor who has not been counted yet has no id; asking gives them none either.
        var (neverMark, _) = await CheckAsync(never, null);

        var correctionId = await CorrectAsync(editor, id, "参赛人数应为两万五千人，原文有误。");
        using var late = Reader();
        await ViewAsync(late, id);

        var (next, items) = await CheckAsync(early, mark);
        var notice = Assert.Single(items);
        Assert.Equal($"您此前阅读的《{title}》已更正", notice.GetProperty("message").GetString());
        Assert.Equal("参赛人数应为两万五千人，原文有误。", notice.GetProperty("text").GetString());
        Assert.EndsWith($"#correction-{correctionId}", notice.GetProperty("url").GetString(), StringComparison.Ordinal);

        // Once: the next check starts from the answer's mark.
        Assert.Empty((await CheckAsync(early, next)).Items);
        Assert.Empty((await CheckAsync(late, null)).Items);
        Assert.Empty((await CheckAsync(never, neverMark)).Items);
        Assert.Empty((await CheckAsync(private_, null)).Items);
        Assert.Equal(0, await portal.WithDbAsync(db => db.ArticleReads.CountAsync(r => r.ArticleId == id && r.Visitor == 0, Ct)));
        Assert.Equal(2, await portal.WithDbAsync(db => db.ArticleReads.CountAsync(r => r.ArticleId == id, Ct)));

        // The anchor the notice links to is on the article page.
        var page = await NewsroomPortal.PageAsync(early, $"/article/{id}");
        Assert.Contains("两万五千人", page.QuerySelector($"#correction-{correctionId}")!.TextContent, StringComparison.Ordinal);

        using var garbage = await early.GetAsync("/api/v1/me/corrections?since=yesterday", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
    }

    [Fact]
    public async Task Corrections_AreListedOnTheirPage_InTheFeed_AndForFollowers()
    {
        using var editor = await portal.SignInAsync("editor");
        var title = "天气稿：降温幅度" + Guid.NewGuid().ToString("N")[..4];
        var id = await portal.CreateDraftAsync(editor, title, "明日降温八度。");
        (await NewsroomPortal.ActAsync(editor, id, "publish")).Dispose();
        var correctionId = await CorrectAsync(editor, id, "降温幅度应为六度。");

        using var reader = Reader();
        var list = await NewsroomPortal.PageAsync(reader, "/corrections");
        var first = list.QuerySelector(".corrections__item")!;
        Assert.Contains(title, first.TextContent, StringComparison.Ordinal);
        Assert.Contains("降温幅度应为六度。", first.TextContent, StringComparison.Ordinal);
        Assert.EndsWith($"#correction-{correctionId}", first.QuerySelector("a")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.NotNull(list.QuerySelector("link[rel=alternate][href='/feeds/corrections.rss']"));
        await NewsroomPortal.PageAsync(reader, "/corrections?page=999", HttpStatusCode.NotFound);
        await NewsroomPortal.PageAsync(reader, "/corrections?page=abc", HttpStatusCode.NotFound);

        foreach (var feed in new[] { "/feeds/corrections.rss", "/feeds/corrections.atom" })
        {
            var xml = await reader.GetStringAsync(feed, Ct);
            Assert.Contains($"更正：《{title}》", xml, StringComparison.Ordinal);
            Assert.Contains("降温幅度应为六度。", xml, StringComparison.Ordinal);
        }

        // A follower of the account sees it on /following.
        var source = await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Source!.Slug).FirstAsync(Ct));
        using (var follow = await reader.PostAsync($"/api/v1/sources/{source}/follow", null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, follow.StatusCode);
        }

        var following = await NewsroomPortal.PageAsync(reader, "/following");
        Assert.Contains("降温幅度应为六度。", following.QuerySelector(".following-corrections")!.TextContent, StringComparison.Ordinal);

        // An unpublished article's corrections leave the public list with it.
        (await NewsroomPortal.ActAsync(editor, id, "unpublish")).Dispose();
        var after = await NewsroomPortal.PageAsync(reader, "/corrections");
        Assert.DoesNotContain(title, after.Body!.TextContent, StringComparison.Ordinal);
    }
}

[Collection(NewsroomGroup.Name)]
public sealed class CorrectionNoticeTestsOnSqlite(NewsroomPortal portal) : CorrectionNoticeTests(portal);

[Collection(PostgresNewsroomGroup.Name)]
[OnPostgres]
public sealed class CorrectionNoticeTestsOnPostgres(PostgresNewsroomPortal portal) : CorrectionNoticeTests(portal);
