using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tidings.IntegrationTests;

public sealed class ApiTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Channels_ListsEveryReferenceChannelInOrder()
    {
        using var client = portal.CreateClient();
        var channels = await client.GetFromJsonAsync<JsonElement>("/api/v1/channels", cancellationToken: TestContext.Current.CancellationToken);
        var names = channels.EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["要闻", "财经", "体育", "娱乐", "科技", "汽车", "亲子", "数码", "本地", "公开课", "军事航空"], names);
        Assert.Equal("http://localhost/channel/news", channels[0].GetProperty("url").GetString());

        // Chinese travels as UTF-8, readable in the raw body, not as \uXXXX escapes.
        var raw = await client.GetStringAsync("/api/v1/channels", TestContext.Current.CancellationToken);
        Assert.Contains("\"财经\"", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Articles_FilteredAndPaged()
    {
        using var client = portal.CreateClient();
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/articles?channel=finance&page=2&pageSize=5", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(2, page.GetProperty("page").GetInt32());
        Assert.Equal(5, page.GetProperty("pageSize").GetInt32());
        Assert.True(page.GetProperty("total").GetInt32() >= 10);
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(5, items.Count);
        Assert.All(items, i => Assert.Equal("finance", i.GetProperty("channel").GetProperty("slug").GetString()));
        var times = items.Select(i => i.GetProperty("publishedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
    }

    [Fact]
    public async Task Articles_ByRegionAndSource()
    {
        using var client = portal.CreateClient();
        var region = await client.GetFromJsonAsync<JsonElement>("/api/v1/articles?region=zhejiang&pageSize=100", cancellationToken: TestContext.Current.CancellationToken);
        Assert.All(region.GetProperty("items").EnumerateArray(), i => Assert.Equal("zhejiang", i.GetProperty("region").GetProperty("slug").GetString()));
        var source = await client.GetFromJsonAsync<JsonElement>("/api/v1/articles?source=laok-cars", cancellationToken: TestContext.Current.CancellationToken);
        Assert.All(source.GetProperty("items").EnumerateArray(), i => Assert.Equal("车评人老K", i.GetProperty("source").GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=ten", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=-3", "page")]
    [InlineData("page=1e3", "page")]
    [InlineData("page=99999999999", "page")]
    [InlineData("channel=nope", "channel")]
    [InlineData("region=nope", "region")]
    [InlineData("source=nope", "source")]
    public async Task Articles_BadParameter_Is400ProblemSayingWhich(string query, string field)
    {
        using var client = portal.CreateClient();
        using var response = await client.GetAsync("/api/v1/articles?" + query, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken: TestContext.Current.CancellationToken);
        var message = problem.GetProperty("errors").GetProperty(field)[0].GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
    }

    [Fact]
    public async Task Article_ById_HasChannelRegionSourceTimesUrlAndComments()
    {
        using var client = portal.CreateClient();
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/articles?region=shandong&pageSize=1", cancellationToken: TestContext.Current.CancellationToken);
        var id = list.GetProperty("items")[0].GetProperty("id").GetInt32();
        var article = await client.GetFromJsonAsync<JsonElement>($"/api/v1/articles/{id}", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("local", article.GetProperty("channel").GetProperty("slug").GetString());
        Assert.Equal("shandong", article.GetProperty("region").GetProperty("slug").GetString());
        Assert.False(string.IsNullOrEmpty(article.GetProperty("source").GetProperty("name").GetString()));
        Assert.StartsWith($"http://localhost/article/{id}", article.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromHours(8), article.GetProperty("publishedAt").GetDateTimeOffset().Offset);
        Assert.Equal(0, article.GetProperty("commentCount").GetInt32());
        Assert.Contains("<p>", article.GetProperty("bodyHtml").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/articles/abc")]
    [InlineData("/api/v1/articles/0")]
    [InlineData("/api/v1/articles/99999999")]
    [InlineData("/api/v1/nothing-here")]
    public async Task Api_Unknown_Is404Problem(string path)
    {
        using var client = portal.CreateClient();
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task OpenApi_DescribesTheApi()
    {
        using var client = portal.CreateClient();
        var doc = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", cancellationToken: TestContext.Current.CancellationToken);
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/channels", out _));
        Assert.True(paths.TryGetProperty("/api/v1/articles", out _));
        Assert.True(paths.TryGetProperty("/api/v1/articles/{id}", out _));
    }

    [Fact]
    public async Task Health_Endpoints_AreHealthy_AndReadinessNamesWhatItChecked()
    {
        using var client = portal.CreateClient();
        Assert.Equal("Healthy", await client.GetStringAsync("/healthz", TestContext.Current.CancellationToken));

        using var ready = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.True(ready.Headers.CacheControl?.NoStore);
        var json = await ready.Content.ReadFromJsonAsync<JsonElement>(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("Healthy", json.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        // Without Tidings:Redis a node has nothing else to depend on.
        Assert.False(json.GetProperty("checks").TryGetProperty("redis", out _));
    }
}
