using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tidings.Core.Data;
using Tidings.Core.Importing;
using Tidings.Core.Search;
using Tidings.IntegrationTests.Postgres;

namespace Tidings.IntegrationTests.Newsroom;

/// <summary>
/// An article's language: chosen in the editor or named by an import, and said by every door that carries the
/// article — its page (the article's own words, not the labels around them), JSON-LD, the API, feeds, the news sitemap.
/// </summary>
public abstract class ArticleLanguageTests(NewsroomPortal portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnEnglishArticle_IsMarkedEnglishAtEveryDoor_AndTheChineseOnesStayChinese()
    {
        using var editor = await portal.SignInAsync("editor");
        using var reader = portal.Anonymous();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var fields = await portal.ArticleFieldsAsync($"Harbour ferry adds night sailings {tag}", "The harbour ferry will run until midnight from Friday.\n\nTickets cost the same.");
        fields["Form.Language"] = "en-GB";
        using var created = await NewsroomPortal.PostFormAsync(editor, "/newsroom/articles/new", "/newsroom/articles/new?handler=Save", fields);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("en", await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Language).FirstAsync(Ct)));
        var chinese = await portal.CreateDraftAsync(editor, $"轮渡增开夜航 {tag}");
        (await NewsroomPortal.ActAsync(editor, id, "publish")).Dispose();
        (await NewsroomPortal.ActAsync(editor, chinese, "publish")).Dispose();

        // The editor shows what was chosen, and refuses what is not one of the site's languages.
        var form = await NewsroomPortal.PageAsync(editor, $"/newsroom/articles/{id}");
        Assert.Equal("en", form.QuerySelector("select[name='Form.Language'] option[selected]")!.GetAttribute("value"));
        fields["Form.Language"] = "fr";
        using (var refused = await NewsroomPortal.PostFormAsync(editor, "/newsroom/articles/new", "/newsroom/articles/new?handler=Save", fields))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        var page = await NewsroomPortal.PageAsync(reader, $"/article/{id}");
        Assert.Equal("zh-CN", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("en", page.QuerySelector("#article-title")!.GetAttribute("lang"));
        Assert.Equal("en", page.QuerySelector(".article__body")!.GetAttribute("lang"));
        using (var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent))
        {
            Assert.Equal("en", json.RootElement.GetProperty("@graph")[0].GetProperty("inLanguage").GetString());
        }

        Assert.Equal("zh-CN", (await NewsroomPortal.PageAsync(reader, $"/article/{chinese}")).QuerySelector("#article-title")!.GetAttribute("lang"));
        using (var api = JsonDocument.Parse(await reader.GetStringAsync($"/api/v1/articles/{id}", Ct)))
        {
            Assert.Equal("en", api.RootElement.GetProperty("language").GetString());
        }

        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse(await reader.GetStringAsync("/feeds/atom.xml", Ct));
        var entries = feed.Root!.Elements(atom + "entry").ToDictionary(e => e.Element(atom + "title")!.Value);
        Assert.Equal("en", entries[$"Harbour ferry adds night sailings {tag}"].Attribute(XNamespace.Xml + "lang")!.Value);
        Assert.Null(entries[$"轮渡增开夜航 {tag}"].Attribute(XNamespace.Xml + "lang"));
        var rss = XDocument.Parse(await reader.GetStringAsync("/feeds/rss.xml", Ct));
        XNamespace dc = "http://purl.org/dc/elements/1.1/";
        Assert.Equal("en", rss.Descendants("item").Single(i => i.Element("title")!.Value.StartsWith("Harbour ferry", StringComparison.Ordinal) && i.Element("title")!.Value.EndsWith(tag, StringComparison.Ordinal)).Element(dc + "language")!.Value);

        XNamespace sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
        XNamespace news = "http://www.google.com/schemas/sitemap-news/0.9";
        var newsSitemap = XDocument.Parse(await reader.GetStringAsync("/sitemaps/news.xml", Ct));
        string LanguageOf(int articleId) => newsSitemap.Root!.Elements(sitemap + "url")
            .Single(u => u.Element(sitemap + "loc")!.Value.Contains($"/article/{articleId}", StringComparison.Ordinal))
            .Descendants(news + "language").Single().Value;
        Assert.Equal("en", LanguageOf(id));
        Assert.Equal("zh-cn", LanguageOf(chinese));
    }

    [Fact]
    public async Task AnImportNamesTheLanguage_OrKeepsWhatTheArticleHas_AndRefusesOneTheSiteDoesNotServe()
    {
        await using var scope = portal.App.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<TidingsDbContext>();
        var importer = new ArticleImporter(db, services.GetRequiredService<IDatabaseDialect>(), TimeProvider.System, services.GetRequiredService<SearchTextBuilder>());
        var tag = Guid.NewGuid().ToString("N")[..8];

        async Task<ImportSummary> ImportAsync(string jsonl)
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(jsonl));
            return await importer.ImportAsync(stream);
        }

        var summary = await ImportAsync(string.Join('\n',
            $$"""{"externalId":"lang-en-{{tag}}","title":"Port opens a second terminal","body":"The new terminal opens in May.","source":"Wire","language":"EN-us"}""",
            $$"""{"externalId":"lang-zh-{{tag}}","title":"港口启用第二航站楼","body":"新航站楼五月启用。","source":"通讯社"}""",
            $$"""{"externalId":"lang-fr-{{tag}}","title":"Le port ouvre","body":"Le nouveau terminal ouvre en mai.","source":"Wire","language":"fr"}""",
            $$"""{"externalId":"lang-tw-{{tag}}","title":"港口啟用","body":"新航站樓五月啟用。","source":"Wire","language":"zh-TW"}"""));
        Assert.Equal(2, summary.Added);
        Assert.Equal(2, summary.Errors.Count);
        Assert.All(summary.Errors, e => Assert.Contains("is not one of the site's languages (zh-CN, en)", e.Reason, StringComparison.Ordinal));

        async Task<string> LanguageAsync(string key) =>
            await db.Articles.AsNoTracking().Where(a => a.ExternalId == key).Select(a => a.Language).SingleAsync(Ct);
        Assert.Equal("en", await LanguageAsync($"lang-en-{tag}"));
        Assert.Equal("zh-CN", await LanguageAsync($"lang-zh-{tag}"));

        // A later file without the field keeps the language; one that names it changes it.
        await ImportAsync($$"""{"externalId":"lang-en-{{tag}}","title":"Port opens a second terminal in May","body":"The new terminal opens in May.","source":"Wire"}""");
        Assert.Equal("en", await LanguageAsync($"lang-en-{tag}"));
        await ImportAsync($$"""{"externalId":"lang-zh-{{tag}}","title":"港口启用第二航站楼","body":"新航站楼五月启用。","source":"通讯社","language":"en"}""");
        Assert.Equal("en", await LanguageAsync($"lang-zh-{tag}"));
    }
}

[Collection(NewsroomGroup.Name)]
public sealed class ArticleLanguageTestsOnSqlite(NewsroomPortal portal) : ArticleLanguageTests(portal);

[Collection(PostgresNewsroomGroup.Name)]
[OnPostgres]
public sealed class ArticleLanguageTestsOnPostgres(PostgresNewsroomPortal portal) : ArticleLanguageTests(portal);
