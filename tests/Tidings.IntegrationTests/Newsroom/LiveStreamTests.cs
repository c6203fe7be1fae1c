using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Tidings.IntegrationTests.Newsroom;

/// <summary>The reader's side of 滚动直播 on one node: the stream delivers each entry once, resumes from Last-Event-ID, and polling sees the same.</summary>
[Collection(NewsroomGroup.Name)]
public sealed class LiveStreamTests(NewsroomPortal portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, int id, string handler, Dictionary<string, string> fields) =>
        NewsroomPortal.PostFormAsync(client, $"/newsroom/articles/{id}/live", $"/newsroom/articles/{id}/live?handler={handler}", fields);

    private static async Task<JsonElement> NextUpdateAsync(StreamReader lines)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        while (await lines.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return JsonDocument.Parse(line[6..]).RootElement.Clone();
            }
        }

        throw new InvalidOperationException("the stream ended");
    }

    [Fact]
    public async Task AStream_DeliversEachEntry_ResumesFromItsLastId_AndTellsTheEnd()
    {
        using var editor = await portal.SignInAsync("editor");
        var id = await portal.CreateDraftAsync(editor, "滚动直播：全市防汛", "实时更新。");
        (await NewsroomPortal.ActAsync(editor, id, "publish")).Dispose();
        using (var notLive = await portal.Anonymous().GetAsync($"/article/{id}/live/events", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, notLive.StatusCode);
        }

        (await PostAsync(editor, id, "Start", [])).Dispose();
        (await PostAsync(editor, id, "Entry", new() { ["Kind"] = "Text", ["Body"] = "第一条" })).Dispose();

        var first = await portal.WithDbAsync(db => db.LiveEntries.Where(e => e.ArticleId == id).Select(e => e.Id).SingleAsync(Ct));
        using var reader = portal.Anonymous();
        // As live.js asks: from the newest entry the page was rendered with.
        using var response = await reader.GetAsync($"/article/{id}/live/events?after={first}", HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no", response.Headers.GetValues("X-Accel-Buffering").Single());
        using var lines = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        // A fresh stream starts with what the page already has: nothing to send but the retry interval.
        Assert.StartsWith("retry:", await lines.ReadLineAsync(Ct), StringComparison.Ordinal);

        (await PostAsync(editor, id, "Entry", new() { ["Kind"] = "Quote", ["Body"] = "第二条", ["Attribution"] = "指挥部" })).Dispose();
        var update = await NextUpdateAsync(lines);
        var entry = Assert.Single(update.GetProperty("entries").EnumerateArray());
        Assert.Contains("第二条", entry.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.Contains("——指挥部", entry.GetProperty("html").GetString(), StringComparison.Ordinal);
        var second = entry.GetProperty("id").GetInt64();

        // A reconnecting browser sends its last id and gets only what came after.
        (await PostAsync(editor, id, "Entry", new() { ["Kind"] = "Text", ["Body"] = "第三条" })).Dispose();
        using var resume = new HttpRequestMessage(HttpMethod.Get, $"/article/{id}/live/events");
        resume.Headers.Add("Last-Event-ID", second.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var resumed = await portal.Anonymous().SendAsync(resume, HttpCompletionOption.ResponseHeadersRead, Ct);
        using var resumedLines = new StreamReader(await resumed.Content.ReadAsStreamAsync(Ct));
        var caughtUp = await NextUpdateAsync(resumedLines);
        Assert.Equal(["第三条"], caughtUp.GetProperty("entries").EnumerateArray().Select(e => AngleSharpText(e.GetProperty("html").GetString()!)));

        // Polling from the same mark sees the same.
        var polled = await reader.GetFromJsonAsync<JsonElement>($"/article/{id}/live/updates?after={second}", Ct);
        Assert.Single(polled.GetProperty("entries").EnumerateArray());
        using (var bad = await reader.GetAsync($"/article/{id}/live/updates?after=abc", Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        // The first stream got the third entry too, then the end.
        Assert.Contains("第三条", (await NextUpdateAsync(lines)).GetProperty("entries")[0].GetProperty("html").GetString(), StringComparison.Ordinal);
        (await PostAsync(editor, id, "End", [])).Dispose();
        Assert.Equal("ended", (await NextUpdateAsync(lines)).GetProperty("status").GetString());
        Assert.Equal(3, await portal.WithDbAsync(db => db.LiveEntries.CountAsync(e => e.ArticleId == id, Ct)));
    }

    [Fact]
    public async Task AMadeUpMark_DoesNotSilenceTheCoverage_AndARetractionReachesAReconnectingPage()
    {
        using var editor = await portal.SignInAsync("editor");
        var id = await portal.CreateDraftAsync(editor, "滚动直播：地铁故障", "实时更新。");
        (await NewsroomPortal.ActAsync(editor, id, "publish")).Dispose();
        (await PostAsync(editor, id, "Start", [])).Dispose();
        (await PostAsync(editor, id, "Entry", new() { ["Kind"] = "Text", ["Body"] = "2号线暂停运营" })).Dispose();
        var first = await portal.WithDbAsync(db => db.LiveEntries.Where(e => e.ArticleId == id).Select(e => e.Id).SingleAsync(Ct));

        // The first to open a stream claims to have an entry far beyond any: the node's room must not take its word.
        using var hostile = new HttpRequestMessage(HttpMethod.Get, $"/article/{id}/live/events");
        hostile.Headers.Add("Last-Event-ID", long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var hostileResponse = await portal.Anonymous().SendAsync(hostile, HttpCompletionOption.ResponseHeadersRead, Ct);
        using var hostileLines = new StreamReader(await hostileResponse.Content.ReadAsStreamAsync(Ct));
        Assert.StartsWith("retry:", await hostileLines.ReadLineAsync(Ct), StringComparison.Ordinal);
        using var honest = await portal.Anonymous().GetAsync($"/article/{id}/live/events?after={first}", HttpCompletionOption.ResponseHeadersRead, Ct);
        using var lines = new StreamReader(await honest.Content.ReadAsStreamAsync(Ct));
        (await PostAsync(editor, id, "Entry", new() { ["Kind"] = "Text", ["Body"] = "故障排除，恢复运营" })).Dispose();
        Assert.Contains("恢复运营", (await NextUpdateAsync(lines)).GetProperty("entries")[0].GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.Contains("恢复运营", (await NextUpdateAsync(hostileLines)).GetProperty("entries")[0].GetProperty("html").GetString(), StringComparison.Ordinal);

        // A page that was away while the first entry was retracted is told on reconnecting, with nothing new to add.
        var second = await portal.WithDbAsync(db => db.LiveEntries.Where(e => e.ArticleId == id).MaxAsync(e => e.Id, Ct));
        (await PostAsync(editor, id, "Remove", new() { ["entry"] = first.ToString(System.Globalization.CultureInfo.InvariantCulture) })).Dispose();
        using var resume = new HttpRequestMessage(HttpMethod.Get, $"/article/{id}/live/events");
        resume.Headers.Add("Last-Event-ID", second.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var resumed = await portal.Anonymous().SendAsync(resume, HttpCompletionOption.ResponseHeadersRead, Ct);
        using var resumedLines = new StreamReader(await resumed.Content.ReadAsStreamAsync(Ct));
        var caughtUp = await NextUpdateAsync(resumedLines);
        Assert.Empty(caughtUp.GetProperty("entries").EnumerateArray());
        Assert.Contains(first, caughtUp.GetProperty("removed").EnumerateArray().Select(r => r.GetInt64()));
    }

    private static string AngleSharpText(string html) => NewsroomPortal.Parse(html).QuerySelector(".live-entry__body")!.TextContent.Trim();
}
