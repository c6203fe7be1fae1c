using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tidings.Core.Articles;
using Tidings.IntegrationTests.Postgres;
using Tidings.Web.Features.Newsroom;

namespace Tidings.IntegrationTests.Newsroom;

public abstract class WorkflowTests(NewsroomPortal portal)
{
    /// <summary>Which newsroom pages each role reaches (200) and which it is refused (403).</summary>
    [Theory]
    [InlineData("admin", "/newsroom/articles,/newsroom/curation,/newsroom/comments,/newsroom/audit,/newsroom/users,/newsroom/feeds,/newsroom/creators", "")]
    [InlineData("editor", "/newsroom/articles,/newsroom/curation,/newsroom/comments,/newsroom/audit,/newsroom/feeds", "/newsroom/users,/newsroom/creators")]
    [InlineData("writer", "/newsroom/articles,/newsroom/articles/new", "/newsroom/curation,/newsroom/comments,/newsroom/audit,/newsroom/users,/newsroom/feeds,/newsroom/creators")]
    [InlineData("creator", "/newsroom/articles,/newsroom/articles/new", "/newsroom/curation,/newsroom/comments,/newsroom/audit,/newsroom/users,/newsroom/feeds,/newsroom/creators")]
    [InlineData("moderator", "/newsroom/comments,/newsroom/audit", "/newsroom/articles,/newsroom/articles/new,/newsroom/curation,/newsroom/users,/newsroom/feeds,/newsroom/creators")]
    [InlineData("reader", "", "/newsroom,/newsroom/articles,/newsroom/comments,/newsroom/creators")]
    public async Task Pages_FollowThePermissionsMatrix(string user, string allowed, string refused)
    {
        using var client = await portal.SignInAsync(user);
        foreach (var path in allowed.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            await NewsroomPortal.PageAsync(client, path);
        }

        foreach (var path in refused.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            var status = response.StatusCode == HttpStatusCode.Redirect
                ? (await client.GetAsync(response.Headers.Location, TestContext.Current.CancellationToken)).StatusCode
                : response.StatusCode;
            Assert.True(status == HttpStatusCode.Forbidden, $"{user} GET {path}: {(int)status}, expected 403");
        }
    }

