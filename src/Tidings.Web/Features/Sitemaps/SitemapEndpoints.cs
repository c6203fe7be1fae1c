using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Tidings.Core.Articles;
using Tidings.Core.Data;
using Tidings.Web.Features.Articles;
using Tidings.Web.Infrastructure;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Sitemaps;

public sealed class SitemapOptions
{
    /// <summary>Article URLs per sitemap file (the protocol's limit is 50,000). File N holds article ids in one fixed range,
    /// so old files rarely change and crawlers can skip them.</summary>
    public int UrlsPerFile { get; set; } = 50_000;

    /// <summary>Google News takes articles from the last two days.</summary>
    public int NewsHours { get; set; } = 48;

    /// <summary>Upper bound on the compressed article sitemaps kept in memory.</summary>
    public int CacheMegabytes { get; set; } = 64;
}

/// <summary>
/// /robots.txt, the sitemap index, a sitemap of section pages, a Google News sitemap, and the article sitemaps.
/// Small documents are output-cached; article sitemaps are streamed from the database into gzip and kept compressed
/// (<see cref="ArticleSitemaps"/>), so a million articles cost a few MB of memory, never the whole set at once.
/// </summary>
internal static class SitemapEndpoints
{
    public const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
    public const string NewsNs = "http://www.google.com/schemas/sitemap-news/0.9";
    public const int MaxNewsUrls = 1_000;

    public static readonly XmlWriterSettings AsyncXml = new()
    {
        Async = true,
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
    };

    private static readonly TimeSpan ClientMaxAge = TimeSpan.FromMinutes(10);

    public static WebApplicationBuilder AddSitemaps(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SitemapOptions>().Bind(builder.Configuration.GetSection("Tidings:Sitemaps"))
            .Validate(o => o.UrlsPerFile is >= 1 and <= 50_000, "Tidings:Sitemaps:UrlsPerFile must be 1-50000.")
            .Validate(o => o.NewsHours is >= 1 and <= 168, "Tidings:Sitemaps:NewsHours must be 1-168.")
            .Validate(o => o.CacheMegabytes is >= 1 and <= 4_096, "Tidings:Sitemaps:CacheMegabytes must be 1-4096.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ArticleSitemaps>();
        return builder;
    }

    public static IEndpointRouteBuilder MapSitemaps(this IEndpointRouteBuilder app)
    {
        app.MapGet("/robots.txt", RobotsAsync).ExcludeFromDescription();
        app.MapGet("/sitemap.xml", IndexAsync).CacheOutput(ContentCacheExtensions.Policy).ExcludeFromDescription();
        app.MapGet("/sitemaps/pages.xml", PagesAsync).CacheOutput(ContentCacheExtensions.Policy).ExcludeFromDescription();
        app.MapGet("/sitemaps/news.xml", NewsAsync).CacheOutput(ContentCacheExtensions.Policy).ExcludeFromDescription();
        app.MapGet("/sitemaps/{file}", (HttpContext http, string file, ArticleSitemaps sitemaps, CancellationToken ct) =>
            ArticleSitemaps.TryParseFile(file) is { } number ? sitemaps.ServeAsync(http, number, ct) : Task.FromResult(Results.NotFound()))
            .ExcludeFromDescription();
        return app;
    }

    public static string ArticleFile(int number) => "/sitemaps/articles-" + number.ToString(CultureInfo.InvariantCulture) + ".xml";

    /// <summary>The newer of publication and last edit: a scheduled article's page appears at its publication time.</summary>
    public static IQueryable<DateTime> LastModified(IQueryable<Article> articles) =>
        articles.Select(a => a.UpdatedAt > a.PublishedAt!.Value ? a.UpdatedAt : a.PublishedAt!.Value);

    private static IResult RobotsAsync(HttpContext http, SiteContext site)
    {
        var text = new StringBuilder()
            .Append("User-agent: *\n")
            .Append("Disallow: /api/\n")
            .Append("Disallow: /search\n")
            .Append("Disallow: /preferences\n")
            .Append("Disallow: /comment/\n")
            .Append("Allow: /\n\n")
            .Append("Sitemap: ").Append(site.Absolute(http.Request, "/sitemap.xml")).Append('\n')
            .Append("Sitemap: ").Append(site.Absolute(http.Request, "/sitemaps/news.xml")).Append('\n');
        return Results.Text(text.ToString(), "text/plain; charset=utf-8");
    }

    private static async Task IndexAsync(HttpContext http, TidingsDbContext db, SiteContext site, IOptions<SitemapOptions> options, CancellationToken ct)
    {
        var size = options.Value.UrlsPerFile;
        var now = site.UtcNow;
        var published = db.Published(now);
        // One pass over the published ids, grouped into the fixed ranges each article sitemap covers.
        var files = await published
            .GroupBy(a => (a.Id - 1) / size)
            .Select(g => new { Bucket = g.Key, LastModified = g.Max(a => a.UpdatedAt > a.PublishedAt!.Value ? a.UpdatedAt : a.PublishedAt!.Value) })
            .OrderBy(g => g.Bucket)
            .ToListAsync(ct);
        var newest = files.Count > 0 ? files.Max(f => f.LastModified) : (DateTime?)null;
        var newsSince = now.AddHours(-options.Value.NewsHours);
        var newsNewest = await LastModified(published.Where(a => a.PublishedAt >= newsSince)).MaxAsync(d => (DateTime?)d, ct);

        await StartAsync(http);
        await using var xml = XmlWriter.Create(http.Response.Body, AsyncXml);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "sitemapindex", SitemapNs);
        await WriteEntryAsync(xml, "sitemap", site.Absolute(http.Request, "/sitemaps/pages.xml"), newest, site);
        if (newsNewest is not null)
        {
            await WriteEntryAsync(xml, "sitemap", site.Absolute(http.Request, "/sitemaps/news.xml"), newsNewest, site);
        }

        foreach (var file in files)
        {
            await WriteEntryAsync(xml, "sitemap", site.Absolute(http.Request, ArticleFile(file.Bucket + 1)), file.LastModified, site);
        }

        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
    }

