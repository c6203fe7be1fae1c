using System.Net;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Articles;
using Tidings.Core.Comments;
using Tidings.IntegrationTests.Newsroom;
using Tidings.IntegrationTests.Postgres;

namespace Tidings.IntegrationTests.SelfMedia;

/// <summary>跟贴管理: a creator hides and pins 跟贴 under their own articles, and nowhere else; every step is logged.</summary>
public abstract class CreatorCommentsTests(NewsroomPortal portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<long> CommentAsync(int articleId, string body)
    {
        using var reader = portal.Anonymous();
        var token = await CommentsPortal.TokenAsync(reader);
        using var posted = await CommentsPortal.PostJsonAsync(reader, $"/api/v1/articles/{articleId}/comments", new { nickname = "路过的读者", body }, token);
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        return await portal.WithDbAsync(db => db.Comments.Where(c => c.ArticleId == articleId && c.Body == body).Select(c => c.Id).FirstAsync(Ct));
    }

    private static Task<HttpResponseMessage> PressAsync(HttpClient creator, string handler, long id) =>
        NewsroomPortal.PostFormAsync(creator, "/newsroom/creator/comments", $"/newsroom/creator/comments?handler={handler}", new() { ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    [Fact]
    public async Task ACreatorPinsAndHides_UnderTheirOwnArticles_AndTheThreadShowsIt()
    {
        var own = await portal.WithDbAsync(db => db.Articles.Where(a => a.Source!.Slug == "laozhou-finance" && a.Status == ArticleStatus.Published).OrderByDescending(a => a.Id).Select(a => a.Id).FirstAsync(Ct));
        var other = await portal.WithDbAsync(db => db.Articles.Where(a => a.Source!.Slug == "chaoxun" && a.Status == ArticleStatus.Published).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync(Ct));
        var keep = await CommentAsync(own, "老周讲得实在，我家就按三个篮子分了。");
        var rude = await CommentAsync(own, "这种文章也能发？写得什么东西。");
        var elsewhere = await CommentAsync(other, "这条跟贴不在老周的文章下面。");

        using var creator = await portal.SignInAsync("creator");
        var desk = await NewsroomPortal.PageAsync(creator, "/newsroom/creator/comments");
        Assert.NotNull(desk.QuerySelector($"[data-comment='{keep}']"));
        Assert.Null(desk.QuerySelector($"[data-comment='{elsewhere}']"));

        using (var pinned = await PressAsync(creator, "Pin", keep))
        {
            Assert.Equal(HttpStatusCode.Redirect, pinned.StatusCode);
        }

        var thread = await NewsroomPortal.PageAsync(portal.Anonymous(), $"/article/{own}/comments");
        var first = thread.QuerySelector(".comment")!;
        Assert.Equal($"comment-{keep}", first.Id);
        Assert.Contains("作者置顶", first.TextContent, StringComparison.Ordinal);

        using (var hidden = await PressAsync(creator, "Hide", rude))
        {
            Assert.Equal(HttpStatusCode.Redirect, hidden.StatusCode);
        }

        Assert.Equal(CommentStatus.Rejected, await portal.WithDbAsync(db => db.Comments.Where(c => c.Id == rude).Select(c => c.Status).FirstAsync(Ct)));
        thread = await NewsroomPortal.PageAsync(portal.Anonymous(), $"/article/{own}/comments");
        Assert.Null(thread.QuerySelector($"#comment-{rude}"));
        var audit = await portal.WithDbAsync(db => db.AuditLog.Where(e => e.CommentId == rude || e.CommentId == keep).Select(e => e.Action).ToListAsync(Ct));
        Assert.Contains("creator-hide", audit);
        Assert.Contains("creator-pin", audit);

        // Not another account's thread, and not a comment already hidden.
        using (var refused = await PressAsync(creator, "Hide", elsewhere))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        Assert.Equal(CommentStatus.Published, await portal.WithDbAsync(db => db.Comments.Where(c => c.Id == elsewhere).Select(c => c.Status).FirstAsync(Ct)));
        using var writer = await portal.SignInAsync("writer");
        using var none = await writer.GetAsync("/newsroom/creator/comments", Ct);
        NewsroomPortal.AssertDenied(none);
    }

    [Fact]
    public async Task ACommentTheAccountPostedAndAModeratorRemoved_CountsAgainstItsStanding()
    {
        var article = await portal.WithDbAsync(db => db.Articles.Where(a => a.Source!.Slug == "qinghe-daily" && a.Status == ArticleStatus.Published).OrderByDescending(a => a.Id).Select(a => a.Id).FirstAsync(Ct));
        using var creator = await portal.SignInAsync("creator");
        var token = await CommentsPortal.TokenAsync(creator);
        const string body = "关注老周聊财经，每天教你一招理财小窍门，点我主页看更多。";
        using (var posted = await CommentsPortal.PostJsonAsync(creator, $"/api/v1/articles/{article}/comments", new { body }, token))
        {
            Assert.True(posted.IsSuccessStatusCode, posted.StatusCode.ToString());
        }

        var id = await portal.WithDbAsync(db => db.Comments.Where(c => c.Body == body).Select(c => c.Id).FirstAsync(Ct));
        using var moderator = await portal.SignInAsync("moderator");
        using (var rejected = await NewsroomPortal.PostFormAsync(moderator, "/newsroom/comments?queue=published", "/newsroom/comments", new() { ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["decision"] = "reject", ["note"] = "借跟贴引流" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        }

        Assert.True(await portal.WithDbAsync(db => db.StandingEvents.AnyAsync(e => e.Reason == Core.Creators.StandingReason.CommentRemoved && e.ArticleId == article && db.Sources.Any(s => s.Id == e.SourceId && s.Slug == "laozhou-finance"), Ct)));
    }
}

[Collection(NewsroomGroup.Name)]
public sealed class CreatorCommentsTestsOnSqlite(NewsroomPortal portal) : CreatorCommentsTests(portal);

[Collection(PostgresNewsroomGroup.Name)]
[OnPostgres]
public sealed class CreatorCommentsTestsOnPostgres(PostgresNewsroomPortal portal) : CreatorCommentsTests(portal);