    [Fact]
    public async Task WriterSubmits_EditorPublishes_ReadersSeeItAtOnce()
    {
        using var writer = await portal.SignInAsync("writer");
        using var editor = await portal.SignInAsync("editor");
        using var reader = portal.Anonymous();
        var id = await portal.CreateDraftAsync(writer, "港口集团三季度吞吐量再创新高", "本报讯　港口集团发布三季度数据。\n\n集装箱吞吐量同比增长百分之九。");
        await NewsroomPortal.PageAsync(reader, $"/article/{id}", HttpStatusCode.NotFound);

        // The writer cannot publish; the refusal changes nothing.
        using (var refused = await NewsroomPortal.ActAsync(writer, id, "publish"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        Assert.Equal(ArticleStatus.Draft, await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Status).FirstAsync()));

        using (var submitted = await NewsroomPortal.ActAsync(writer, id, "submit"))
        {
            Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        }

        // Home is in the shared page cache; publishing must evict it.
        var before = await NewsroomPortal.PageAsync(reader, "/channel/finance");
        Assert.DoesNotContain("港口集团三季度吞吐量再创新高", before.Body!.TextContent, StringComparison.Ordinal);
        using (var published = await NewsroomPortal.ActAsync(editor, id, "publish"))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        var page = await NewsroomPortal.PageAsync(reader, $"/article/{id}");
        Assert.Equal("港口集团三季度吞吐量再创新高", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("责任编辑：陈编辑", page.QuerySelector(".article__editor")!.TextContent, StringComparison.Ordinal);
        var channel = await NewsroomPortal.PageAsync(reader, "/channel/finance");
        Assert.Contains("港口集团三季度吞吐量再创新高", channel.Body!.TextContent, StringComparison.Ordinal);
        using var feed = await reader.GetAsync("/feeds/channel/finance.rss", TestContext.Current.CancellationToken);
        Assert.Contains("港口集团三季度吞吐量再创新高", await feed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var search = await NewsroomPortal.PageAsync(reader, "/search?q=" + Uri.EscapeDataString("吞吐量"));
        Assert.Contains("港口集团三季度吞吐量再创新高", search.Body!.TextContent, StringComparison.Ordinal);

        var audit = await portal.WithDbAsync(db => db.AuditLog.Where(a => a.ArticleId == id).OrderBy(a => a.Id).Select(a => a.Actor + ":" + a.Action).ToListAsync());
        Assert.Equal(["李记者:create", "李记者:submit", "陈编辑:publish"], audit);
    }

    /// <summary>
    /// Someone else's article, in every state a reader cannot see it in, through every newsroom door: writers, creators
    /// and moderators are told it does not exist (404, the same as a missing id), and nothing about it leaks or changes.
    /// The owner and the desk reach it.
    /// </summary>
    [Fact]
    public async Task OthersArticles_AreNotFound_OnEveryNewsroomDoor()
    {
        using var owner = await portal.SignInAsync("writer");
        using var editor = await portal.SignInAsync("editor");
        const string title = "禁看测试：尚未发布的独家调查";
        var draft = await portal.CreateDraftAsync(owner, title, "独家调查的正文，发布前不能外泄。");
        var inReview = await portal.CreateDraftAsync(owner, title + "（送审）", "送审稿的正文。");
        (await NewsroomPortal.ActAsync(owner, inReview, "submit")).Dispose();
        var scheduled = await portal.CreateDraftAsync(editor, title + "（定时）", "定时稿的正文，禁发时间之前不能外泄。");
        var when = DateTime.UtcNow.AddHours(8 + 5).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
        (await NewsroomPortal.ActAsync(editor, scheduled, "schedule", new() { ["scheduleAt"] = when })).Dispose();
        var missing = await portal.WithDbAsync(db => db.Articles.MaxAsync(a => a.Id)) + 1000;

        foreach (var user in new[] { "writer2", "creator", "moderator" })
        {
            using var other = await portal.SignInAsync(user);
            var newsroomHome = await NewsroomPortal.PageAsync(other, "/newsroom");
            var token = newsroomHome.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            foreach (var id in new[] { draft, inReview, scheduled, missing })
            {
                foreach (var path in new[] { $"/newsroom/articles/{id}", $"/newsroom/articles/{id}/revisions", $"/newsroom/articles/{id}/revisions?n=1" })
                {
                    using var get = await other.GetAsync(path, TestContext.Current.CancellationToken);
                    var body = await get.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                    Assert.True(get.StatusCode == HttpStatusCode.NotFound, $"{user} GET {path}: {(int)get.StatusCode}");
                    Assert.DoesNotContain("禁看测试", body, StringComparison.Ordinal);
                }

                var posts = new (string Handler, Dictionary<string, string> Fields)[]
                {
                    ("Save", await portal.ArticleFieldsAsync("被别人改了", "别人的正文。")),
                    ("Preview", new() { ["Form.Title"] = "预览", ["Form.Body"] = "预览正文" }),
                    ("Act", new() { ["action"] = "publish", ["revision"] = "1" }),
                    ("Act", new() { ["action"] = "todraft", ["revision"] = "1" }),
                    ("Correct", new() { ["correction"] = "别人的更正" }),
                };
                foreach (var (handler, fields) in posts)
                {
                    fields["__RequestVerificationToken"] = token;
                    using var post = await other.PostAsync($"/newsroom/articles/{id}?handler={handler}", new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
                    var body = await post.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                    Assert.True(post.StatusCode == HttpStatusCode.NotFound || (user == "moderator" && post.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden), $"{user} POST {handler} {id}: {(int)post.StatusCode}");
                    Assert.DoesNotContain("禁看测试", body, StringComparison.Ordinal);
                }

                var restore = new Dictionary<string, string> { ["number"] = "1", ["__RequestVerificationToken"] = token };
                using var restored = await other.PostAsync($"/newsroom/articles/{id}/revisions?handler=Restore", new FormUrlEncodedContent(restore), TestContext.Current.CancellationToken);
                Assert.True(restored.StatusCode == HttpStatusCode.NotFound || (user == "moderator" && restored.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden), $"{user} restore {id}: {(int)restored.StatusCode}");
            }
        }

        var states = await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == draft || a.Id == inReview || a.Id == scheduled).OrderBy(a => a.Id).Select(a => new { a.Status, a.Title }).ToListAsync());
        Assert.Equal([$"Draft:{title}", $"InReview:{title}（送审）", $"Scheduled:{title}（定时）"], states.Select(a => $"{a.Status}:{a.Title}"));
        Assert.Equal(0, await portal.WithDbAsync(db => db.ArticleCorrections.CountAsync(c => c.ArticleId == draft || c.ArticleId == inReview || c.ArticleId == scheduled)));

        // The owner and the desk still get in.
        await NewsroomPortal.PageAsync(owner, $"/newsroom/articles/{draft}");
        await NewsroomPortal.PageAsync(owner, $"/newsroom/articles/{draft}/revisions");
        await NewsroomPortal.PageAsync(editor, $"/newsroom/articles/{draft}");
        await NewsroomPortal.PageAsync(editor, $"/newsroom/articles/{scheduled}/revisions");
    }

    /// <summary>
    /// 先审后发 cannot be bypassed: the editor's publish names the revision they reviewed. An author who takes the
    /// article back, rewrites it and resubmits while the editor's page is open gets nothing published; the editor is
    /// told what changed and publishes only after looking again.
    /// </summary>
    [Fact]
    public async Task Publish_AfterTheAuthorRewroteTheReviewedText_IsRefused()
    {
        using var creator = await portal.SignInAsync("creator");
        using var editor = await portal.SignInAsync("editor");
        var id = await portal.CreateDraftAsync(creator, "老周聊财经：存款利率又降了怎么办", "稳健的做法是分散存期。");
        (await NewsroomPortal.ActAsync(creator, id, "submit")).Dispose();
        var reviewed = await NewsroomPortal.PageAsync(editor, $"/newsroom/articles/{id}");

        // Behind the editor's back: take back, rewrite, resubmit.
        (await NewsroomPortal.ActAsync(creator, id, "todraft")).Dispose();
        var fields = await portal.ArticleFieldsAsync("老周聊财经：存款利率又降了怎么办", "稳健的做法是全部买入某某币，稳赚不赔。", sourceSlug: "laozhou-finance");
        fields["Form.BaseRevision"] = "1";
        using (var rewrite = await NewsroomPortal.PostFormAsync(creator, $"/newsroom/articles/{id}", $"/newsroom/articles/{id}?handler=Save", fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, rewrite.StatusCode);
        }

        (await NewsroomPortal.ActAsync(creator, id, "submit")).Dispose();
        Assert.Equal(ArticleStatus.InReview, await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Status).FirstAsync()));