    private static async Task PagesAsync(HttpContext http, TidingsDbContext db, SiteContext site, CancellationToken ct)
    {
        var newest = await LastModified(db.Published(site.UtcNow)).MaxAsync(d => (DateTime?)d, ct);
        var paths = new List<string> { "/", "/hot" };
        paths.AddRange(await db.Channels.OrderBy(c => c.SortOrder).ThenBy(c => c.Id).Select(c => "/channel/" + c.Slug).ToListAsync(ct));
        paths.AddRange(await db.Regions.OrderBy(r => r.SortOrder).ThenBy(r => r.Id).Select(r => "/region/" + r.Slug).ToListAsync(ct));
        paths.AddRange(await db.Sources.OrderBy(s => s.Id).Select(s => "/source/" + s.Slug).ToListAsync(ct));
        paths.Add("/accessibility");

        await StartAsync(http);
        await using var xml = XmlWriter.Create(http.Response.Body, AsyncXml);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "urlset", SitemapNs);
        foreach (var path in paths)
        {
            await WriteEntryAsync(xml, "url", site.Absolute(http.Request, path), path == "/" ? newest : null, site);
        }

        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
    }

    private static async Task NewsAsync(HttpContext http, TidingsDbContext db, SiteContext site, IOptions<SitemapOptions> options, CancellationToken ct)
    {
        var since = site.UtcNow.AddHours(-options.Value.NewsHours);
        var recent = await db.Published(site.UtcNow).Where(a => a.PublishedAt >= since).Newest().Take(MaxNewsUrls)
            .Select(a => new { a.Id, a.Slug, a.Title, PublishedAt = a.PublishedAt!.Value })
            .ToListAsync(ct);

        await StartAsync(http);
        await using var xml = XmlWriter.Create(http.Response.Body, AsyncXml);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "urlset", SitemapNs);
        await xml.WriteAttributeStringAsync("xmlns", "news", null, NewsNs);
        foreach (var a in recent)
        {
            await xml.WriteStartElementAsync(null, "url", SitemapNs);
            await xml.WriteElementStringAsync(null, "loc", SitemapNs, site.Absolute(http.Request, ArticleUrls.For(a.Id, a.Slug)));
            await xml.WriteStartElementAsync("news", "news", NewsNs);
            await xml.WriteStartElementAsync("news", "publication", NewsNs);
            await xml.WriteElementStringAsync("news", "name", NewsNs, XmlSafe.Clean(site.SiteName));
            await xml.WriteElementStringAsync("news", "language", NewsNs, "zh-cn");
            await xml.WriteEndElementAsync();
            await xml.WriteElementStringAsync("news", "publication_date", NewsNs, site.Iso(a.PublishedAt));
            await xml.WriteElementStringAsync("news", "title", NewsNs, XmlSafe.Clean(a.Title));
            await xml.WriteEndElementAsync();
            await xml.WriteEndElementAsync();
        }

        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
    }

    internal static async Task WriteEntryAsync(XmlWriter xml, string element, string loc, DateTime? lastModified, SiteContext site)
    {
        await xml.WriteStartElementAsync(null, element, SitemapNs);
        await xml.WriteElementStringAsync(null, "loc", SitemapNs, loc);
        if (lastModified is { } lm)
        {
            await xml.WriteElementStringAsync(null, "lastmod", SitemapNs, site.Iso(lm));
        }

        await xml.WriteEndElementAsync();
    }

    private static Task StartAsync(HttpContext http)
    {
        http.Response.ContentType = "application/xml; charset=utf-8";
        http.Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = ClientMaxAge };
        return Task.CompletedTask;
    }
}
