using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tidings.Core.Data;
using Tidings.Core.Importing;
using Tidings.Core.Search;
using Tidings.IntegrationTests.Postgres;
using Tidings.Web.Features.Trending;

namespace Tidings.IntegrationTests;

public sealed class StoryClusterTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Story = "今年第三届蓝湾夜市消费节开幕五天，累计接待游客约31万人次，带动周边商圈销售额超过5000万元。"
        + "外地游客占比近三成，夜间餐饮和文创产品成为消费热点。主办方表示，明年将增加非遗展位和亲子活动区。"
        + "不少摊主说，今年的客流明显好于往年，周末晚上经常排起长队。";

    private async Task ImportAsync(params object[] lines)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var importer = new ArticleImporter(scope.ServiceProvider.GetRequiredService<TidingsDbContext>(), scope.ServiceProvider.GetRequiredService<IDatabaseDialect>(), TimeProvider.System, scope.ServiceProvider.GetRequiredService<SearchTextBuilder>());
        var text = string.Join('\n', lines.Select(l => JsonSerializer.Serialize(l)));
        Assert.Equal(0, (await importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)))).Failed);
    }

    [Fact]
    public async Task Reprints_FormOneStoryCluster_ExposedByTheApi()
    {
        var key = Guid.NewGuid().ToString("N")[..8];
        await ImportAsync(
            new { externalId = $"{key}-original", title = "蓝湾夜市消费节开幕五天 销售额超5000万元", body = Story, source = "聚类测试原发社" },
            new { externalId = $"{key}-other", title = "夜市摊主的一天", body = "凌晨一点收摊，摊主老李数着今天的流水，盘算明天进多少货。他说夜市让附近的小商户多了一份收入。", source = "聚类测试乙报" });
        await ImportAsync(
            new { externalId = $"{key}-reprint", title = "消费节五天带动销售额破5000万", body = "据报道，" + Story.Replace("约31万", "31万", StringComparison.Ordinal), source = "聚类测试转载网" });

        var ids = await portal.WithDbAsync(db => db.Articles.Where(a => a.ExternalId!.StartsWith(key)).ToDictionaryAsync(a => a.ExternalId![(key.Length + 1)..], a => a.Id));
        var clusters = await portal.WithDbAsync(db => db.SearchTexts.Where(t => ids.Values.Contains(t.ArticleId)).ToDictionaryAsync(t => t.ArticleId, t => t.ClusterId));
        Assert.Equal(ids["original"], clusters[ids["original"]]);
        Assert.Equal(ids["original"], clusters[ids["reprint"]]);
        Assert.NotEqual(ids["original"], clusters[ids["other"]]);

        using var client = portal.CreateClient();
        var reprint = await client.GetFromJsonAsync<JsonElement>($"/api/v1/articles/{ids["reprint"]}", cancellationToken: TestContext.Current.CancellationToken);
        var cluster = reprint.GetProperty("cluster");
        Assert.Equal(2, cluster.GetProperty("size").GetInt32());
        Assert.Equal(ids["original"], cluster.GetProperty("articles")[0].GetProperty("id").GetInt32());
        Assert.Equal("聚类测试原发社", cluster.GetProperty("articles")[0].GetProperty("source").GetProperty("name").GetString());

        // The reprint's page never offers the original as "related": it is the same story. Both are the newest
        // articles of the site (published on import), so without the story rule the original would be listed.
        var page = await portal.GetPageAsync($"/article/{ids["reprint"]}");
        var listed = page.QuerySelectorAll(".related a, .trending a").Select(a => a.GetAttribute("href")).ToList();
        Assert.NotEmpty(listed);
        Assert.DoesNotContain($"/article/{ids["original"]}", listed);

        var alone = await client.GetFromJsonAsync<JsonElement>($"/api/v1/articles/{ids["other"]}", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1, alone.GetProperty("cluster").GetProperty("size").GetInt32());
        Assert.Equal(0, alone.GetProperty("cluster").GetProperty("articles").GetArrayLength());
    }

    [Fact]
    public async Task Trending_CountsTheStory_NotEachCopy()
    {
        var key = Guid.NewGuid().ToString("N")[..8];
        var story = Story.Replace("蓝湾夜市", "港湾音乐节", StringComparison.Ordinal);
        await ImportAsync(
            new { externalId = $"{key}-a", title = "港湾音乐节开幕五天 销售额破五千万", body = story, source = "热点聚类甲报" },
            new { externalId = $"{key}-b", title = "音乐节五天带动消费", body = "据报道，" + story, source = "热点聚类乙网" },
            new { externalId = $"{key}-c", title = "港湾音乐节客流创新高", body = "本报讯 " + story, source = "热点聚类丙台" },
            new { externalId = $"{key}-solo", title = "社区图书馆延长开放时间", body = "从下周起，社区图书馆每晚开放到九点，周末增设亲子阅读时段，读者可以在线预约座位。", source = "热点聚类丁报" });
        var ids = await portal.WithDbAsync(db => db.Articles.Where(a => a.ExternalId!.StartsWith(key)).ToDictionaryAsync(a => a.ExternalId![(key.Length + 1)..], a => a.Id));
        var copies = new[] { ids["a"], ids["b"], ids["c"] };

        // Each copy is read by two readers, the other story by four: alone each copy ranks below it, together above.
        async Task ViewAsync(int id)
        {
            using var reader = portal.Browser();
            using var beacon = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events") { Content = new StringContent($$"""[{"type":"view","articleId":{{id}}}]""", Encoding.UTF8, "text/plain") };
            beacon.Headers.TryAddWithoutValidation("User-Agent", WebNode.ReaderUserAgent);
            using var response = await reader.SendAsync(beacon, TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        }

        foreach (var id in copies.SelectMany(c => new[] { c, c }).Concat(Enumerable.Repeat(ids["solo"], 4)))
        {
            await ViewAsync(id);
        }

        await portal.Services.GetRequiredService<TrendingIngestion>().DrainAsync(CancellationToken.None);
        using var client = portal.CreateClient();
        var trending = await client.GetFromJsonAsync<JsonElement>("/api/v1/trending?window=1h&limit=50", cancellationToken: TestContext.Current.CancellationToken);
        var listed = trending.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList();
        var shown = Assert.Single(listed, copies.Contains);
        Assert.True(listed.IndexOf(shown) < listed.IndexOf(ids["solo"]));
    }
}
