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
    [DatabaseTheory]
    [InlineData("admin", "/newsroom/articles,/newsroom/curation,/newsroom/comments,/newsroom/audit,/newsroom/users", "")]
    [InlineData("editor", "/newsroom/articles,/newsroom/curation,/newsroom/comments,/newsroom/audit", "/newsroom/users")]
    [InlineData("writer", "/newsroom/articles,/newsroom/articles/new", "/newsroom/curation,/newsroom/comments,/newsroom/audit,/newsroom/users")]
    [InlineData("creator", "/newsroom/articles,/newsroom/articles/new", "/newsroom/curation,/newsroom/comments,/newsroom/audit,/newsroom/users")]
    [InlineData("moderator", "/newsroom/comments,/newsroom/audit", "/newsroom/articles,/newsroom/articles/new,/newsroom/curation,/newsroom/users")]
    [InlineData("reader", "", "/newsroom,/newsroom/articles,/newsroom/comments")]
    public async Task Pages_FollowThePermissionsMatrix(string user, string allowed, string refused)
    {
        using var client = await portal.SignInAsync(user);
        foreach (var path in allowed.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            await NewsroomPortal.PageAsync(client, path);
        }

        foreach (var path in refused.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            using var response = await client.GetAsync(path);
            var status = response.StatusCode == HttpStatusCode.Redirect
                ? (await client.GetAsync(response.Headers.Location)).StatusCode
                : response.StatusCode;
            Assert.True(status == HttpStatusCode.Forbidden, $"{user} GET {path}: {(int)status}, expected 403");
        }
    }

    [DatabaseFact]
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
        using var feed = await reader.GetAsync("/feeds/channel/finance.rss");
        Assert.Contains("港口集团三季度吞吐量再创新高", await feed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var search = await NewsroomPortal.PageAsync(reader, "/search?q=" + Uri.EscapeDataString("吞吐量"));
        Assert.Contains("港口集团三季度吞吐量再创新高", search.Body!.TextContent, StringComparison.Ordinal);

        var audit = await portal.WithDbAsync(db => db.AuditLog.Where(a => a.ArticleId == id).OrderBy(a => a.Id).Select(a => a.Actor + ":" + a.Action).ToListAsync());
        Assert.Equal(["李记者:create", "李记者:submit", "陈编辑:publish"], audit);
    }

    [DatabaseFact]
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

    [DatabaseFact]
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

    [DatabaseFact]
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
            Assert.Contains("须由作者送审", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        (await NewsroomPortal.ActAsync(creator, id, "submit")).Dispose();
        using (var published = await NewsroomPortal.ActAsync(editor, id, "publish"))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        Assert.Equal(ArticleStatus.Published, await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Status).FirstAsync()));
    }

    [DatabaseFact]
    public async Task Writer_CannotEditSomeoneElsesDraft()
    {
        using var writer = await portal.SignInAsync("writer");
        using var other = await portal.SignInAsync("writer2");
        var id = await portal.CreateDraftAsync(writer, "李记者的独家稿件", "只有作者能改。");
        var fields = await portal.ArticleFieldsAsync("被别人改了标题", "改过的正文。");
        using var response = await NewsroomPortal.PostFormAsync(other, "/newsroom/articles/new", $"/newsroom/articles/{id}?handler=Save", fields);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("李记者的独家稿件", await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Title).FirstAsync()));
        // Nor does it show in their list.
        var list = await NewsroomPortal.PageAsync(other, "/newsroom/articles");
        Assert.DoesNotContain("李记者的独家稿件", list.Body!.TextContent, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task Schedule_PastTimeIsRefused_FutureTimeGoesOutWhenDue()
    {
        using var editor = await portal.SignInAsync("editor");
        using var reader = portal.Anonymous();
        var id = await portal.CreateDraftAsync(editor, "定时稿：明早发布的天气提示", "明天有雾，出行注意安全。");
        using (var past = await NewsroomPortal.ActAsync(editor, id, "schedule", new() { ["scheduleAt"] = "2020-01-01T08:00" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
            Assert.Contains("必须晚于现在", await past.Content.ReadAsStringAsync(), StringComparison.Ordinal);
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
            await Task.Delay(100);
        }

        await NewsroomPortal.PageAsync(reader, $"/article/{id}");
        Assert.True(await portal.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.ArticleId == id && a.Action == "publish" && a.Actor == ScheduledPublisher.Actor)));
    }

    [DatabaseFact]
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

    [DatabaseFact]
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

        // A writer may not correct; an empty correction is refused.
        using var writer = await portal.SignInAsync("writer");
        using (var notAllowed = await NewsroomPortal.PostFormAsync(writer, "/newsroom/articles/new", $"/newsroom/articles/{id}?handler=Correct", new() { ["correction"] = "记者想改" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notAllowed.StatusCode);
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