        foreach (var action in new[] { "publish", "schedule" })
        {
            var extra = action == "schedule" ? new Dictionary<string, string> { ["scheduleAt"] = DateTime.UtcNow.AddHours(10).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture) } : null;
            using var stale = await NewsroomPortal.PressAsync(editor, reviewed, id, action, extra);
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
            var message = NewsroomPortal.Parse(await stale.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).QuerySelector("[role=alert]")!.TextContent;
            Assert.Contains("您审阅的是第 1 版", message, StringComparison.Ordinal);
            Assert.Contains("第 2 版", message, StringComparison.Ordinal);
        }

        // Without a revision at all, nothing happens either.
        using (var bare = await editor.PostAsync($"/newsroom/articles/{id}?handler=Act", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["action"] = "publish",
            ["__RequestVerificationToken"] = reviewed.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        }

        Assert.Equal(ArticleStatus.InReview, await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Status).FirstAsync()));
        Assert.False(await portal.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.ArticleId == id && a.Action == "publish")));

        // Looking again (the page now shows revision 2) and publishing works.
        using (var published = await NewsroomPortal.ActAsync(editor, id, "publish"))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        Assert.Equal(ArticleStatus.Published, await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Status).FirstAsync()));
    }

    /// <summary>A change of cover, byline or tags is a revision too, so review covers them as it covers the text.</summary>
    [Fact]
    public async Task DetailsOnlySave_IsARevision()
    {
        using var writer = await portal.SignInAsync("writer");
        var id = await portal.CreateDraftAsync(writer, "细节修改也算一版", "正文不变。");
        var fields = await portal.ArticleFieldsAsync("细节修改也算一版", "正文不变。");
        fields["Form.BaseRevision"] = "1";
        fields["Form.Tags"] = "换了标签";
        using (var save = await NewsroomPortal.PostFormAsync(writer, $"/newsroom/articles/{id}", $"/newsroom/articles/{id}?handler=Save", fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        }

        Assert.Equal(2, await portal.WithDbAsync(db => db.ArticleRevisions.CountAsync(r => r.ArticleId == id)));
        fields["Form.BaseRevision"] = "2";
        using (var same = await NewsroomPortal.PostFormAsync(writer, $"/newsroom/articles/{id}", $"/newsroom/articles/{id}?handler=Save", fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, same.StatusCode);
        }

        // Saving nothing new is no revision.
        Assert.Equal(2, await portal.WithDbAsync(db => db.ArticleRevisions.CountAsync(r => r.ArticleId == id)));
    }

    [Fact]
    public async Task Unpublish_TakesThePageDownAtOnce()
    {
        using var editor = await portal.SignInAsync("editor");
        using var reader = portal.Anonymous();
        var id = await portal.CreateDraftAsync(editor, "临时通知：城区部分路段夜间施工", "城区部分路段将在夜间施工。");
        (await NewsroomPortal.ActAsync(editor, id, "publish")).Dispose();
        await NewsroomPortal.PageAsync(reader, $"/article/{id}");
        var home = await NewsroomPortal.PageAsync(reader, "/");
        Assert.Contains("临时通知：城区部分路段夜间施工", home.Body!.TextContent, StringComparison.Ordinal);

        using (var response = await NewsroomPortal.ActAsync(editor, id, "unpublish"))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        await NewsroomPortal.PageAsync(reader, $"/article/{id}", HttpStatusCode.NotFound);
        var after = await NewsroomPortal.PageAsync(reader, "/");
        Assert.DoesNotContain("临时通知：城区部分路段夜间施工", after.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoEditorsPublishingAtOnce_OnePublishes_TheOtherIsTold()
    {
        using var first = await portal.SignInAsync("editor");
        using var second = await portal.SignInAsync("editor2");
        var id = await portal.CreateDraftAsync(first, "同时发布测试：两位编辑同时按下发布", "正文。");
        var desk = await Task.WhenAll(
            NewsroomPortal.ActAsync(first, id, "publish"),
            NewsroomPortal.ActAsync(second, id, "publish"));
        var statuses = desk.Select(r => r.StatusCode).OrderBy(s => s).ToList();
        foreach (var response in desk)
        {
            response.Dispose();
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Conflict], statuses);
        Assert.Equal(1, await portal.WithDbAsync(db => db.AuditLog.CountAsync(a => a.ArticleId == id && a.Action == "publish")));
    }

    [Fact]
    public async Task CreatorArticle_IsReviewedBeforePublishing()
    {
        using var creator = await portal.SignInAsync("creator");
        using var editor = await portal.SignInAsync("editor");
        // A creator cannot choose another source: the field is ignored and their own account is used.
        var id = await portal.CreateDraftAsync(creator, "老周聊财经：年末理财的三个误区", "年末到了，说说理财。", sourceSlug: "chaoxun");
        Assert.Equal("laozhou-finance", await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Source!.Slug).FirstAsync()));

        using (var early = await NewsroomPortal.ActAsync(editor, id, "publish"))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
            Assert.Contains("须由作者送审", await early.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        (await NewsroomPortal.ActAsync(creator, id, "submit")).Dispose();
        using (var published = await NewsroomPortal.ActAsync(editor, id, "publish"))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        Assert.Equal(ArticleStatus.Published, await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Status).FirstAsync()));
    }

    [Fact]
    public async Task Writer_CannotEditSomeoneElsesDraft()
    {
        using var writer = await portal.SignInAsync("writer");
        using var other = await portal.SignInAsync("writer2");
        var id = await portal.CreateDraftAsync(writer, "李记者的独家稿件", "只有作者能改。");
        var fields = await portal.ArticleFieldsAsync("被别人改了标题", "改过的正文。");
        using var response = await NewsroomPortal.PostFormAsync(other, "/newsroom/articles/new", $"/newsroom/articles/{id}?handler=Save", fields);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("李记者的独家稿件", await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Title).FirstAsync()));
        // Nor does it show in their list.
        var list = await NewsroomPortal.PageAsync(other, "/newsroom/articles");
        Assert.DoesNotContain("李记者的独家稿件", list.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_PastTimeIsRefused_FutureTimeGoesOutWhenDue()
    {
        using var editor = await portal.SignInAsync("editor");
        using var reader = portal.Anonymous();
        var id = await portal.CreateDraftAsync(editor, "定时稿：明早发布的天气提示", "明天有雾，出行注意安全。");
        using (var past = await NewsroomPortal.ActAsync(editor, id, "schedule", new() { ["scheduleAt"] = "2020-01-01T08:00" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
            Assert.Contains("必须晚于现在", await past.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        using (var garbage = await NewsroomPortal.ActAsync(editor, id, "schedule", new() { ["scheduleAt"] = "明天早上" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        }

        var when = DateTime.UtcNow.AddHours(8 + 2).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
        using (var scheduled = await NewsroomPortal.ActAsync(editor, id, "schedule", new() { ["scheduleAt"] = when }))
        {
            Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        }

        Assert.Equal(ArticleStatus.Scheduled, await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Status).FirstAsync()));
        await NewsroomPortal.PageAsync(reader, $"/article/{id}", HttpStatusCode.NotFound);

        // Time passes (the schedule is data, so a restart loses nothing): the publisher takes it when due.
        await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.PublishedAt, DateTime.UtcNow.AddSeconds(-1))));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Status).FirstAsync()) != ArticleStatus.Published && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        await NewsroomPortal.PageAsync(reader, $"/article/{id}");
        Assert.True(await portal.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.ArticleId == id && a.Action == "publish" && a.Actor == ScheduledPublisher.Actor)));
    }

    [Fact]
    public async Task ScheduledPublisher_TwoNodesRacing_PublishOnce()
    {
        using var editor = await portal.SignInAsync("editor");
        var id = await portal.CreateDraftAsync(editor, "并发测试：只应发布一次", "两个节点同时检查定时稿。");
        await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(u => u
            .SetProperty(a => a.Status, ArticleStatus.Scheduled).SetProperty(a => a.PublishedAt, DateTime.UtcNow.AddSeconds(-1))));
        var publisher = portal.App.Services.GetRequiredService<ScheduledPublisher>();
        await Task.WhenAll(publisher.PublishDueAsync(CancellationToken.None), publisher.PublishDueAsync(CancellationToken.None), publisher.PublishDueAsync(CancellationToken.None));
        Assert.Equal(1, await portal.WithDbAsync(db => db.AuditLog.CountAsync(a => a.ArticleId == id && a.Action == "publish")));
    }

    [Fact]
    public async Task Corrections_ShowOnThePageAndInJsonLd()
    {
        using var editor = await portal.SignInAsync("editor");
        using var reader = portal.Anonymous();
        var id = await portal.CreateDraftAsync(editor, "运动会报道：男子百米冠军诞生", "冠军成绩为十秒五。");
        (await NewsroomPortal.ActAsync(editor, id, "publish")).Dispose();
        using (var response = await NewsroomPortal.PostFormAsync(editor, $"/newsroom/articles/{id}", $"/newsroom/articles/{id}?handler=Correct", new() { ["correction"] = "原文冠军成绩有误，应为十秒三。" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var page = await NewsroomPortal.PageAsync(reader, $"/article/{id}");
        Assert.Contains("原文冠军成绩有误，应为十秒三。", page.QuerySelector(".article__corrections")!.TextContent, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var article = json.RootElement.GetProperty("@graph")[0];
        var correction = article.GetProperty("correction")[0];
        Assert.Equal("CorrectionComment", correction.GetProperty("@type").GetString());
        Assert.Equal("原文冠军成绩有误，应为十秒三。", correction.GetProperty("text").GetString());

        // A writer may not correct (the editor's article is not theirs to open); an empty correction is refused.
        using var writer = await portal.SignInAsync("writer");
        using (var notAllowed = await NewsroomPortal.PostFormAsync(writer, "/newsroom/articles/new", $"/newsroom/articles/{id}?handler=Correct", new() { ["correction"] = "记者想改" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, notAllowed.StatusCode);
        }

        using (var empty = await NewsroomPortal.PostFormAsync(editor, $"/newsroom/articles/{id}", $"/newsroom/articles/{id}?handler=Correct", new() { ["correction"] = "  " }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        }

        Assert.Equal(1, await portal.WithDbAsync(db => db.ArticleCorrections.CountAsync(c => c.ArticleId == id)));
    }
}

[Collection(NewsroomGroup.Name)]
public sealed class WorkflowTestsOnSqlite(NewsroomPortal portal) : WorkflowTests(portal);

[Collection(PostgresNewsroomGroup.Name)]
[OnPostgres]
public sealed class WorkflowTestsOnPostgres(PostgresNewsroomPortal portal) : WorkflowTests(portal);
