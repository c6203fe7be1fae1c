using System.Net;
using Microsoft.EntityFrameworkCore;
using Tidings.IntegrationTests.Aggregation;
using Tidings.IntegrationTests.Postgres;

namespace Tidings.IntegrationTests.Newsroom;

/// <summary>/newsroom/feeds: 合作媒体 as an editor meets it, and as a writer is refused it.</summary>
public abstract class FeedsPageTests(NewsroomPortal portal) : IAsyncLifetime
{
    private LocalFeedServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await LocalFeedServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static Dictionary<string, string> Subscription(string url, string source) =>
        new() { ["url"] = url, ["source"] = source, ["channel"] = "local", ["region"] = "", ["every"] = "15", ["review"] = "true" };

    [Fact]
    public async Task EditorSubscribes_SeesTheFeed_PollsIt_AndPausesIt_AllAudited()
    {
        using var editor = await portal.SignInAsync("editor");
        var url = _server.Serve("newsroom", LocalFeedServer.Feed("编辑部订阅测试")).AbsoluteUri;
        using (var added = await NewsroomPortal.PostFormAsync(editor, "/newsroom/feeds", "/newsroom/feeds?handler=Add", Subscription(url, "编辑部测试源")))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var page = await NewsroomPortal.PageAsync(editor, "/newsroom/feeds");
        Assert.Contains("已添加订阅", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        var row = page.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(url, StringComparison.Ordinal));
        Assert.Contains("编辑部测试源", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("尚未抓取", row.TextContent, StringComparison.Ordinal);
        var id = row.QuerySelector("form input[name=id]")!.GetAttribute("value")!;

        // The newsroom portal does not allow private networks: the partner on loopback is refused, and the page says so.
        using (var polled = await NewsroomPortal.PostFormAsync(editor, "/newsroom/feeds", "/newsroom/feeds?handler=Poll", new() { ["id"] = id }))
        {
            Assert.Equal(HttpStatusCode.Redirect, polled.StatusCode);
        }

        page = await NewsroomPortal.PageAsync(editor, "/newsroom/feeds");
        Assert.Contains("not a public address", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("not a public address", page.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(url, StringComparison.Ordinal)).TextContent, StringComparison.Ordinal);

        using (var paused = await NewsroomPortal.PostFormAsync(editor, "/newsroom/feeds", "/newsroom/feeds?handler=Pause", new() { ["id"] = id }))
        {
            Assert.Equal(HttpStatusCode.Redirect, paused.StatusCode);
        }

        page = await NewsroomPortal.PageAsync(editor, "/newsroom/feeds");
        Assert.Contains("已暂停", page.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(url, StringComparison.Ordinal)).TextContent, StringComparison.Ordinal);

        var actions = await portal.WithDbAsync(db => db.AuditLog.Where(e => e.Detail != null && (e.Detail == id || e.Detail.StartsWith(id + " "))).Select(e => e.Action).ToListAsync());
        Assert.Equal(["feed-add", "feed-pause", "feed-poll"], actions.Order().ToArray());
    }

    [Fact]
    public async Task BadSettings_AreRefusedWithTheReason_NothingStored()
    {
        using var editor = await portal.SignInAsync("editor");
        var before = await portal.WithDbAsync(db => db.PartnerFeeds.CountAsync());
        using var refused = await NewsroomPortal.PostFormAsync(editor, "/newsroom/feeds", "/newsroom/feeds?handler=Add", Subscription("javascript:alert(1)", "坏地址"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("完整的 http(s) 网址", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        // The refusal is worded in the editor's language, not in the CLI's English.
        using var english = await NewsroomPortal.PostFormAsync(editor, "/newsroom/feeds", "/newsroom/feeds?handler=Add&lang=en", Subscription("javascript:alert(1)", "坏地址"));
        Assert.Equal(HttpStatusCode.BadRequest, english.StatusCode);
        Assert.Contains("The feed must be an absolute http(s) URL", await english.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(before, await portal.WithDbAsync(db => db.PartnerFeeds.CountAsync()));
    }

    [Fact]
    public async Task AWriter_CannotSeeOrChangeFeeds()
    {
        using var writer = await portal.SignInAsync("writer");
        using var response = await writer.GetAsync("/newsroom/feeds", TestContext.Current.CancellationToken);
        var status = response.StatusCode == HttpStatusCode.Redirect
            ? (await writer.GetAsync(response.Headers.Location, TestContext.Current.CancellationToken)).StatusCode
            : response.StatusCode;
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }
}

[Collection(NewsroomGroup.Name)]
public sealed class FeedsPageTestsOnSqlite(NewsroomPortal portal) : FeedsPageTests(portal);

[Collection(PostgresNewsroomGroup.Name)]
[OnPostgres]
public sealed class FeedsPageTestsOnPostgres(PostgresNewsroomPortal portal) : FeedsPageTests(portal);
