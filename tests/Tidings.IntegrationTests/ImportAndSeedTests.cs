using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tidings.Core.Articles;
using Tidings.Core.Data;
using Tidings.Core.Demo;
using Tidings.Core.Importing;
using Tidings.Core.Search;

namespace Tidings.IntegrationTests;

public sealed class ImportAndSeedTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private SearchTextBuilder Search => portal.Services.GetRequiredService<SearchTextBuilder>();

    private async Task<ImportSummary> ImportAsync(string jsonl)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var importer = new ArticleImporter(scope.ServiceProvider.GetRequiredService<TidingsDbContext>(), scope.ServiceProvider.GetRequiredService<IDatabaseDialect>(), TimeProvider.System, Search);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(jsonl));
        return await importer.ImportAsync(stream);
    }

    private static string Line(string id, string title, string extra = "") =>
        $$"""{"externalId":"{{id}}","title":"{{title}}","body":"第一段正文。\n第二段正文。"{{extra}}}""";

    [Fact]
    public async Task Import_GoodAndBadLines_StoresGoodReportsBadByLineNumber()
    {
        var prefix = "mix-" + Guid.NewGuid().ToString("N")[..8];
        var file = string.Join('\n',
            Line(prefix + "-1", "导入测试一", ""","channel":"finance","source":"导入测试社","tags":["导入"]"""),
            "{not json",
            Line(prefix + "-2", "导入测试二", ""","publishedAt":"2026-11-20T08:00:00+08:00","author":"测试作者" """),
            """{"externalId":"x","title":"","body":"b"}""",
            "",
            Line(prefix + "-3", "导入测试三", ""","region":"shandong" """));
        var summary = await ImportAsync(file);

        Assert.Equal(3, summary.Added);
        Assert.Equal(2, summary.Failed);
        Assert.Equal([2L, 4L], summary.Errors.Select(e => e.Line));
        Assert.Contains("title is required", summary.Errors[1].Reason, StringComparison.Ordinal);

        var stored = await portal.WithDbAsync(db => db.Articles.Include(a => a.Source).Include(a => a.Tags)
            .Where(a => a.ExternalId!.StartsWith(prefix)).OrderBy(a => a.ExternalId).ToListAsync());
        Assert.Equal(3, stored.Count);
        Assert.Equal("导入测试社", stored[0].Source!.Name);
        Assert.Single(stored[0].Tags);
        Assert.Equal(new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc), stored[1].PublishedAt);
        Assert.Equal(ArticleStatus.Published, stored[2].Status);
        Assert.Equal("<p>第一段正文。</p>\n<p>第二段正文。</p>", stored[2].BodyHtml);
    }

    [Fact]
    public async Task Import_SameFileTwice_IsIdempotent_AndChangesUpdate()
    {
        var id = "idem-" + Guid.NewGuid().ToString("N")[..8];
        var line = Line(id, "幂等测试", ""","channel":"tech","tags":["甲","乙"],"publishedAt":"2026-11-21T08:00:00Z" """);
        Assert.Equal(1, (await ImportAsync(line)).Added);

        var again = await ImportAsync(line);
        Assert.Equal((0, 0, 1), (again.Added, again.Updated, again.Unchanged));

        var changed = await ImportAsync(Line(id, "幂等测试（更新）", ""","channel":"tech","tags":["乙","丙"],"publishedAt":"2026-11-21T08:00:00Z" """));
        Assert.Equal((0, 1), (changed.Added, changed.Updated));

        var article = await portal.WithDbAsync(db => db.Articles.Include(a => a.Tags).SingleAsync(a => a.ExternalId == id));
        Assert.Equal("幂等测试（更新）", article.Title);
        var tagNames = await portal.WithDbAsync(db => db.Tags.Where(t => article.Tags.Select(at => at.TagId).Contains(t.Id)).Select(t => t.Name).OrderBy(n => n).ToListAsync());
        Assert.Equal(["丙", "乙"], tagNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Import_NoChannel_StoredAsUnassigned_AndServed()
    {
        var id = "nochan-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(1, (await ImportAsync(Line(id, "未分类文章"))).Added);
        var article = await portal.WithDbAsync(db => db.Articles.SingleAsync(a => a.ExternalId == id));
        Assert.Null(article.ChannelId);

        var doc = await portal.GetPageAsync("/article/" + article.Id);
        Assert.Equal("未分类文章", doc.QuerySelector("h1")!.TextContent);
        Assert.Equal(["首页", "正文"], doc.QuerySelectorAll("nav.breadcrumb li").Select(li => li.TextContent.Trim()));
    }

    [Fact]
    public async Task Import_UnknownChannelAndRegion_AreCreated()
    {
        var slug = "new-" + Guid.NewGuid().ToString("N")[..6];
        var summary = await ImportAsync(Line("chan-" + slug, "新频道文章", $$""","channel":"{{slug}}","region":"江苏" """));
        Assert.Equal(1, summary.Added);
        Assert.True(await portal.WithDbAsync(db => db.Channels.AnyAsync(c => c.Slug == slug)));
        Assert.True(await portal.WithDbAsync(db => db.Regions.AnyAsync(r => r.Name == "江苏")));
        await portal.GetPageAsync("/channel/" + slug);
    }

    [Fact]
    public async Task DemoSeed_RunTwice_AddsNothingTheSecondTime()
    {
        var before = await portal.WithDbAsync(db => db.Articles.CountAsync());
        var summary = await portal.WithDbAsync(db => new DemoSeeder(db, TimeProvider.System, Search).SeedAsync());
        Assert.Equal(0, summary.ArticlesAdded);
        Assert.Equal(before, await portal.WithDbAsync(db => db.Articles.CountAsync()));
        Assert.True(before >= 120);
    }

    [Fact]
    public async Task SyntheticSeed_AddsLabelledArticlesThatPagesServe()
    {
        var result = await portal.WithDbAsync(db => new SyntheticSeeder(db, portal.Services.GetRequiredService<IDatabaseDialect>(), TimeProvider.System, Search).SeedAsync(300, randomSeed: 7));
        Assert.Equal(300, result.Added);
        Assert.Equal(result.FirstId + 299, result.LastId);
        var synthetic = await portal.WithDbAsync(db => db.Articles.Where(a => a.Title.StartsWith(SyntheticSeeder.TitlePrefix)).ToListAsync());
        Assert.True(synthetic.Count >= 300);
        var one = synthetic[^1];
        Assert.NotNull(one.ChannelId);
        Assert.Equal($"synthetic-{one.Id}", one.Slug);
        var doc = await portal.GetPageAsync($"/article/{one.Id}/{one.Slug}");
        Assert.StartsWith(SyntheticSeeder.TitlePrefix, doc.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }
}
