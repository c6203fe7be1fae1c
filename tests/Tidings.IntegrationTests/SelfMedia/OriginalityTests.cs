using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tidings.Core.Articles;
using Tidings.Core.Creators;
using Tidings.Core.Text;
using Tidings.IntegrationTests.Newsroom;
using Tidings.IntegrationTests.Postgres;

namespace Tidings.IntegrationTests.SelfMedia;

/// <summary>
/// 原创保护 through the newsroom: a copy declared 原创 is refused with the article it copies and the share, and counts
/// against the account; a partial overlap keeps the label and is shown to editors; a later copy of an 原创 article by
/// another account is found by the index and listed for editors.
/// </summary>
public abstract class OriginalityTests(NewsroomPortal portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Brings the shingle index up to date, as the background maintenance does every few seconds.</summary>
    private async Task IndexAsync()
    {
        await using var scope = portal.App.Services.CreateAsyncScope();
        var originality = scope.ServiceProvider.GetRequiredService<Originality>();
        while (await originality.IndexChangedAsync(500, DateTime.UtcNow, Ct) > 0)
        {
        }
    }

    private Task<(int Id, string Title, string Text)> EarlierAsync(string sourceSlug, int skip = 0) => portal.WithDbAsync(async db =>
    {
        var a = await db.Articles.AsNoTracking()
            .Where(a => a.Source!.Slug == sourceSlug && a.Status == ArticleStatus.Published && a.BodyHtml.Length > 600)
            .OrderBy(a => a.Id).Skip(skip).Select(a => new { a.Id, a.Title, a.BodyHtml }).FirstAsync(Ct);
        return (a.Id, a.Title, ArticleHtml.ToPlainText(a.BodyHtml));
    });

    private async Task<HttpResponseMessage> SaveAsync(HttpClient client, string title, string body, bool original, string channel = "finance", string source = "laozhou-finance")
    {
        var fields = await portal.ArticleFieldsAsync(title, body, channel, source);
        if (original)
        {
            fields["Form.IsOriginal"] = "true";
        }

        return await NewsroomPortal.PostFormAsync(client, "/newsroom/articles/new", "/newsroom/articles/new?handler=Save", fields);
    }

    [Fact]
    public async Task AWholeCopyDeclaredOriginal_IsRefusedWithTheEarlierArticle_AndCountsAgainstTheAccountOnce()
    {
        await IndexAsync();
        var earlier = await EarlierAsync("qinghe-daily");
        using var creator = await portal.SignInAsync("creator");
        var title = "老周转述：" + earlier.Title;
        using (var refused = await SaveAsync(creator, title, earlier.Text, original: true))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var page = NewsroomPortal.Parse(await refused.Content.ReadAsStringAsync(Ct));
            var error = page.QuerySelector("#original-error")!.TextContent;
            Assert.Contains("不能声明原创", error, StringComparison.Ordinal);
            Assert.Contains(earlier.Title, error, StringComparison.Ordinal);
            Assert.Contains("%", error, StringComparison.Ordinal);
        }

        Assert.False(await portal.WithDbAsync(db => db.Articles.AnyAsync(a => a.Title == title, Ct)));
        // Sent again, it is refused again but counted once.
        using (await SaveAsync(creator, title, earlier.Text, original: true))
        {
        }

        var events = await portal.WithDbAsync(db => db.StandingEvents.Where(e => db.Sources.Any(s => s.Id == e.SourceId && s.Slug == "laozhou-finance") && e.Reason == StandingReason.CopyRefused && e.ArticleId == earlier.Id).CountAsync(Ct));
        Assert.Equal(1, events);
        var dashboard = await NewsroomPortal.PageAsync(creator, "/newsroom/creator");
        Assert.True(int.Parse(dashboard.QuerySelector("[data-standing]")!.GetAttribute("data-standing")!, System.Globalization.CultureInfo.InvariantCulture) <= 80);
        Assert.Contains("声明原创被拒", dashboard.QuerySelector(".standing-history")!.TextContent, StringComparison.Ordinal);

        // Without the label it is an ordinary (attributed) repost, and saves.
        using var plain = await SaveAsync(creator, title, earlier.Text, original: false);
        Assert.Equal(HttpStatusCode.Redirect, plain.StatusCode);
    }

    [Fact]
    public async Task APartialOverlap_KeepsTheLabel_AndIsShownToTheEditor()
    {
        await IndexAsync();
        var earlier = await EarlierAsync("dongan-morning");
        var quoted = earlier.Text[..Math.Min(180, earlier.Text.Length)];
        var own = "今天想和大家聊聊家里的账本。很多读者来信说，每个月工资一到手就不知道花到哪里去了。我的办法很土：把每一笔开销写在本子上，月底按吃饭、交通、孩子、人情往来分一分类，"
            + "再看看哪一类超出了预算。坚持三个月以后，你会发现真正的大头往往不是想象中的那几样。下面这段报道里提到的情况，和我收到的留言很像，摘录给大家参考："
            + "最后提醒一句，记账不是为了省下每一分钱，而是为了让钱花在自己真正在意的地方。周末有空的话，不妨和家里人一起翻翻这个本子，说不定会有新的发现。"
            + "有读者问，用手机记账软件好不好？我觉得工具不重要，重要的是坚持。选一个顺手的，每天睡前花两分钟补上当天的开销就够了。";
        using var creator = await portal.SignInAsync("creator");
        var title = "老周聊财经：记账三个月，我发现了什么";
        using (var saved = await SaveAsync(creator, title, own + "\n\n" + quoted, original: true))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var id = await portal.WithDbAsync(db => db.Articles.Where(a => a.Title == title).Select(a => a.Id).FirstAsync(Ct));
        Assert.True(await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.IsOriginal).FirstAsync(Ct)));
        using var editor = await portal.SignInAsync("editor");
        var page = await NewsroomPortal.PageAsync(editor, $"/newsroom/articles/{id}");
        var overlaps = page.QuerySelector("[data-overlaps]")!.TextContent;
        Assert.Contains(earlier.Title, overlaps, StringComparison.Ordinal);
        Assert.Contains("%", overlaps, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALaterCopyOfAnOriginalArticle_ByAnotherAccount_IsFoundAndListedForEditors()
    {
        var original = await portal.WithDbAsync(async db =>
        {
            var a = await db.Articles.AsNoTracking().Where(a => a.Source!.Slug == "laozhou-finance" && a.IsOriginal && a.Status == ArticleStatus.Published)
                .OrderByDescending(a => a.Id).Select(a => new { a.Id, a.Title, a.BodyHtml }).FirstAsync(Ct);
            return (a.Id, a.Title, Text: ArticleHtml.ToPlainText(a.BodyHtml));
        });
        using var editor = await portal.SignInAsync("editor");
        var title = "理财观察：普通家庭的钱该怎么放";
        using (var saved = await SaveAsync(editor, title, original.Text, original: false, source: "qinghe-daily"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var copyId = await portal.WithDbAsync(db => db.Articles.Where(a => a.Title == title).Select(a => a.Id).FirstAsync(Ct));
        (await NewsroomPortal.ActAsync(editor, copyId, "publish")).Dispose();
        await IndexAsync();

        var match = await portal.WithDbAsync(db => db.OriginalityMatches.AsNoTracking().FirstOrDefaultAsync(m => m.ArticleId == copyId && m.EarlierId == original.Id, Ct));
        Assert.NotNull(match);
        Assert.Equal(MatchKind.LaterCopy, match.Kind);
        Assert.True(match.Share > 0.9, match.Share.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var list = await NewsroomPortal.PageAsync(editor, "/newsroom/originality");
        var row = list.QuerySelectorAll("tbody tr").First(r => r.TextContent.Contains(title, StringComparison.Ordinal));
        Assert.Contains(original.Title, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("疑似转载原创", row.TextContent, StringComparison.Ordinal);
        // Not for writers.
        using var writer = await portal.SignInAsync("writer");
        using var refused = await writer.GetAsync("/newsroom/originality", Ct);
        NewsroomPortal.AssertDenied(refused);
    }

    [Fact]
    public async Task TwoNodesIndexingAndRecordingOneArticleAtOnce_LeaveOneSetOneRowPerHashAndOneRowPerOverlap()
    {
        // Every node's maintenance indexes the same changes; the first two to meet an article both find it unindexed.
        await IndexAsync();
        var (articleId, earlierId) = await portal.WithDbAsync(async db =>
        {
            var ids = await db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published).OrderByDescending(a => a.Id).Select(a => a.Id).Take(2).ToListAsync(Ct);
            return (ids[0], ids[1]);
        });
        await portal.WithDbAsync(async db =>
        {
            await db.ArticleFingerprintSets.Where(s => s.ArticleId == articleId).ExecuteDeleteAsync(Ct);
            await db.ArticleFingerprints.Where(f => f.ArticleId == articleId).ExecuteDeleteAsync(Ct);
            return await db.OriginalityMatches.Where(m => m.ArticleId == articleId).ExecuteDeleteAsync(Ct);
        });

        long[] first = [11, 12, 13, 14];
        long[] second = [13, 14, 15];
        var hit = new OriginalityHit(earlierId, "earlier", "source", DateTime.UtcNow, 0.42);
        async Task NodeAsync(long[] sample)
        {
            await using var scope = portal.App.Services.CreateAsyncScope();
            var originality = scope.ServiceProvider.GetRequiredService<Originality>();
            await originality.IndexAsync(articleId, sample, DateTime.UtcNow, Ct);
            await originality.RecordAsync(articleId, [hit], MatchKind.LaterCopy, DateTime.UtcNow, Ct);
        }

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => NodeAsync(i % 2 == 0 ? first : second), Ct)));
        // Whichever sample won, the next indexing leaves exactly its rows.
        await NodeAsync(second);

        var (hashes, set, overlaps) = await portal.WithDbAsync(async db => (
            await db.ArticleFingerprints.Where(f => f.ArticleId == articleId).Select(f => f.Hash).OrderBy(h => h).ToListAsync(Ct),
            await db.ArticleFingerprintSets.CountAsync(s => s.ArticleId == articleId, Ct),
            await db.OriginalityMatches.Where(m => m.ArticleId == articleId).ToListAsync(Ct)));
        Assert.Equal(second, hashes);
        Assert.Equal(1, set);
        var overlap = Assert.Single(overlaps);
        Assert.Equal(earlierId, overlap.EarlierId);
        Assert.Equal(0.42, overlap.Share);
    }
}

[Collection(NewsroomGroup.Name)]
public sealed class OriginalityTestsOnSqlite(NewsroomPortal portal) : OriginalityTests(portal);

[Collection(PostgresNewsroomGroup.Name)]
[OnPostgres]
public sealed class OriginalityTestsOnPostgres(PostgresNewsroomPortal portal) : OriginalityTests(portal);
