using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tidings.Core.Data;
using Tidings.Core.Importing;
using Tidings.Core.Search;
using Tidings.Core.Text;
using Tidings.IntegrationTests.Postgres;

namespace Tidings.IntegrationTests.Search;

/// <summary>
/// What every search engine must do, whatever its database. A provider's test class derives from this and supplies
/// services with a migrated database. Each test imports its own corpus into a fresh channel (plus filler articles so
/// bm25 has real statistics) and searches within that channel, so tests never see each other's articles.
/// </summary>
public abstract class SearchEngineContract
{
    private const int Filler = 50;

    protected abstract IServiceProvider Services { get; }

    private sealed record Doc(string Id, string Title, string Body, string? PublishedAt = null, string? Region = null, string? Source = null);

    private async Task<(string Channel, int ChannelId)> SeedAsync(params Doc[] docs)
    {
        var channel = "contract-" + Guid.NewGuid().ToString("N")[..10];
        var lines = new StringBuilder();
        for (var i = 0; i < Filler; i++)
        {
            lines.AppendLine(JsonSerializer.Serialize(new
            {
                externalId = $"{channel}-filler-{i}",
                title = $"本市第{i}期天气与出行提示",
                body = "今日天气晴朗，市民出行顺利，公园游客较多，交通部门提醒注意安全。",
                channel,
                publishedAt = "2026-11-01T08:00:00+08:00",
            }));
        }

        foreach (var d in docs)
        {
            lines.AppendLine(JsonSerializer.Serialize(new
            {
                externalId = $"{channel}-{d.Id}",
                title = d.Title,
                body = d.Body,
                channel,
                region = d.Region,
                source = d.Source ?? "契约测试社",
                publishedAt = d.PublishedAt ?? "2026-11-20T08:00:00+08:00",
            }));
        }

        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
        var importer = new ArticleImporter(db, scope.ServiceProvider.GetRequiredService<IDatabaseDialect>(), TimeProvider.System, scope.ServiceProvider.GetRequiredService<SearchTextBuilder>());
        var summary = await importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(lines.ToString())));
        Assert.Equal(0, summary.Failed);
        return (channel, await db.Channels.Where(c => c.Slug == channel).Select(c => c.Id).SingleAsync());
    }

    private async Task<SearchResults> SearchAsync(string text, SearchFilters filters, SearchSort sort = SearchSort.Relevance, int page = 1, int pageSize = 10)
    {
        await using var scope = Services.CreateAsyncScope();
        var segmenter = scope.ServiceProvider.GetRequiredService<ChineseSegmenter>();
        Assert.True(SearchQuery.TryParse(text, segmenter, out var query, out var error), error?.ToString());
        var engine = scope.ServiceProvider.GetRequiredService<ISearchEngine>();
        return await engine.SearchAsync(new SearchRequest(query, filters, sort, page, pageSize, DateTime.UtcNow.AddMinutes(1)), CancellationToken.None);
    }

    private async Task<List<string>> TitlesAsync(string text, int channelId) =>
        (await SearchAsync(text, new SearchFilters(ChannelId: channelId))).Items.Select(h => h.Title).ToList();

    [Fact]
    public async Task Search_SeveralWords_AllMustMatch()
    {
        var (_, ch) = await SeedAsync(new Doc("a", "济南地铁六号线开通", "首班车早上六点发出。"), new Doc("b", "济南公交线路调整", "多条线路优化。"));
        Assert.Equal(["济南地铁六号线开通"], await TitlesAsync("济南 地铁", ch));
        Assert.Equal(2, (await TitlesAsync("济南", ch)).Count);
    }

    [Fact]
    public async Task Search_QuotedPhrase_MatchesWordsInOrderOnly()
    {
        var (_, ch) = await SeedAsync(
            new("a", "散文：北京的秋天", "北京的秋天天高云淡。"),
            new("b", "秋天去哪里", "今年秋天，北京的游客很多。"));
        Assert.Equal(["散文：北京的秋天"], await TitlesAsync("\"北京的秋天\"", ch));
        Assert.Equal(2, (await TitlesAsync("北京 秋天", ch)).Count);
    }

    [Fact]
    public async Task Search_ExcludedWord_RemovesMatches()
    {
        var (_, ch) = await SeedAsync(new Doc("a", "新款手机发布", "这款手机采用苹果芯片。"), new Doc("b", "手机市场观察", "安卓阵营出货增长。"));
        Assert.Equal(["手机市场观察"], await TitlesAsync("手机 -苹果", ch));
    }

    [Fact]
    public async Task Search_TitleMatch_RanksAboveBodyMatch()
    {
        var (_, ch) = await SeedAsync(
            new("body", "动物园周末活动安排", "园方介绍，熊猫馆周末延长开放。", "2026-11-21T08:00:00+08:00"),
            new("title", "熊猫宝宝满月了", "动物园里的新生幼崽今天满月。", "2026-11-10T08:00:00+08:00"));
        Assert.Equal(["熊猫宝宝满月了", "动物园周末活动安排"], await TitlesAsync("熊猫", ch));
    }

    [Fact]
    public async Task Search_Filters_RegionSourceAndDates()
    {
        var (_, ch) = await SeedAsync(
            new("sd", "海鲜市场开市", "海鲜价格平稳。", "2026-11-05T08:00:00+08:00", Region: "shandong", Source: "契约甲报"),
            new("zj", "海鲜节开幕", "海鲜摊位三百个。", "2026-11-15T08:00:00+08:00", Region: "zhejiang", Source: "契约乙报"));
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
        var shandong = await db.Regions.Where(r => r.Slug == "shandong").Select(r => r.Id).SingleAsync(cancellationToken: TestContext.Current.CancellationToken);
        var sourceB = await db.Sources.Where(s => s.Name == "契约乙报").Select(s => s.Id).SingleAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["海鲜市场开市"], (await SearchAsync("海鲜", new(ChannelId: ch, RegionId: shandong))).Items.Select(h => h.Title));
        Assert.Equal(["海鲜节开幕"], (await SearchAsync("海鲜", new(ChannelId: ch, SourceId: sourceB))).Items.Select(h => h.Title));
        var from = new DateTime(2026, 11, 10, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(["海鲜节开幕"], (await SearchAsync("海鲜", new(ChannelId: ch, FromUtc: from))).Items.Select(h => h.Title));
        Assert.Equal(["海鲜市场开市"], (await SearchAsync("海鲜", new(ChannelId: ch, ToUtc: from))).Items.Select(h => h.Title));
    }

    [Fact]
    public async Task Search_SortByTime_NewestFirst_AndPagesDoNotOverlap()
    {
        var docs = Enumerable.Range(1, 15)
            .Select(i => new Doc($"d{i}", $"冰壶比赛第{i}场战报", "冰壶队员发挥稳定。", $"2026-11-{i:00}T08:00:00+08:00"))
            .ToArray();
        var (_, ch) = await SeedAsync(docs);
        var first = await SearchAsync("冰壶", new(ChannelId: ch), SearchSort.Newest, page: 1);
        var second = await SearchAsync("冰壶", new(ChannelId: ch), SearchSort.Newest, page: 2);
        Assert.Equal(15, first.Total);
        Assert.Equal(10, first.Items.Count);
        Assert.Equal(5, second.Items.Count);
        var all = first.Items.Concat(second.Items).ToList();
        Assert.Equal(15, all.Select(h => h.Id).Distinct().Count());
        Assert.Equal(all.Select(h => h.PublishedAt).OrderByDescending(t => t), all.Select(h => h.PublishedAt));
    }

    [Fact]
    public async Task Search_Highlights_WithoutLettingMarkupThrough()
    {
        var (_, ch) = await SeedAsync(new Doc("x", "熊猫<b>加粗</b>标题", "正文写着 1 < 2 & 熊猫 \"引号\" 的故事。"));
        var hit = Assert.Single((await SearchAsync("熊猫", new(ChannelId: ch))).Items);
        Assert.Contains("<mark>熊猫</mark>", hit.TitleHtml, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;", hit.TitleHtml, StringComparison.Ordinal);
        Assert.Contains("<mark>熊猫</mark>", hit.SnippetHtml, StringComparison.Ordinal);
        Assert.Contains("1 &lt; 2 &amp;", hit.SnippetHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("\u200b", hit.SnippetHtml, StringComparison.Ordinal);
        var withoutMarks = hit.TitleHtml.Replace("<mark>", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal);
        Assert.DoesNotContain('<', withoutMarks);
    }

    [Fact]
    public async Task Search_FutureArticles_AreNotFound()
    {
        var future = DateTimeOffset.UtcNow.AddDays(30).ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture);
        var (_, ch) = await SeedAsync(new Doc("now", "航展今日开幕", "观众很多。"), new Doc("later", "航展闭幕总结", "下月发布。", future));
        Assert.Equal(["航展今日开幕"], await TitlesAsync("航展", ch));
    }

    [Fact]
    public async Task Search_IndexFollowsUpdatesAndDeletes()
    {
        var (channel, ch) = await SeedAsync(new Doc("u", "旧标题说梧桐", "正文。"), new Doc("d", "将被删除的银杏文章", "正文。"));
        Assert.Single(await TitlesAsync("梧桐", ch));

        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
            var importer = new ArticleImporter(db, scope.ServiceProvider.GetRequiredService<IDatabaseDialect>(), TimeProvider.System, scope.ServiceProvider.GetRequiredService<SearchTextBuilder>());
            var line = JsonSerializer.Serialize(new { externalId = $"{channel}-u", title = "新标题说香樟", body = "正文。", channel, source = "契约测试社", publishedAt = "2026-11-20T08:00:00+08:00" });
            Assert.Equal(1, (await importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(line)), ct: TestContext.Current.CancellationToken)).Updated);
            db.Articles.Remove(await db.Articles.SingleAsync(a => a.ExternalId == $"{channel}-d", cancellationToken: TestContext.Current.CancellationToken));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        Assert.Empty(await TitlesAsync("梧桐", ch));
        Assert.Equal(["新标题说香樟"], await TitlesAsync("香樟", ch));
        Assert.Empty(await TitlesAsync("银杏", ch));
    }

    [Fact]
    public async Task Search_MixedLatinDigitsAndFullWidth()
    {
        var (_, ch) = await SeedAsync(new Doc("m", "ｉＰｈｏｎｅ 16 评测", "支持5G网络，2024年发布。"));
        Assert.Single(await TitlesAsync("iphone 16", ch));
        Assert.Single(await TitlesAsync("5G", ch));
        Assert.Single(await TitlesAsync("2024年", ch));
    }

    [Fact]
    public async Task Search_BroadQuery_CapsAtMaxResults_AndKeepsTheNewest()
    {
        var docs = Enumerable.Range(0, ISearchEngine.MaxResults + 10)
            .Select(i => new Doc($"g{i}", $"银河观测记录{i}", "今晚银河清晰可见。", DateTime.UnixEpoch.AddYears(56).AddMinutes(i).ToString("yyyy-MM-dd'T'HH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray();
        var (_, ch) = await SeedAsync(docs);
        var first = await SearchAsync("银河", new(ChannelId: ch), SearchSort.Newest);
        Assert.Equal(ISearchEngine.MaxResults, first.Total);
        Assert.True(first.MoreThanTotal);
        Assert.Equal($"银河观测记录{ISearchEngine.MaxResults + 9}", first.Items[0].Title);
        var last = await SearchAsync("银河", new(ChannelId: ch), SearchSort.Newest, page: ISearchEngine.MaxResults / 10);
        Assert.Equal(10, last.Items.Count);
        Assert.Empty((await SearchAsync("银河", new(ChannelId: ch), page: (ISearchEngine.MaxResults / 10) + 1)).Items);
    }

    [Fact]
    public async Task Search_EnglishWords_MatchAcrossInflectionsAndCase_AndAreMarked()
    {
        var (_, ch) = await SeedAsync(
            new Doc("f", "Floods close two ferry routes", "Harbour officials suspended the crossings after heavy rain."),
            new Doc("g", "Food market opens on the waterfront", "Stalls sell noodles and seafood."));
        Assert.Equal(["Floods close two ferry routes"], await TitlesAsync("flooding FERRIES", ch));
        Assert.Equal(["Floods close two ferry routes"], await TitlesAsync("the crossing suspending", ch));
        Assert.Equal(["Food market opens on the waterfront"], await TitlesAsync("food", ch));
        Assert.Equal(["Floods close two ferry routes"], await TitlesAsync("\"closing two ferries\"", ch));

        var hit = Assert.Single((await SearchAsync("flooding ferries", new(ChannelId: ch))).Items);
        Assert.Equal("<mark>Floods</mark> close two <mark>ferry</mark> routes", hit.TitleHtml);
    }

    [Fact]
    public async Task Search_MixedChineseAndEnglishQuery()
    {
        var (_, ch) = await SeedAsync(
            new Doc("i", "iPhone 16 发布会济南分会场开放", "果粉排队体验新机。"),
            new Doc("h", "国产手机发布会在青岛举行", "多款 Android 新机亮相。"),
            new Doc("n", "NBA 球星访问济南", "与山东球迷见面。"));
        Assert.Equal(["iPhone 16 发布会济南分会场开放"], await TitlesAsync("iPhone 16 发布会", ch));
        Assert.Equal(["NBA 球星访问济南"], await TitlesAsync("nba 球迷", ch));
        Assert.Equal(["国产手机发布会在青岛举行"], await TitlesAsync("android 发布会", ch));
    }

    private sealed record KnownItem(string Title, string Body, string Query, bool Stemmed);

    /// <summary>
    /// The English known-item set (original writing, see its file): 220 English stories, most queried in another
    /// inflection or case than the text, and 44 Chinese stories with English names queried in both scripts.
    /// </summary>
    [Fact]
    public async Task Search_EnglishAndMixedKnownItems_AreFound()
    {
        var items = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Search", "english-known-items.jsonl"))
            .Select(l => JsonSerializer.Deserialize<KnownItem>(l, JsonSerializerOptions.Web)!).ToList();
        Assert.True(items.Count >= 260);
        var (_, ch) = await SeedAsync([.. items.Select((item, i) => new Doc("k" + i, item.Title, item.Body))]);
        Dictionary<string, int> ids;
        await using (var scope = Services.CreateAsyncScope())
        {
            ids = await scope.ServiceProvider.GetRequiredService<TidingsDbContext>().Articles
                .Where(a => a.ChannelId == ch).ToDictionaryAsync(a => a.Title, a => a.Id, TestContext.Current.CancellationToken);
        }

        async Task<KnownItemReport> EvaluateAsync(IEnumerable<KnownItem> subset) => await KnownItemEvaluation.RunAsync(
            [.. subset.Select(item => new KnownItemQuery(ids[item.Title], item.Query))],
            async (q, _) => (await SearchAsync(q, new SearchFilters(ChannelId: ch))).Items.Select(h => h.Id).ToList(),
            ct: TestContext.Current.CancellationToken);

        var stemmed = await EvaluateAsync(items.Where(i => i.Stemmed));
        var all = await EvaluateAsync(items);
        TestContext.Current.TestOutputHelper?.WriteLine($"stemmed: {stemmed.Queries} queries, hit@10 {stemmed.HitAt10:P1}; all: {all.Queries}, hit@10 {all.HitAt10:P1}, MRR {all.Mrr:F3}");
        string Misses(KnownItemReport report) => string.Join("; ", report.Misses.Select(m => m.Query));
        // Measured on both engines: 263 of 264 found, MRR 0.996. The miss is Porter's own: "campuses" stems to "campus"
        // but "campus" to "campu". Without stemming none of the 170 stemmed queries would match.
        Assert.True(stemmed.Queries >= 150 && stemmed.HitAt10 >= 0.97, $"stemmed hit@10 {stemmed.HitAt10:P1}: {Misses(stemmed)}");
        Assert.True(all.HitAt10 >= 0.97 && all.Mrr >= 0.9, $"hit@10 {all.HitAt10:P1}, MRR {all.Mrr:F3}: {Misses(all)}");
    }

    [Fact]
    public async Task Search_SourceAndTags_AreSearchable()
    {
        var (_, ch) = await SeedAsync(new Doc("s", "一篇普通的稿件", "正文。", Source: "契约晨报"));
        Assert.Single(await TitlesAsync("契约晨报", ch));
    }
}

public sealed class SqliteSearchEngineTests(PortalFactory portal) : SearchEngineContract, IClassFixture<PortalFactory>
{
    protected override IServiceProvider Services => portal.Services;
}

[OnPostgres]
public sealed class PostgresSearchEngineTests(PostgresPortalFactory portal) : SearchEngineContract, IClassFixture<PostgresPortalFactory>
{
    protected override IServiceProvider Services => portal.Services;

    [Fact]
    public void RunsOnPostgres()
    {
        using var scope = portal.Services.CreateScope();
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", scope.ServiceProvider.GetRequiredService<TidingsDbContext>().Database.ProviderName);
    }
}
