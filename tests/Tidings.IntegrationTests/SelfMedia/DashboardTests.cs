using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tidings.Core.Articles;
using Tidings.IntegrationTests.Newsroom;
using Tidings.IntegrationTests.Postgres;
using Tidings.Web.Features.Trending;

namespace Tidings.IntegrationTests.SelfMedia;

/// <summary>创作者中心: the figures a creator sees are the reader signals and 跟贴 the site took in, no more, no less.</summary>
public abstract class DashboardTests(NewsroomPortal portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Figures(int Views, int Reads, int Shares, int Comments);

    private static async Task<(Figures Totals, Figures Article)> ReadAsync(HttpClient creator, int articleId)
    {
        var page = await NewsroomPortal.PageAsync(creator, "/newsroom/creator");
        var counts = page.QuerySelectorAll(".desk-counts strong").Select(s => int.Parse(s.TextContent, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var row = page.QuerySelector($"tr[data-article='{articleId}']") ?? throw new InvalidOperationException("the article is not on the dashboard");
        var cells = row.QuerySelectorAll("td").Skip(2).Select(c => int.Parse(c.TextContent, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return (new Figures(counts[0], counts[1], counts[2], counts[3]), new Figures(cells[0], cells[1], cells[2], cells[3]));
    }

    private async Task SendAsync(int articleId, params string[] signals)
    {
        // Each reader from their own address and browser: the trending gate counts each once.
        using var reader = portal.Anonymous();
        reader.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", WebNode.ReaderUserAgent);
        var body = "[" + string.Join(',', signals.Select(s => $$"""{"type":"{{s}}","articleId":{{articleId}}}""")) + "]";
        using var response = await reader.PostAsync("/api/v1/events", new StringContent(body, Encoding.UTF8, "text/plain"), Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task TheDashboard_CountsExactlyTheEventsSent_PerArticleAndInTotal_AndExportsThem()
    {
        using var creator = await portal.SignInAsync("creator");
        var articleId = await portal.WithDbAsync(db => db.Articles.Where(a => a.Source!.Slug == "laozhou-finance" && a.Status == ArticleStatus.Published)
            .OrderBy(a => a.Id).Select(a => a.Id).FirstAsync(Ct));
        var (totals, article) = await ReadAsync(creator, articleId);

        for (var i = 0; i < 6; i++)
        {
            await SendAsync(articleId, i < 3 ? ["view", "read"] : i < 5 ? ["view", "share"] : ["view"]);
        }

        await portal.App.Services.GetRequiredService<TrendingIngestion>().DrainAsync(Ct);
        using (var commenter = portal.Anonymous())
        {
            var token = await CommentsPortal.TokenAsync(commenter);
            using var posted = await CommentsPortal.PostJsonAsync(commenter, $"/api/v1/articles/{articleId}/comments", new { nickname = "看数据的读者", body = "老周这篇的数据我也想看看。" }, token);
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }

        var (after, articleAfter) = await ReadAsync(creator, articleId);
        Assert.Equal(totals with { Views = totals.Views + 6, Reads = totals.Reads + 3, Shares = totals.Shares + 2, Comments = totals.Comments + 1 }, after);
        Assert.Equal(article.Views + 6, articleAfter.Views);
        Assert.Equal(article.Reads + 3, articleAfter.Reads);
        Assert.Equal(article.Shares + 2, articleAfter.Shares);

        using var csv = await creator.GetAsync("/newsroom/creator?handler=Csv", Ct);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("date,article_id,title,status,views,reads,shares,comments", lines[0].TrimStart('\uFEFF').TrimEnd('\r'));
        var today = lines.Where(l => l.Split(',')[1] == articleId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(l => l.TrimEnd('\r').Split(',')).Last();
        Assert.True(double.Parse(today[^4], System.Globalization.CultureInfo.InvariantCulture) >= 6, string.Join(',', today));
        Assert.True(int.Parse(today[^1], System.Globalization.CultureInfo.InvariantCulture) >= 1, string.Join(',', today));
    }

    [Fact]
    public async Task ACreatorSeesOnlyTheirOwnAccount()
    {
        using var creator = await portal.SignInAsync("creator");
        using (var other = await creator.GetAsync("/newsroom/creator?source=chaoxun", Ct))
        {
            NewsroomPortal.AssertDenied(other);
        }

        using (var otherCsv = await creator.GetAsync("/newsroom/creator?handler=Csv&source=chaoxun", Ct))
        {
            NewsroomPortal.AssertDenied(otherCsv);
        }

        using var writer = await portal.SignInAsync("writer");
        using (var none = await writer.GetAsync("/newsroom/creator", Ct))
        {
            NewsroomPortal.AssertDenied(none);
        }

        // Editors may look at any account's, to help or to check.
        using var editor = await portal.SignInAsync("editor");
        var page = await NewsroomPortal.PageAsync(editor, "/newsroom/creator?source=laozhou-finance");
        Assert.Contains("老周聊财经", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }
}

[Collection(NewsroomGroup.Name)]
public sealed class DashboardTestsOnSqlite(NewsroomPortal portal) : DashboardTests(portal);

[Collection(PostgresNewsroomGroup.Name)]
[OnPostgres]
public sealed class DashboardTestsOnPostgres(PostgresNewsroomPortal portal) : DashboardTests(portal);
