using System.Net;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Comments;
using Tidings.IntegrationTests.Postgres;
using Tidings.Web.Features.Newsroom;

namespace Tidings.IntegrationTests.Newsroom;

/// <summary>推荐位, 跟贴审核, the audit log, accounts and the dashboard.</summary>
public abstract class DeskTests(NewsroomPortal portal)
{
    private async Task<(int Id, string Title)> PublishedAsync(HttpClient editor, string title)
    {
        var id = await portal.CreateDraftAsync(editor, title, "推荐位测试正文。", channelSlug: "sports");
        (await NewsroomPortal.ActAsync(editor, id, "publish")).Dispose();
        return (id, title);
    }

    [Fact]
    public async Task PinToHeadlines_LeadsTheHomePageAtOnce_UnpinRestoresIt()
    {
        using var editor = await portal.SignInAsync("editor");
        using var reader = portal.Anonymous();
        // An older story, so only the pin can bring it to the top.
        var (id, title) = await PublishedAsync(editor, "推荐位测试：体育馆改造完工");
        await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.PublishedAt, new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc))));
        var before = await NewsroomPortal.PageAsync(reader, "/");
        Assert.NotEqual(title, before.QuerySelector(".lead-story__title")?.TextContent.Trim());

        using (var pinned = await NewsroomPortal.PostFormAsync(editor, "/newsroom/curation", "/newsroom/curation?handler=Pin", new() { ["articleId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["scope"] = "home", ["position"] = "1", ["hours"] = "2" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, pinned.StatusCode);
        }

        var after = await NewsroomPortal.PageAsync(reader, "/");
        Assert.Equal(title, after.QuerySelector(".lead-story__title")!.TextContent.Trim());

        var slot = await portal.WithDbAsync(db => db.CuratedSlots.FirstAsync(s => s.ArticleId == id));
        using (var unpinned = await NewsroomPortal.PostFormAsync(editor, "/newsroom/curation", "/newsroom/curation?handler=Unpin", new() { ["id"] = slot.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, unpinned.StatusCode);
        }

        var restored = await NewsroomPortal.PageAsync(reader, "/");
        Assert.NotEqual(title, restored.QuerySelector(".lead-story__title")?.TextContent.Trim());
        var actions = await portal.WithDbAsync(db => db.AuditLog.Where(a => a.ArticleId == id).Select(a => a.Action).ToListAsync());
        Assert.Contains("pin", actions);
        Assert.Contains("unpin", actions);
    }

    [Fact]
    public async Task PinToChannel_HeadsTheChannelPage()
    {
        using var editor = await portal.SignInAsync("editor");
        using var reader = portal.Anonymous();
        var (id, title) = await PublishedAsync(editor, "推荐位测试：频道置顶的马拉松报名");
        await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.PublishedAt, new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc))));
        var sports = await portal.WithDbAsync(db => db.Channels.Where(c => c.Slug == "sports").Select(c => c.Id).FirstAsync());
        (await NewsroomPortal.PostFormAsync(editor, "/newsroom/curation", "/newsroom/curation?handler=Pin", new() { ["articleId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["scope"] = sports.ToString(System.Globalization.CultureInfo.InvariantCulture), ["position"] = "1", ["hours"] = "2" })).Dispose();
        var page = await NewsroomPortal.PageAsync(reader, "/channel/sports");
        Assert.Equal(title, page.QuerySelector(".pinned .article-item__title")!.TextContent.Trim());
    }

    [Fact]
    public async Task Pin_BadInput_IsRefusedWithReasons()
    {
        using var editor = await portal.SignInAsync("editor");
        var count = await portal.WithDbAsync(db => db.CuratedSlots.CountAsync());
        using var response = await NewsroomPortal.PostFormAsync(editor, "/newsroom/curation", "/newsroom/curation?handler=Pin", new() { ["articleId"] = "abc", ["scope"] = "nowhere", ["position"] = "99", ["hours"] = "-3" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = NewsroomPortal.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("没有这个编号的已发布文章", page.QuerySelector("#pin-article-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("位置必须是 1 到 10", page.QuerySelector("#pin-position-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("时长必须大于 0", page.QuerySelector("#pin-hours-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(count, await portal.WithDbAsync(db => db.CuratedSlots.CountAsync()));

        using var writer = await portal.SignInAsync("writer");
        using var notAllowed = await NewsroomPortal.PostFormAsync(writer, "/newsroom/articles/new", "/newsroom/curation?handler=Pin", new() { ["articleId"] = "1", ["scope"] = "home", ["position"] = "1", ["hours"] = "1" });
        NewsroomPortal.AssertDenied(notAllowed);
        Assert.Equal(count, await portal.WithDbAsync(db => db.CuratedSlots.CountAsync()));
    }

    [Fact]
    public async Task TrendingSuppress_RemovesTheArticleFromTheTrendingList()
    {
        using var editor = await portal.SignInAsync("editor");
        var (id, _) = await PublishedAsync(editor, "推荐位测试：热点屏蔽");
        using (var response = await NewsroomPortal.PostFormAsync(editor, "/newsroom/curation", "/newsroom/curation?handler=Trending", new() { ["articleId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["scope"] = "site", ["action"] = "suppress", ["hours"] = "4" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        Assert.True(await portal.WithDbAsync(db => db.TrendingOverrides.AnyAsync(o => o.ArticleId == id && !o.Pinned)));
        var list = await NewsroomPortal.PageAsync(editor, "/newsroom/curation");
        Assert.Contains("推荐位测试：热点屏蔽", list.Body!.TextContent, StringComparison.Ordinal);
        Assert.True(await portal.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.ArticleId == id && a.Action == "trending-suppress")));
    }

    [Fact]
    public async Task ModerationQueue_ShowsTheMatchedTerm_ApproveMakesTheCommentVisible()
    {
        var article = await portal.WithDbAsync(db => db.Articles.Where(a => a.Status == Tidings.Core.Articles.ArticleStatus.Published && a.CommentCount == 0).OrderByDescending(a => a.Id).Select(a => new { a.Id, a.Slug }).FirstAsync());
        var commentId = await portal.WithDbAsync(async db =>
        {
            var c = new Comment
            {
                ArticleId = article.Id,
                Nickname = "待审网友",
                Body = "这条跟贴等待审核，内容其实没问题。",
                Status = CommentStatus.Pending,
                MatchedTerm = "审核词",
                PosterKey = "v:test-pending",
                Address = "198.51.100.9",
                CreatedAt = DateTime.UtcNow,
                ContentHash = 42,
            };
            db.Comments.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });

        using var moderator = await portal.SignInAsync("moderator");
        var queue = await NewsroomPortal.PageAsync(moderator, "/newsroom/comments?queue=pending");
        var item = queue.QuerySelectorAll(".queue__item").First(li => li.TextContent.Contains("这条跟贴等待审核", StringComparison.Ordinal));
        Assert.Contains("命中词：“审核词”", item.TextContent, StringComparison.Ordinal);

        using (var approved = await NewsroomPortal.PostFormAsync(moderator, "/newsroom/comments", "/newsroom/comments", new() { ["id"] = commentId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["decision"] = "approve", ["queue"] = "pending" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }

        using var reader = portal.Anonymous();
        var page = await NewsroomPortal.PageAsync(reader, Tidings.Web.Features.Articles.ArticleUrls.For(article.Id, article.Slug));
        Assert.Contains("这条跟贴等待审核，内容其实没问题。", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.True(await portal.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.CommentId == commentId && a.Actor == "赵审核")));

        using var unknown = await NewsroomPortal.PostFormAsync(moderator, "/newsroom/comments", "/newsroom/comments", new() { ["id"] = commentId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["decision"] = "delete-everything" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task AuditLog_FiltersByActorActionAndArticle()
    {
        using var editor = await portal.SignInAsync("editor");
        var id = await portal.CreateDraftAsync(editor, "审计测试稿件", "正文。");
        (await NewsroomPortal.ActAsync(editor, id, "submit")).Dispose();
        using var admin = await portal.SignInAsync("admin");
        var page = await NewsroomPortal.PageAsync(admin, $"/newsroom/audit?actor={Uri.EscapeDataString("陈编辑")}&action=submit&article={id}");
        var rows = page.QuerySelectorAll(".desk-table tbody tr");
        var row = Assert.Single(rows);
        Assert.Contains("送审", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("审计测试稿件", row.TextContent, StringComparison.Ordinal);

        await NewsroomPortal.PageAsync(admin, "/newsroom/audit?action=drop-tables", HttpStatusCode.BadRequest);
        await NewsroomPortal.PageAsync(admin, "/newsroom/audit?from=yesterday", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Users_AdminCreatesStaffAndChangesRoles_WhichTakeEffect()
    {
        using var admin = await portal.SignInAsync("admin");
        using (var created = await NewsroomPortal.PostFormAsync(admin, "/newsroom/users", "/newsroom/users?handler=Create", new()
        {
            ["NewUserName"] = "night.desk",
            ["NewDisplayName"] = "夜班编辑",
            ["NewPassword"] = NewsroomPortal.Password,
            ["NewRoles"] = "writer",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        using var night = await portal.SignInAsync("night.desk");
        using (var denied = await night.GetAsync("/newsroom/curation", TestContext.Current.CancellationToken))
        {
            NewsroomPortal.AssertDenied(denied);
        }

        var userId = await portal.WithDbAsync(db => db.Users.Where(u => u.UserName == "night.desk").Select(u => u.Id).FirstAsync());
        using (var promoted = await NewsroomPortal.PostFormAsync(admin, "/newsroom/users", "/newsroom/users?handler=Roles", new() { ["id"] = userId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["roles"] = "editor" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, promoted.StatusCode);
        }

        // A fresh sign-in carries the new role at once (existing sessions within a minute).
        using var again = await portal.SignInAsync("night.desk");
        await NewsroomPortal.PageAsync(again, "/newsroom/curation");

        using var editor = await portal.SignInAsync("editor");
        using var notAdmin = await NewsroomPortal.PostFormAsync(editor, "/newsroom/articles/new", "/newsroom/users?handler=Create", new() { ["NewUserName"] = "sneaky", ["NewPassword"] = NewsroomPortal.Password, ["NewRoles"] = "admin" });
        NewsroomPortal.AssertDenied(notAdmin);
        Assert.False(await portal.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "sneaky")));
    }

    [Fact]
    public async Task ArticleList_FindsTitlesByAnySubstring_NewestChangeFirst_WithinTheFilters()
    {
        using var editor = await portal.SignInAsync("editor");
        using var writer = await portal.SignInAsync("writer2");
        var tag = Guid.NewGuid().ToString("N")[..8];
        await portal.CreateDraftAsync(editor, $"{tag}港口岸线整治启动");
        var newer = await portal.CreateDraftAsync(editor, $"{tag}新港口开港");
        await portal.CreateDraftAsync(writer, $"{tag}港口夜景");
        (await NewsroomPortal.ActAsync(editor, newer, "publish")).Dispose();

        async Task<(string Count, List<string> Titles)> ListAsync(HttpClient client, string query)
        {
            var page = await NewsroomPortal.PageAsync(client, "/newsroom/articles?" + query);
            return (page.QuerySelector("p[role=status]")!.TextContent, page.QuerySelectorAll(".desk-table tbody td:first-child a").Select(a => a.TextContent).ToList());
        }

        var all = await ListAsync(editor, "q=" + tag);
        Assert.Equal("共 3 篇", all.Count);
        // Publishing is the newest change.
        Assert.Equal([$"{tag}新港口开港", $"{tag}港口夜景", $"{tag}港口岸线整治启动"], all.Titles);

        // A substring across word boundaries, which a word index would miss; the search stays within the filters.
        var acrossWords = await ListAsync(editor, "status=draft&q=" + Uri.EscapeDataString("口岸线整治启"));
        Assert.Equal([$"{tag}港口岸线整治启动"], acrossWords.Titles);
        var published = await ListAsync(editor, "status=published&q=" + Uri.EscapeDataString(tag));
        Assert.Equal([$"{tag}新港口开港"], published.Titles);

        // Writers search their own articles only.
        var own = await ListAsync(writer, "q=" + Uri.EscapeDataString(tag));
        Assert.Equal([$"{tag}港口夜景"], own.Titles);

        await NewsroomPortal.PageAsync(editor, "/newsroom/articles?q=" + new string('港', ArticlesModel.MaxQueryLength + 1), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Dashboard_DrawsChartsOnTheServer()
    {
        using var editor = await portal.SignInAsync("editor");
        var page = await NewsroomPortal.PageAsync(editor, "/newsroom");
        var chart = page.QuerySelector("#chart-published + figure svg")!;
        Assert.Equal("img", chart.GetAttribute("role"));
        Assert.Equal(30, page.QuerySelectorAll("#chart-published + figure tbody tr").Length);
        Assert.True(chart.QuerySelectorAll("rect").Length == 30);
        Assert.Empty(page.QuerySelectorAll("script"));
    }
}

[Collection(NewsroomGroup.Name)]
public sealed class DeskTestsOnSqlite(NewsroomPortal portal) : DeskTests(portal);

[Collection(PostgresNewsroomGroup.Name)]
[OnPostgres]
public sealed class DeskTestsOnPostgres(PostgresNewsroomPortal portal) : DeskTests(portal);
