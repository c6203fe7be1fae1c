using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tidings.Core.Articles;
using Tidings.Core.Data;
using Tidings.Core.Importing;
using Tidings.Core.Related;
using Tidings.Core.Search;
using Tidings.Core.Topics;
using Tidings.IntegrationTests.Postgres;

namespace Tidings.IntegrationTests;

public abstract class RelatedArticlesTests(PortalFactory portal) : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await portal.WaitForRelatedListsAsync();

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private async Task ImportAsync(params object[] lines)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var importer = new ArticleImporter(
            services.GetRequiredService<TidingsDbContext>(),
            services.GetRequiredService<IDatabaseDialect>(),
            TimeProvider.System,
            services.GetRequiredService<SearchTextBuilder>(),
            services.GetRequiredService<TopicModels>(),
            services.GetRequiredService<RelatedArticles>());
        var text = string.Join('\n', lines.Select(l => JsonSerializer.Serialize(l)));
        Assert.Equal(0, (await importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)))).Failed);
    }

    private Task<IReadOnlyList<RelatedItem>> StoredListAsync(int id) =>
        portal.WithDbAsync(async db => RelatedArticles.Parse(await db.RelatedLists.Where(r => r.ArticleId == id).Select(r => r.Items).SingleAsync()));

    [Fact]
    public async Task DemoPortal_EveryArticleHasAList_ThatFollowsTheDiversityRules()
    {
        // Other tests of this class add articles; every article is a possible item, the demo ones are the subjects.
        var all = await portal.WithDbAsync(db => db.Articles
            .Where(a => a.Status == ArticleStatus.Published)
            .Select(a => new { a.Id, a.ExternalId, a.SourceId, Story = a.SearchText!.ClusterId })
            .ToListAsync());
        var byId = all.ToDictionary(a => a.Id);
        var articles = all.Where(a => a.ExternalId!.StartsWith("demo", StringComparison.Ordinal)).ToList();
        Assert.True(articles.Count > 100);
        var sizes = new List<int>();
        foreach (var article in articles)
        {
            // A list may be shorter than ten rather than padded with unrelated articles (RelatedEligibility); the
            // demo's small channels still give every article a real one.
            var items = await StoredListAsync(article.Id);
            sizes.Add(Math.Min(10, items.Count));
            Assert.True(items.Count >= 3, $"article {article.Id} has only {items.Count} related items");
            Assert.All(items, i => Assert.True(i.Terms.Count > 0 || i.SameTopic, $"item {i.Id} of article {article.Id} shares neither a term nor the channel"));
            Assert.DoesNotContain(items, i => i.Id == article.Id);
            var first10 = items.Take(10).Select(i => byId[i.Id]).ToList();
            Assert.Equal(first10.Count, first10.Select(i => i.SourceId).Distinct().Count());
            var stories = items.Select(i => byId[i.Id].Story ?? -i.Id).ToList();
            Assert.Equal(stories.Count, stories.Distinct().Count());
            if (article.Story is { } story)
            {
                Assert.DoesNotContain(items, i => byId[i.Id].Story == story);
            }
        }

        Assert.True(sizes.Average() >= 8, $"the demo's lists show {sizes.Average():F1} items on average");
    }

    [Fact]
    public async Task ArticlePage_ShowsTheStoredList_InOrder_WithSourceAndTime()
    {
        var id = await portal.WithDbAsync(db => db.Articles.Where(a => a.ExternalId!.StartsWith("demo")).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync());
        using var client = portal.Browser();
        var api = await client.GetFromJsonAsync<JsonElement>($"/api/v1/articles/{id}/related?limit=10", cancellationToken: TestContext.Current.CancellationToken);
        var expected = api.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("url").GetString()!).Select(u => new Uri(u).AbsolutePath).ToList();

        var page = await portal.GetPageAsync(await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => "/article/" + a.Id + "/" + a.Slug).FirstAsync()));
        var shown = page.QuerySelectorAll(".related li").ToList();
        Assert.Equal(10, shown.Count);
        Assert.Equal(expected, shown.Select(li => li.QuerySelector("a")!.GetAttribute("href")));
        Assert.All(shown, li =>
        {
            Assert.False(string.IsNullOrWhiteSpace(li.QuerySelector(".byline span")!.TextContent));
            Assert.NotNull(li.QuerySelector(".byline time[datetime]"));
        });
    }

    [Fact]
    public async Task Api_ExplainsEachItem_AndRejectsBadInput()
    {
        var id = await portal.WithDbAsync(db => db.Articles.Where(a => a.ExternalId!.StartsWith("demo")).OrderByDescending(a => a.Id).Select(a => a.Id).FirstAsync());
        using var client = portal.Browser();
        var body = await client.GetFromJsonAsync<JsonElement>($"/api/v1/articles/{id}/related?limit=5", cancellationToken: TestContext.Current.CancellationToken);
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(5, items.Count);
        foreach (var item in items)
        {
            Assert.True(item.GetProperty("id").GetInt32() > 0);
            Assert.StartsWith("http", item.GetProperty("url").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(item.GetProperty("source").GetProperty("name").GetString()));
            Assert.True(item.GetProperty("publishedAt").GetDateTimeOffset() > DateTimeOffset.MinValue);
            var reasons = item.GetProperty("reasons");
            Assert.True(reasons.GetProperty("sharedTerms").GetArrayLength() > 0 || reasons.GetProperty("sameTopic").GetBoolean());
        }

        Assert.Contains(items, i => i.GetProperty("reasons").GetProperty("sharedTerms").GetArrayLength() > 0);

        foreach (var (query, status) in new[] { ("?limit=0", 400), ("?limit=abc", 400), ("?limit=21", 400), ("?limit=-1", 400) })
        {
            using var bad = await client.GetAsync($"/api/v1/articles/{id}/related{query}", TestContext.Current.CancellationToken);
            Assert.Equal((HttpStatusCode)status, bad.StatusCode);
            Assert.Contains("limit", await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        using var missing = await client.GetAsync("/api/v1/articles/999999/related", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var notAnId = await client.GetAsync("/api/v1/articles/abc/related", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, notAnId.StatusCode);
    }

    [Fact]
    public async Task Import_NewArticles_GetRelevantLists_AndJoinTheirNeighboursLists()
    {
        var key = Guid.NewGuid().ToString("N")[..8];
        await ImportAsync(new
        {
            externalId = $"{key}-a",
            title = "深远海网箱养殖的金枪鱼首次收获",
            body = "离岸四十公里的深远海养殖网箱迎来首批金枪鱼收获，养殖企业说，网箱抗风浪设计经受住了两次台风考验。",
            source = "相关测试海洋报",
        });
        await ImportAsync(new
        {
            externalId = $"{key}-b",
            title = "金枪鱼网箱养殖走向深远海",
            body = "业内人士认为，深远海网箱养殖金枪鱼可以减轻近海压力，但饲料成本和台风风险仍是难题。",
            source = "相关测试渔业网",
        });
        var ids = await portal.WithDbAsync(db => db.Articles.Where(a => a.ExternalId!.StartsWith(key)).ToDictionaryAsync(a => a.ExternalId![^1..], a => a.Id));

        var listOfB = await StoredListAsync(ids["b"]);
        Assert.Equal(ids["a"], listOfB[0].Id);
        Assert.Contains("金枪鱼", listOfB[0].Terms);

        // A's list was computed before B existed; B's import marked it stale, and the portal's background
        // maintenance recomputes it within a few seconds, with B first.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await StoredListAsync(ids["a"]) is not [var first, ..] || first.Id != ids["b"])
        {
            await Task.Delay(200, timeout.Token);
        }

        Assert.False(await portal.WithDbAsync(db => db.RelatedLists.Where(r => r.ArticleId == ids["a"]).Select(r => r.Stale).SingleAsync()));
    }

    [Fact]
    public async Task Import_WithoutChannel_GetsASuggestion_AssignedOnlyWhenSure_AndKeptOnReimport()
    {
        var key = Guid.NewGuid().ToString("N")[..8];
        var sports = await portal.WithDbAsync(db => db.Channels.Where(c => c.Slug == "sports").Select(c => c.Id).SingleAsync());
        var article = new
        {
            externalId = $"{key}-match",
            title = "主场球队三比一逆转取胜，前锋梅开二度",
            body = "比赛第七十分钟，球队前锋连入两球完成逆转，主教练赛后表示，球员在下半场执行了战术安排，联赛积分升至第二。",
            source = "频道测试体育报",
        };
        await ImportAsync(article);
        var stored = await portal.WithDbAsync(db => db.Articles.Where(a => a.ExternalId == article.externalId)
            .Select(a => new { a.ChannelId, a.SuggestedChannelId, a.SuggestedChannelConfidence, a.ChannelSuggested }).SingleAsync());
        Assert.Equal(sports, stored.SuggestedChannelId);
        Assert.InRange(stored.SuggestedChannelConfidence!.Value, 0f, 1f);
        var threshold = portal.Services.GetRequiredService<TopicOptions>().AssignAtConfidence;
        Assert.Equal(stored.SuggestedChannelConfidence >= threshold, stored.ChannelSuggested);
        Assert.Equal(stored.ChannelSuggested ? sports : null, stored.ChannelId);

        // The API tells readers of the data what the model suggested and whether it was applied.
        var id = await portal.WithDbAsync(db => db.Articles.Where(a => a.ExternalId == article.externalId).Select(a => a.Id).SingleAsync());
        using (var client = portal.Browser())
        {
            var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/articles/{id}", cancellationToken: TestContext.Current.CancellationToken);
            var suggestion = detail.GetProperty("channelSuggestion");
            Assert.Equal("sports", suggestion.GetProperty("channel").GetProperty("slug").GetString());
            Assert.Equal(stored.ChannelSuggested, suggestion.GetProperty("assigned").GetBoolean());
            Assert.InRange(suggestion.GetProperty("confidence").GetDouble(), 0, 1);
        }

        // Re-importing the same record (still without a channel) keeps what the model decided.
        await ImportAsync(article);
        Assert.Equal(stored.ChannelId, await portal.WithDbAsync(db => db.Articles.Where(a => a.ExternalId == article.externalId).Select(a => a.ChannelId).SingleAsync()));

        // A channel given by the source wins and is no longer marked as suggested.
        await ImportAsync(new { article.externalId, article.title, article.body, article.source, channel = "finance" });
        var given = await portal.WithDbAsync(db => db.Articles.Where(a => a.ExternalId == article.externalId).Select(a => new { Slug = a.Channel!.Slug, a.ChannelSuggested }).SingleAsync());
        Assert.Equal("finance", given.Slug);
        Assert.False(given.ChannelSuggested);
    }
}

/// <summary>Retraining changes the shared model, so it runs against its own portal.</summary>
public sealed class TopicRetrainingTests : IDisposable
{
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task TopicModel_RetrainsOnlyAfterTheArchiveHasGrownByTheConfiguredShare()
    {
        await _portal.WaitForRelatedListsAsync();
        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
        var topics = scope.ServiceProvider.GetRequiredService<TopicModels>();
        var first = await db.TopicModels.OrderByDescending(m => m.Id).FirstAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Null(await topics.TrainIfGrownAsync(db, CancellationToken.None));

        var growth = (int)Math.Ceiling(first.Documents * topics.Options.RetrainAfterGrowth) + 1;
        var lines = Enumerable.Range(0, growth).Select(i => JsonSerializer.Serialize(new
        {
            externalId = $"grow-{i}",
            title = $"科技新品发布第{i}场：芯片与算力",
            body = "发布会介绍了新一代芯片、算力平台和人工智能应用。",
            channel = "tech",
            source = "增长测试科技网",
        }));
        var importer = new ArticleImporter(db, scope.ServiceProvider.GetRequiredService<IDatabaseDialect>(), TimeProvider.System, scope.ServiceProvider.GetRequiredService<SearchTextBuilder>(), topics);
        await importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines))), ct: TestContext.Current.CancellationToken);

        var newest = await db.TopicModels.OrderByDescending(m => m.Id).FirstAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(newest.Id > first.Id, "the import should have retrained the model");
        Assert.Equal(first.Documents + growth, newest.Documents);
        Assert.NotNull(await topics.CurrentAsync(db, CancellationToken.None));
    }

    /// <summary>
    /// A retrain revises the suggestions made by the model before it, a bounded batch at a time with a cursor that
    /// survives restarts, and the lists of articles whose suggestion changed are refreshed.
    /// </summary>
    [Fact]
    public async Task AfterARetrain_SuggestionsAreRevised_AndChangedListsGoStale()
    {
        using var portal = _portal.WithWebHostBuilder(b => b.UseSetting("Tidings:Related:BackgroundMaintenance", "false"));
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
        var topics = scope.ServiceProvider.GetRequiredService<TopicModels>();
        var importer = new ArticleImporter(db, scope.ServiceProvider.GetRequiredService<IDatabaseDialect>(), TimeProvider.System, scope.ServiceProvider.GetRequiredService<SearchTextBuilder>(), topics,
            scope.ServiceProvider.GetRequiredService<RelatedArticles>());
        var line = JsonSerializer.Serialize(new
        {
            externalId = "revise-1",
            title = "主场球队三比一逆转取胜，前锋梅开二度",
            body = "比赛第七十分钟，球队前锋连入两球完成逆转，主教练赛后表示，联赛积分升至第二。",
            source = "修订测试体育报",
        });
        await importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(line)), ct: TestContext.Current.CancellationToken);
        var id = await db.Articles.Where(a => a.ExternalId == "revise-1").Select(a => a.Id).SingleAsync(TestContext.Current.CancellationToken);
        var sports = await db.Channels.Where(c => c.Slug == "sports").Select(c => c.Id).SingleAsync(TestContext.Current.CancellationToken);
        var finance = await db.Channels.Where(c => c.Slug == "finance").Select(c => c.Id).SingleAsync(TestContext.Current.CancellationToken);

        // As an older model left it: a wrong suggestion, not assigned, and a list computed from it.
        await db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.SuggestedChannelId, finance).SetProperty(a => a.ChannelId, (int?)null).SetProperty(a => a.ChannelSuggested, false), TestContext.Current.CancellationToken);
        await db.RelatedLists.Where(r => r.ArticleId == id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Stale, false), TestContext.Current.CancellationToken);

        Assert.NotNull(await topics.TrainAsync(db, TestContext.Current.CancellationToken));
        var changed = new List<int>();
        var rounds = 0;
        SuggestionRevision round;
        do
        {
            round = await topics.ReviseAsync(db, 5, TestContext.Current.CancellationToken);
            changed.AddRange(round.Changed);
            Assert.True(++rounds < 1_000, "the revision never finished");
        }
        while (!round.Done);

        Assert.Contains(id, changed);
        Assert.Equal(sports, await db.Articles.Where(a => a.Id == id).Select(a => a.SuggestedChannelId).SingleAsync(TestContext.Current.CancellationToken));
        Assert.True(await db.RelatedLists.Where(r => r.ArticleId == id).Select(r => r.Stale).SingleAsync(TestContext.Current.CancellationToken));

        // Done under this model: the next call does no work until the next retrain.
        var again = await topics.ReviseAsync(db, 5, TestContext.Current.CancellationToken);
        Assert.True(again.Done);
        Assert.Empty(again.Changed);
    }

    public void Dispose() => _portal.Dispose();
}

public sealed class RelatedArticlesTestsOnSqlite(PortalFactory portal) : RelatedArticlesTests(portal), IClassFixture<PortalFactory>;

[OnPostgres]
public sealed class RelatedArticlesTestsOnPostgres(PostgresPortalFactory portal) : RelatedArticlesTests(portal), IClassFixture<PostgresPortalFactory>;
