using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tidings.Core.Articles;
using Tidings.Core.Creators;
using Tidings.Core.Text;
using Tidings.IntegrationTests.Newsroom;
using Tidings.IntegrationTests.Postgres;
using Tidings.Web.Features.Trending;

namespace Tidings.IntegrationTests.SelfMedia;

/// <summary>A portal whose operator turned on 先发后审 for creators standing at 90 or more.</summary>
public class TrustedCreatorsPortal : NewsroomPortal
{
    public TrustedCreatorsPortal()
        : this(onPostgres: false)
    {
    }

    protected TrustedCreatorsPortal(bool onPostgres)
        : base(onPostgres, new Dictionary<string, string> { ["Tidings:Standing:Trusted"] = "90" })
    {
    }
}

public sealed class PostgresTrustedCreatorsPortal() : TrustedCreatorsPortal(onPostgres: true);

[CollectionDefinition(Name)]
public sealed class TrustedCreatorsGroup : ICollectionFixture<TrustedCreatorsPortal>
{
    public const string Name = "trusted-creators";
}

[CollectionDefinition(Name)]
public sealed class PostgresTrustedCreatorsGroup : ICollectionFixture<PostgresTrustedCreatorsPortal>
{
    public const string Name = "trusted-creators-postgres";
}

/// <summary>
/// 信用分 as a creator and a reader notice it: a trusted creator publishes directly; the desk taking articles down
/// lowers the score until every submission goes to review; copying drives it below the low mark, and the account
/// drops out of 热点推荐.
/// </summary>
public abstract class StandingTests(NewsroomPortal portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<int> DraftAsync(HttpClient creator, string title)
    {
        var fields = await portal.ArticleFieldsAsync(title, "这是老周写给读者的一段话。\n\n第二段讲讲今年的家庭开支。", "finance", "laozhou-finance");
        using var saved = await NewsroomPortal.PostFormAsync(creator, "/newsroom/articles/new", "/newsroom/articles/new?handler=Save", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return await portal.WithDbAsync(db => db.Articles.Where(a => a.Title == title).Select(a => a.Id).FirstAsync(Ct));
    }

    private Task<ArticleStatus> StatusAsync(int id) => portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Status).FirstAsync(Ct));

    [Fact]
    public async Task ATrustedCreatorPublishesDirectly_UntilTakedownsLowerTheScore_ThenEverythingGoesToReview()
    {
        using var creator = await portal.SignInAsync("creator");
        using var editor = await portal.SignInAsync("editor");
        var first = await DraftAsync(creator, "老周聊财经：信用分测试一");
        (await NewsroomPortal.ActAsync(creator, first, "publish")).Dispose();
        Assert.Equal(ArticleStatus.Published, await StatusAsync(first));

        // Two takedowns: 100 → 80, below the trusted mark of 90.
        (await NewsroomPortal.ActAsync(editor, first, "unpublish")).Dispose();
        var second = await DraftAsync(creator, "老周聊财经：信用分测试二");
        (await NewsroomPortal.ActAsync(creator, second, "publish")).Dispose();
        Assert.Equal(ArticleStatus.Published, await StatusAsync(second));
        (await NewsroomPortal.ActAsync(editor, second, "unpublish")).Dispose();

        var third = await DraftAsync(creator, "老周聊财经：信用分测试三");
        var page = await NewsroomPortal.PageAsync(creator, $"/newsroom/articles/{third}");
        Assert.DoesNotContain(page.QuerySelectorAll("button[name=action]"), b => b.GetAttribute("value") == "publish");
        using (var refused = await NewsroomPortal.PressAsync(creator, page, third, "publish"))
        {
            Assert.NotEqual(HttpStatusCode.Redirect, refused.StatusCode);
        }

        Assert.Equal(ArticleStatus.Draft, await StatusAsync(third));
        (await NewsroomPortal.ActAsync(creator, third, "submit")).Dispose();
        Assert.Equal(ArticleStatus.InReview, await StatusAsync(third));

        var dashboard = await NewsroomPortal.PageAsync(creator, "/newsroom/creator");
        Assert.Equal("80", dashboard.QuerySelector("[data-standing]")!.GetAttribute("data-standing"));
        Assert.Equal(2, dashboard.QuerySelectorAll(".standing-history li").Count(li => li.TextContent.Contains("撤稿", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task BelowTheLowMark_TheAccountLeavesTrending()
    {
        // 球场边的阿杰 (ajie-courtside) has readers, and copies three articles as 原创: 100 → 40.
        var ajie = await portal.WithDbAsync(db => db.Articles.Where(a => a.Source!.Slug == "ajie-courtside" && a.Status == ArticleStatus.Published).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync(Ct));
        for (var i = 0; i < 4; i++)
        {
            using var reader = portal.Anonymous();
            reader.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", WebNode.ReaderUserAgent);
            using var sent = await reader.PostAsync("/api/v1/events", new StringContent($$"""[{"type":"view","articleId":{{ajie}}}]""", Encoding.UTF8, "text/plain"), Ct);
        }

        await portal.App.Services.GetRequiredService<TrendingIngestion>().DrainAsync(Ct);
        Assert.Contains(ajie, await TrendingIdsAsync());

        await using (var scope = portal.App.Services.CreateAsyncScope())
        {
            var originality = scope.ServiceProvider.GetRequiredService<Originality>();
            while (await originality.IndexChangedAsync(500, DateTime.UtcNow, Ct) > 0)
            {
            }
        }

        var copied = await portal.WithDbAsync(db => db.Articles.AsNoTracking().Where(a => a.Source!.Slug == "beichen-sports" && a.Status == ArticleStatus.Published && a.BodyHtml.Length > 400)
            .OrderBy(a => a.Id).Take(3).Select(a => new { a.Title, a.BodyHtml }).ToListAsync(Ct));
        Assert.Equal(3, copied.Count);
        using var admin = await portal.SignInAsync("admin");
        foreach (var a in copied)
        {
            var fields = await portal.ArticleFieldsAsync("阿杰转：" + a.Title, ArticleHtml.ToPlainText(a.BodyHtml), "sports", "ajie-courtside");
            fields["Form.IsOriginal"] = "true";
            using var refused = await NewsroomPortal.PostFormAsync(admin, "/newsroom/articles/new", "/newsroom/articles/new?handler=Save", fields);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        await portal.App.Services.GetRequiredService<TrendingIngestion>().DrainAsync(Ct);
        Assert.DoesNotContain(ajie, await TrendingIdsAsync());
        // Still on its own page: the account is demoted, not removed.
        var page = await NewsroomPortal.PageAsync(portal.Anonymous(), "/source/ajie-courtside");
        Assert.NotNull(page.QuerySelector($".article-list a[href^='/article/{ajie}']"));
    }

    private async Task<List<int>> TrendingIdsAsync()
    {
        using var client = portal.Anonymous();
        var trending = await client.GetFromJsonAsync<JsonElement>("/api/v1/trending?window=1h&limit=50", Ct);
        return trending.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList();
    }
}

[Collection(TrustedCreatorsGroup.Name)]
public sealed class StandingTestsOnSqlite(TrustedCreatorsPortal portal) : StandingTests(portal);

[Collection(PostgresTrustedCreatorsGroup.Name)]
[OnPostgres]
public sealed class StandingTestsOnPostgres(PostgresTrustedCreatorsPortal portal) : StandingTests(portal);
