using System.Net;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Articles;
using Tidings.Core.Creators;
using Tidings.Core.Sources;
using Tidings.IntegrationTests.Newsroom;
using Tidings.IntegrationTests.Postgres;

namespace Tidings.IntegrationTests.SelfMedia;

/// <summary>
/// 入驻 from both sides: a reader applies, an admin approves, refuses or asks for changes with a reason the applicant
/// reads; approval makes a self-media account whose creator writes through the 先审后发 queue and only as that account.
/// </summary>
public abstract class ApplicationTests(NewsroomPortal portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Password = "reading-every-morning";

    private async Task<HttpClient> NewReaderAsync(string userName, string displayName)
    {
        var client = portal.Anonymous();
        using var registered = await NewsroomPortal.PostFormAsync(client, "/account/register", "/account/register", new()
        {
            ["UserName"] = userName,
            ["DisplayName"] = displayName,
            ["Password"] = Password,
            ["ConfirmPassword"] = Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        return client;
    }

    private async Task<Dictionary<string, string>> FieldsAsync(string name, string slug, AccountKind kind = AccountKind.Personal, string? credential = null)
    {
        var channel = await portal.WithDbAsync(db => db.Channels.Where(c => c.Slug == "tech").Select(c => c.Id).FirstAsync(Ct));
        var fields = new Dictionary<string, string>
        {
            ["Fields.Name"] = name,
            ["Fields.Slug"] = slug,
            ["Fields.Kind"] = kind.ToString(),
            ["Fields.Bio"] = "写给普通人的科技评测，只讲亲手用过的东西。",
            ["Fields.ChannelId"] = channel.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Fields.RegionId"] = string.Empty,
            ["Fields.Contact"] = "author@example.org",
            ["Fields.AcceptTerms"] = "true",
        };
        if (credential is not null)
        {
            fields["Fields.Credential"] = credential;
        }

        return fields;
    }

    private static Task<HttpResponseMessage> ApplyAsync(HttpClient client, Dictionary<string, string> fields) =>
        NewsroomPortal.PostFormAsync(client, "/creators/apply", "/creators/apply", fields);

    private Task<int> ApplicationIdAsync(string slug) =>
        portal.WithDbAsync(db => db.CreatorApplications.Where(a => a.Slug == slug).OrderByDescending(a => a.Id).Select(a => a.Id).FirstAsync(Ct));

    private static Task<HttpResponseMessage> DecideAsync(HttpClient admin, int id, string decision, string reason = "") =>
        NewsroomPortal.PostFormAsync(admin, "/newsroom/creators", "/newsroom/creators?handler=Decide", new() { ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["decision"] = decision, ["reason"] = reason });

    [Fact]
    public async Task ApplyApproveWriteReviewPublish_TheAccountIsRealAndTheCreatorWritesOnlyAsIt()
    {
        using var applicant = await NewReaderAsync("gadget.writer", "测评小林");
        using (var sent = await ApplyAsync(applicant, await FieldsAsync("小林测评室", "xiaolin-lab")))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        var status = await NewsroomPortal.PageAsync(applicant, "/creators/apply");
        Assert.Contains("审核中", status.QuerySelector("#apply-status")!.TextContent, StringComparison.Ordinal);

        using var admin = await portal.SignInAsync("admin");
        var queue = await NewsroomPortal.PageAsync(admin, "/newsroom/creators");
        Assert.Contains("小林测评室", queue.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var id = await ApplicationIdAsync("xiaolin-lab");
        using (var approved = await DecideAsync(admin, id, "approve"))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }

        var source = await portal.WithDbAsync(db => db.Sources.AsNoTracking().FirstAsync(s => s.Slug == "xiaolin-lab", Ct));
        Assert.Equal(("小林测评室", SourceKind.SelfMedia, AccountKind.Personal), (source.Name, source.Kind, source.AccountKind));
        Assert.NotNull(source.JoinedAt);
        var page = await NewsroomPortal.PageAsync(portal.Anonymous(), "/source/xiaolin-lab");
        Assert.Equal("个人", page.QuerySelector(".account-header__kind")!.TextContent.Trim());
        Assert.Contains("写给普通人的科技评测", page.QuerySelector(".account-header__bio")!.TextContent, StringComparison.Ordinal);
        var audit = await portal.WithDbAsync(db => db.AuditLog.Where(e => e.Action.StartsWith("creator-")).Select(e => e.Action + " " + e.Detail).ToListAsync(Ct));
        Assert.Contains(audit, e => e.StartsWith("creator-apply", StringComparison.Ordinal) && e.Contains("xiaolin-lab", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.StartsWith("creator-approve", StringComparison.Ordinal) && e.Contains("xiaolin-lab", StringComparison.Ordinal));

        // The role change ended the old session; signing in again carries the creator role and the account.
        using (var stale = await applicant.GetAsync("/newsroom", Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        }

        using var creator = await portal.SignInAsync("gadget.writer", Password);
        var fields = await portal.ArticleFieldsAsync("小林测评：一副降噪耳机用了三个月", "通勤路上戴了三个月，说说降噪、续航和佩戴。", "tech", sourceSlug: "chaoxun");
        using (var saved = await NewsroomPortal.PostFormAsync(creator, "/newsroom/articles/new", "/newsroom/articles/new?handler=Save", fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        // Asked to write as the site's own desk, the article is still the creator's own account's.
        var article = await portal.WithDbAsync(db => db.Articles.AsNoTracking().Where(a => a.Title.StartsWith("小林测评")).Select(a => new { a.Id, a.SourceId }).FirstAsync(Ct));
        Assert.Equal(source.Id, article.SourceId);

        // 先审后发: the creator may not publish, only submit; the editor publishes.
        using (var publish = await NewsroomPortal.ActAsync(creator, article.Id, "publish"))
        {
            Assert.NotEqual(HttpStatusCode.Redirect, publish.StatusCode);
        }

        (await NewsroomPortal.ActAsync(creator, article.Id, "submit")).Dispose();
        using var editor = await portal.SignInAsync("editor");
        (await NewsroomPortal.ActAsync(editor, article.Id, "publish")).Dispose();
        Assert.Equal(ArticleStatus.Published, await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == article.Id).Select(a => a.Status).FirstAsync(Ct)));
        var list = await NewsroomPortal.PageAsync(portal.Anonymous(), "/source/xiaolin-lab");
        Assert.Contains("小林测评：一副降噪耳机用了三个月", list.QuerySelector(".article-list")!.TextContent, StringComparison.Ordinal);

        // One account per person: the creator is told so, not offered the form again.
        var again = await NewsroomPortal.PageAsync(creator, "/creators/apply");
        Assert.Contains("您已经是自媒体作者", again.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(again.QuerySelector("input[name='Fields.Name']"));
    }

    [Fact]
    public async Task AskForChanges_ThenRefuse_TheApplicantReadsTheReasonEachTime_AndMayApplyAgain()
    {
        using var applicant = await NewReaderAsync("county.paper", "县报小编");
        using (await ApplyAsync(applicant, await FieldsAsync("青禾县融媒", "qinghe-county", AccountKind.Media, "青禾县融媒体中心，事业单位法人证书编号 12370000MB0000000X，可致电宣传部核实。")))
        {
        }

        var id = await ApplicationIdAsync("qinghe-county");
        using var admin = await portal.SignInAsync("admin");
        // A request for changes without a reason is refused: the applicant would not know what to change.
        using (var bare = await DecideAsync(admin, id, "changes"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        }

        using (await DecideAsync(admin, id, "changes", "请补充上级主管单位的证明材料说明。"))
        {
        }

        var page = await NewsroomPortal.PageAsync(applicant, "/creators/apply");
        Assert.Contains("待修改", page.QuerySelector("#apply-status")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("请补充上级主管单位的证明材料说明。", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("qinghe-county", page.QuerySelector("input[name='Fields.Slug']")!.GetAttribute("value"));

        var fields = await FieldsAsync("青禾县融媒", "qinghe-county", AccountKind.Media, "青禾县融媒体中心，主管单位为青禾县委宣传部，事业单位法人证书编号 12370000MB0000000X。");
        using (var resent = await ApplyAsync(applicant, fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        }

        Assert.Equal(id, await ApplicationIdAsync("qinghe-county"));
        using (await DecideAsync(admin, id, "reject", "同名账号已由县委宣传部直接开通，请联系他们。"))
        {
        }

        page = await NewsroomPortal.PageAsync(applicant, "/creators/apply");
        Assert.Contains("未通过", page.QuerySelector("#apply-status")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("同名账号已由县委宣传部直接开通", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.False(await portal.WithDbAsync(db => db.Sources.AnyAsync(s => s.Slug == "qinghe-county", Ct)));
        // Refused is final for that application; the form is there for a new one.
        Assert.NotNull(page.QuerySelector("input[name='Fields.Name']"));
        using var late = await DecideAsync(admin, id, "approve");
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task BadApplications_AreRefusedFieldByField_AndNothingIsStored()
    {
        using var applicant = await NewReaderAsync("bad.applicant", "想入驻的人");
        var before = await portal.WithDbAsync(db => db.CreatorApplications.CountAsync(Ct));
        (string Field, string Value, string Message)[] cases =
        [
            ("Fields.Name", "潮讯网小编", "本站"),
            ("Fields.Name", "老周聊财经", "已被使用"),
            ("Fields.Name", "客服小助手", "客服"),
            ("Fields.Slug", "newsroom", "保留"),
            ("Fields.Slug", "laozhou-finance", "已被使用"),
            ("Fields.Slug", "Bad Slug!", "小写字母"),
            ("Fields.Bio", "太短", "简介"),
            ("Fields.AcceptTerms", "false", "入驻协议"),
        ];
        foreach (var (field, value, message) in cases)
        {
            var fields = await FieldsAsync("正常的名字", "normal-name");
            fields[field] = value;
            using var response = await ApplyAsync(applicant, fields);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}={value}: {(int)response.StatusCode}");
            var html = NewsroomPortal.Parse(await response.Content.ReadAsStringAsync(Ct));
            var error = html.QuerySelectorAll(".form-error").Select(e => e.TextContent).FirstOrDefault(t => t.Length > 0) ?? string.Empty;
            Assert.True(error.Contains(message, StringComparison.Ordinal), $"{field}={value}: '{error}'");
        }

        // A media account must say who it is.
        using (var media = await ApplyAsync(applicant, await FieldsAsync("某某日报", "mou-daily", AccountKind.Media)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, media.StatusCode);
        }

        // Not an image, as an avatar.
        var upload = await FieldsAsync("正常的名字", "normal-name");
        var token = (await NewsroomPortal.PageAsync(applicant, "/creators/apply")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var multipart = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (key, value) in upload)
        {
            multipart.Add(new StringContent(value), key);
        }

        multipart.Add(new ByteArrayContent("<svg onload=alert(1)>"u8.ToArray()), "Avatar", "avatar.png");
        using (var bad = await applicant.PostAsync("/creators/apply", multipart, Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        Assert.Equal(before, await portal.WithDbAsync(db => db.CreatorApplications.CountAsync(Ct)));
        // Signed out, the page sends the reader to sign in first.
        using var anonymous = await portal.Anonymous().GetAsync("/creators/apply", Ct);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyAdminsDecide_AndAnApplicantCanWithdraw()
    {
        using var applicant = await NewReaderAsync("withdrawer", "改主意的人");
        using (await ApplyAsync(applicant, await FieldsAsync("改主意频道", "change-mind")))
        {
        }

        var id = await ApplicationIdAsync("change-mind");
        using var editor = await portal.SignInAsync("editor");
        using (var refused = await editor.PostAsync("/newsroom/creators?handler=Decide", new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["decision"] = "approve" }), Ct))
        {
            Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        }

        using (var withdraw = await NewsroomPortal.PostFormAsync(applicant, "/creators/apply", "/creators/apply?handler=Withdraw", new() { ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, withdraw.StatusCode);
        }

        Assert.Equal(ApplicationStatus.Withdrawn, await portal.WithDbAsync(db => db.CreatorApplications.Where(a => a.Id == id).Select(a => a.Status).FirstAsync(Ct)));
        Assert.False(await portal.WithDbAsync(db => db.Sources.AnyAsync(s => s.Slug == "change-mind", Ct)));
        Assert.False(await portal.WithDbAsync(db => db.UserRoles.AnyAsync(r => db.Users.Any(u => u.Id == r.UserId && u.UserName == "withdrawer"), Ct)));
    }
}

[Collection(NewsroomGroup.Name)]
public sealed class ApplicationTestsOnSqlite(NewsroomPortal portal) : ApplicationTests(portal);

[Collection(PostgresNewsroomGroup.Name)]
[OnPostgres]
public sealed class ApplicationTestsOnPostgres(PostgresNewsroomPortal portal) : ApplicationTests(portal);
