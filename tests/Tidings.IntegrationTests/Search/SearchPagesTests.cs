using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tidings.Core.Data;
using Tidings.Core.Search;
using Tidings.Core.Text;

namespace Tidings.IntegrationTests.Search;

public sealed class SearchPagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task EveryPage_HasTheHeaderSearchBox()
    {
        var doc = await portal.GetPageAsync("/channel/news");
        var form = doc.QuerySelector("header form[role=search][action='/search']");
        Assert.NotNull(form);
        Assert.NotNull(form.QuerySelector("label[for=site-search-q]"));
        Assert.NotNull(form.QuerySelector("input#site-search-q[name=q]"));
    }

    [Fact]
    public async Task Search_DemoContent_ShowsHighlightedResults()
    {
        var doc = await portal.GetPageAsync("/search?q=" + Uri.EscapeDataString("济南 有轨电车"));
        var hits = doc.QuerySelectorAll(".search-hit");
        Assert.NotEmpty(hits);
        Assert.Contains(hits, h => h.QuerySelector("mark") is not null);
        Assert.All(hits, h => Assert.StartsWith("/article/", h.QuerySelector("h2 a")!.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Contains("济南", doc.QuerySelector(".search-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("noindex", doc.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        Assert.Equal("济南 有轨电车", doc.QuerySelector("#site-search-q")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Search_Filters_ChannelRegionAndTimeSort()
    {
        var doc = await portal.GetPageAsync("/search?q=%E6%9D%AD%E5%B7%9E&region=zhejiang&sort=time");
        var times = doc.QuerySelectorAll(".search-hit time").Select(t => DateTimeOffset.Parse(t.GetAttribute("datetime")!)).ToList();
        Assert.NotEmpty(times);
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.Equal("zhejiang", doc.QuerySelector("#search-region option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Search_NoResults_ExplainsAndSuggests()
    {
        var doc = await portal.GetPageAsync("/search?q=" + Uri.EscapeDataString("量子纠缠 恐龙化石"));
        var notice = doc.QuerySelector(".notice[role=status]")!.TextContent;
        Assert.Contains("没有找到", notice, StringComparison.Ordinal);
        Assert.Contains("量子", notice, StringComparison.Ordinal);
        Assert.True(doc.QuerySelectorAll(".search-suggestions li").Length >= 5);
    }

    [Fact]
    public async Task Search_Empty_PromptsAndSuggests()
    {
        var doc = await portal.GetPageAsync("/search");
        Assert.Contains("请输入", doc.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(doc.QuerySelectorAll(".search-suggestions li"));
    }

    [Theory]
    [InlineData("%22")]
    [InlineData("%22+*+%5E+%3A+(+)+NEAR+AND+OR")]
    [InlineData("NEAR(%E6%B5%8E%E5%8D%97+%E5%9C%B0%E9%93%81%2C+2)")]
    [InlineData("'+OR+1%3D1%3B+DROP+TABLE+Articles%3B+--")]
    [InlineData("%01%02%00%1B%5B31m")]
    [InlineData("%ZZ%E6%B5%8E%")]
    [InlineData("%E6%B5")]
    [InlineData("-%E6%B5%8E%E5%8D%97")]
    [InlineData("%E7%9A%84")]
    [InlineData("*")]
    public async Task Search_HostileInput_NeverFails(string encodedQuery)
    {
        using var client = portal.Browser();
        using var page = await client.GetAsync("/search?q=" + encodedQuery, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("fts5", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SQLite", html, StringComparison.OrdinalIgnoreCase);

        using var api = await client.GetAsync("/api/v1/search?q=" + encodedQuery, TestContext.Current.CancellationToken);
        Assert.True(api.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{api.StatusCode}");
        Assert.DoesNotContain("fts5", await api.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Search_TwoThousandCharacters_Is400WithAClearMessage()
    {
        var doc = await portal.GetPageAsync("/search?q=" + new string('长', 2000), 400);
        Assert.Contains("搜索词太长", doc.QuerySelector(".notice--error")!.TextContent, StringComparison.Ordinal);

        using var client = portal.CreateClient();
        using var api = await client.GetAsync("/api/v1/search?q=" + new string('长', 2000), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains("太长", problem.GetProperty("errors").GetProperty("q")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=2026-13-45", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2026-11-20&to=2026-11-01", "to")]
    [InlineData("sort=random", "sort")]
    [InlineData("page=0", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("channel=nope", "channel")]
    [InlineData("pageSize=51", "pageSize")]
    public async Task Api_BadParameters_Are400ProblemDetails(string query, string field)
    {
        using var client = portal.CreateClient();
        using var response = await client.GetAsync("/api/v1/search?q=%E6%B5%8E%E5%8D%97&" + query, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Api_ReturnsItemsTotalAndPage()
    {
        using var client = portal.CreateClient();
        var result = await client.GetFromJsonAsync<JsonElement>("/api/v1/search?q=" + Uri.EscapeDataString("潮声X5") + "&pageSize=2", cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.GetProperty("total").GetInt32() >= 2);
        Assert.Equal(1, result.GetProperty("page").GetInt32());
        var item = result.GetProperty("items")[0];
        foreach (var field in new[] { "id", "title", "snippet", "url", "channel", "source", "publishedAt" })
        {
            Assert.True(item.TryGetProperty(field, out _), field);
        }

        Assert.Contains("<mark>", item.GetProperty("snippet").GetString() + item.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("http://localhost/article/", item.GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_EmptyQuery_Is400()
    {
        using var client = portal.CreateClient();
        using var response = await client.GetAsync("/api/v1/search?q=", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task EveryArticle_HasSearchText()
    {
        var (articles, texts) = await portal.WithDbAsync(async db => (await db.Articles.CountAsync(), await db.SearchTexts.CountAsync()));
        Assert.Equal(articles, texts);
    }

    [Fact]
    public async Task Reindex_AppliesNewDictionaryWords()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<Core.Data.TidingsDbContext>();
        var id = await db.Articles.Where(a => a.Title.Contains("潮海城际铁路")).Select(a => a.Id).FirstAsync(cancellationToken: TestContext.Current.CancellationToken);
        var before = await db.SearchTexts.AsNoTracking().SingleAsync(t => t.ArticleId == id, cancellationToken: TestContext.Current.CancellationToken);
        Assert.DoesNotContain("潮海城际铁路", before.Title.Split('\u200b'));

        services.GetRequiredService<ChineseSegmenter>().AddWords(["潮海城际铁路"]);
        var done = await new SearchReindexer(db, services.GetRequiredService<SearchTextBuilder>(), services.GetRequiredService<IDatabaseDialect>()).ReindexAsync(ct: TestContext.Current.CancellationToken);
        Assert.True(done >= 141);

        var after = await db.SearchTexts.AsNoTracking().SingleAsync(t => t.ArticleId == id, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains("潮海城际铁路", after.Title.Split('\u200b'));
        var doc = await portal.GetPageAsync("/search?q=%22%E6%BD%AE%E6%B5%B7%E5%9F%8E%E9%99%85%E9%93%81%E8%B7%AF%22");
        Assert.NotEmpty(doc.QuerySelectorAll(".search-hit"));
    }
}
