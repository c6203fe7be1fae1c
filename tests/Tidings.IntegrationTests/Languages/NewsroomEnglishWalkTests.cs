using Microsoft.EntityFrameworkCore;
using Tidings.Core.Articles;
using Tidings.IntegrationTests.Newsroom;
using Tidings.Web.Features.Newsroom;

namespace Tidings.IntegrationTests.Languages;

/// <summary>
/// Every newsroom page, and the reader pages only a signed-in reader sees, in English: no Chinese character outside
/// content. Besides what the reader walk counts as content, here that is what the newsroom's people wrote (names,
/// notes, applications, live entries) and what the log stores: audit details and revision notes are written once, in
/// the site's language, and read by everyone.
/// </summary>
[Collection(NewsroomGroup.Name)]
public sealed class NewsroomEnglishWalkTests(NewsroomPortal portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NewsroomPages_InEnglish_ShowNoChineseOutsideContent()
    {
        var (articleId, commentId, topic) = await portal.WithDbAsync(async db => (
            await db.Articles.Where(a => a.Status == ArticleStatus.Published).OrderByDescending(a => a.Id).Select(a => a.Id).FirstAsync(Ct),
            await db.Comments.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(Ct),
            await db.Specials.Select(s => s.Id).FirstAsync(Ct)));
        (string Account, string Path)[] pages =
        [
            ("admin", "/newsroom"), ("admin", "/newsroom/articles"), ("admin", "/newsroom/articles/new"),
            ("admin", $"/newsroom/articles/{articleId}"), ("admin", $"/newsroom/articles/{articleId}/revisions"),
            ("admin", $"/newsroom/articles/{articleId}/live"), ("admin", "/newsroom/audit"),
            ("admin", "/newsroom/comments"), ("admin", "/newsroom/comments?queue=reported"), ("admin", "/newsroom/comments?queue=rejected"),
            ("admin", "/newsroom/users"), ("admin", "/newsroom/feeds"), ("admin", "/newsroom/curation"),
            ("admin", "/newsroom/originality"), ("admin", "/newsroom/reports"), ("admin", "/newsroom/creators"),
            ("admin", "/newsroom/spike"), ("admin", "/newsroom/alerts"), ("admin", "/newsroom/topics"),
            ("admin", "/newsroom/topics/new"), ("admin", "/newsroom/topics/" + topic),
            ("creator", "/newsroom/creator"), ("creator", "/newsroom/creator/comments"), ("creator", "/newsroom/articles"),
            ("reader", "/following"), ("reader", "/creators/apply"), ("reader", $"/article/{articleId}/report"),
            ("reader", $"/comment/{commentId}"),
        ];
        var content = await ContentAsync();
        var leaks = new List<string>();
        var clients = new Dictionary<string, HttpClient>();
        try
        {
            foreach (var (account, path) in pages)
            {
                if (!clients.TryGetValue(account, out var client))
                {
                    clients[account] = client = await portal.SignInAsync(account);
                }

                var page = await NewsroomPortal.PageAsync(client, path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "lang=en");
                Assert.True(page.DocumentElement.GetAttribute("lang") == "en", $"{path} as {account}: not in English");
                leaks.AddRange(EnglishPages.Leaks(page, content).Select(l => $"{path} as {account}: {l}"));
            }
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }

        Assert.True(leaks.Count == 0, "Chinese in the English newsroom:\n" + string.Join('\n', leaks.Distinct().Take(80)));
    }

    [Theory]
    [InlineData("zh-CN", "自媒体作者须指定", "密码至少需要")]
    [InlineData("en", "A creator needs the source", "Passwords must be at least")]
    public async Task AccountRefusals_AreWordedInTheAdministratorsLanguage(string language, string noSource, string shortPassword)
    {
        using var admin = await portal.SignInAsync("admin");
        using var creator = await NewsroomPortal.PostFormAsync(admin, "/newsroom/users", "/newsroom/users?handler=Create&lang=" + language, new()
        {
            ["NewUserName"] = "nosource-" + language,
            ["NewPassword"] = NewsroomPortal.Password,
            ["NewRoles"] = "creator",
        });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, creator.StatusCode);
        var page = NewsroomPortal.Parse(await creator.Content.ReadAsStringAsync(Ct));
        Assert.Contains(noSource, page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);

        using var weak = await NewsroomPortal.PostFormAsync(admin, "/newsroom/users", "/newsroom/users?handler=Create&lang=" + language, new()
        {
            ["NewUserName"] = "weak-" + language,
            ["NewPassword"] = "short",
            ["NewRoles"] = "writer",
        });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, weak.StatusCode);
        page = NewsroomPortal.Parse(await weak.Content.ReadAsStringAsync(Ct));
        Assert.Contains(shortPassword, page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.False(await portal.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName!.EndsWith("-" + language), Ct)));
    }

    [Fact]
    public async Task EveryActionInTheLog_HasANameOnTheAuditPage()
    {
        var actions = await portal.WithDbAsync(db => db.AuditLog.Select(a => a.Action).Distinct().ToListAsync(Ct));
        Assert.NotEmpty(actions);
        Assert.All(actions, a => Assert.True(AuditModel.Actions.ContainsKey(a), $"audit action '{a}' has no name"));
    }

    private Task<List<string>> ContentAsync() => portal.WithDbAsync(async db =>
    {
        var strings = new List<string?>();
        strings.AddRange(await db.Articles.Select(a => a.Title).ToListAsync(Ct));
        strings.AddRange(await db.Articles.Select(a => a.Summary).ToListAsync(Ct));
        strings.AddRange(await db.Articles.Select(a => a.EditorName).ToListAsync(Ct));
        strings.AddRange(await db.Articles.Select(a => a.CoverAlt).ToListAsync(Ct));
        strings.AddRange(await db.Authors.Select(a => a.Name).ToListAsync(Ct));
        strings.AddRange(await db.Sources.Select(s => s.Name).ToListAsync(Ct));
        strings.AddRange(await db.Sources.Select(s => s.Bio).ToListAsync(Ct));
        strings.AddRange(await db.Channels.Select(c => c.Name).ToListAsync(Ct));
        strings.AddRange(await db.Regions.Select(r => r.Name).ToListAsync(Ct));
        strings.AddRange(await db.Regions.Select(r => r.SiteName).ToListAsync(Ct));
        strings.AddRange(await db.Tags.Select(t => t.Name).ToListAsync(Ct));
        strings.AddRange(await db.Comments.Select(c => c.Body).ToListAsync(Ct));
        strings.AddRange(await db.Comments.Select(c => c.Nickname).ToListAsync(Ct));
        strings.AddRange(await db.Comments.Select(c => c.RegionLabel).ToListAsync(Ct));
        strings.AddRange(await db.Comments.Select(c => c.ModerationNote).ToListAsync(Ct));
        strings.AddRange(await db.Comments.Select(c => c.MatchedTerm).ToListAsync(Ct));
        strings.AddRange(await db.CommentReports.Select(c => c.Reason).ToListAsync(Ct));
        strings.AddRange(await db.Specials.Select(s => s.Title).ToListAsync(Ct));
        strings.AddRange(await db.Specials.Select(s => s.Lead).ToListAsync(Ct));
        strings.AddRange(await db.SpecialSections.Select(s => s.Title).ToListAsync(Ct));
        strings.AddRange(await db.ArticleCorrections.Select(c => c.Text).ToListAsync(Ct));
        strings.AddRange(await db.ArticleCorrections.Select(c => c.EditorName).ToListAsync(Ct));
        strings.AddRange(await db.ArticleRevisions.Select(r => r.Title).ToListAsync(Ct));
        strings.AddRange(await db.ArticleRevisions.Select(r => r.Note).ToListAsync(Ct));
        // The revisions page shows each version's text and the differences between two.
        strings.AddRange(await db.ArticleRevisions.Select(r => r.Summary).ToListAsync(Ct));
        strings.AddRange(await db.ArticleRevisions.Select(r => r.Body).ToListAsync(Ct));
        strings.AddRange(await db.ArticleRevisions.Select(r => r.UserName).ToListAsync(Ct));
        strings.AddRange(await db.AuditLog.Select(a => a.Detail).ToListAsync(Ct));
        strings.AddRange(await db.AuditLog.Select(a => a.Actor).ToListAsync(Ct));
        strings.AddRange(await db.Users.Select(u => u.DisplayName).ToListAsync(Ct));
        strings.AddRange(await db.LiveEntries.Select(e => e.BodyMarkdown).ToListAsync(Ct));
        strings.AddRange(await db.LiveEntries.Select(e => e.Attribution).ToListAsync(Ct));
        strings.AddRange(await db.LiveEntries.Select(e => e.ImageAlt).ToListAsync(Ct));
        strings.AddRange(await db.CreatorApplications.Select(a => a.Name).ToListAsync(Ct));
        strings.AddRange(await db.CreatorApplications.Select(a => a.Bio).ToListAsync(Ct));
        strings.AddRange(await db.CreatorApplications.Select(a => a.Reason).ToListAsync(Ct));
        strings.AddRange(await db.CreatorApplications.Select(a => a.Contact).ToListAsync(Ct));
        strings.AddRange(await db.CreatorApplications.Select(a => a.Credential).ToListAsync(Ct));
        strings.AddRange(await db.StandingEvents.Select(e => e.Note).ToListAsync(Ct));
        strings.AddRange(await db.ArticleReports.Select(r => r.Note).ToListAsync(Ct));
        strings.AddRange(["潮讯网", "潮讯网友"]);
        // Multi-line notes show on one line, and the editor's note after a transition is its own line.
        strings.AddRange(strings.Where(s => s is not null && s.Contains('\n', StringComparison.Ordinal)).SelectMany(s => s!.Split('\n')).ToList());
        return strings.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()).Distinct().OrderByDescending(s => s.Length).ToList();
    });
}
