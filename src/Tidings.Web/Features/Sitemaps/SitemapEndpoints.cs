using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
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

    public const string ContentType = "application/xml; charset=utf-8";

    public static WebApplicationBuilder AddSitemaps(this WebApplicationBuilder builder)
    {
        builder.AddSettings<SitemapOptions>("Tidings:Sitemaps")
            .Validate(o => o.UrlsPerFile is >= 1 and <= 50_000, "Tidings:Sitemaps:UrlsPerFile must be 1-50000.")
            .Validate(o => o.NewsHours is >= 1 and <= 168, "Tidings:Sitemaps:NewsHours must be 1-168.")
            .Validate(o => o.CacheMegabytes is >= 1 and <= 4_096, "Tidings:Sitemaps:CacheMegabytes must be 1-4096.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ArticleSitemaps>();
        return builder;
    }

    public static IEndpointRouteBuilder MapSitemaps(this IEndpointRouteBuilder app)
    {
        var methods = ContentCacheExtensions.GetAndHead;
        app.MapMethods("/robots.txt", methods, RobotsAsync).ExcludeFromDescription();
        app.MapMethods("/sitemap.xml", methods, IndexAsync).CacheOutput(ContentCacheExtensions.Policy).ExcludeFromDescription();
        app.MapMethods("/sitemaps/pages.xml", methods, PagesAsync).CacheOutput(ContentCacheExtensions.Policy).ExcludeFromDescription();
        app.MapMethods("/sitemaps/news.xml", methods, NewsAsync).CacheOutput(ContentCacheExtensions.Policy).ExcludeFromDescription();
        app.MapMethods("/sitemaps/{file}", methods, (HttpContext http, string file, ArticleSitemaps sitemaps, CancellationToken ct) =>
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

    private static async Task<IResult> IndexAsync(HttpContext http, TidingsDbContext db, SiteContext site, IOptions<SitemapOptions> options, CancellationToken ct)
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

        return Document(http, xml =>
        {
            xml.WriteStartElement("sitemapindex", SitemapNs);
            WriteEntry(xml, "sitemap", site.Absolute(http.Request, "/sitemaps/pages.xml"), newest, site);
            if (newsNewest is not null)
            {
                WriteEntry(xml, "sitemap", site.Absolute(http.Request, "/sitemaps/news.xml"), newsNewest, site);
            }

            foreach (var file in files)
            {
                WriteEntry(xml, "sitemap", site.Absolute(http.Request, ArticleFile(file.Bucket + 1)), file.LastModified, site);
            }
        });
    }

    private static async Task<IResult> PagesAsync(HttpContext http, TidingsDbContext db, SiteContext site, CancellationToken ct)
    {
        var newest = await LastModified(db.Published(site.UtcNow)).MaxAsync(d => (DateTime?)d, ct);
        var paths = new List<string> { "/", "/hot" };
        // Imported slugs may be Chinese; a sitemap's <loc> must be escaped.
        paths.AddRange((await db.Channels.OrderBy(c => c.SortOrder).ThenBy(c => c.Id).Select(c => c.Slug).ToListAsync(ct)).Select(slug => "/channel/" + Uri.EscapeDataString(slug)));
        paths.AddRange((await db.Regions.OrderBy(r => r.SortOrder).ThenBy(r => r.Id).Select(r => r.Slug).ToListAsync(ct)).Select(slug => "/region/" + Uri.EscapeDataString(slug)));
        paths.AddRange((await db.Sources.OrderBy(s => s.Id).Select(s => s.Slug).ToListAsync(ct)).Select(slug => "/source/" + Uri.EscapeDataString(slug)));
        paths.AddRange((await db.Specials.Where(s => s.Published).OrderBy(s => s.Id).Select(s => s.Slug).ToListAsync(ct)).Select(slug => "/topic/" + slug));
        paths.Add("/corrections");
        paths.Add("/accessibility");

        return Document(http, xml =>
        {
            xml.WriteStartElement("urlset", SitemapNs);
            foreach (var path in paths)
            {
                WriteEntry(xml, "url", site.Absolute(http.Request, path), path == "/" ? newest : null, site);
            }
        });
    }

    private static async Task<IResult> NewsAsync(HttpContext http, TidingsDbContext db, SiteContext site, IOptions<SitemapOptions> options, CancellationToken ct)
    {
        var since = site.UtcNow.AddHours(-options.Value.NewsHours);
        var recent = await db.Published(site.UtcNow).Where(a => a.PublishedAt >= since).Newest().Take(MaxNewsUrls)
            .Select(a => new { a.Id, a.Slug, a.Title, PublishedAt = a.PublishedAt!.Value, a.Language })
            .ToListAsync(ct);

        return Document(http, xml =>
        {
            xml.WriteStartElement("urlset", SitemapNs);
            xml.WriteAttributeString("xmlns", "news", null, NewsNs);
            foreach (var a in recent)
            {
                xml.WriteStartElement("url", SitemapNs);
                xml.WriteElementString("loc", SitemapNs, site.Absolute(http.Request, ArticleUrls.For(a.Id, a.Slug)));
                xml.WriteStartElement("news", NewsNs);
                xml.WriteStartElement("publication", NewsNs);
                xml.WriteElementString("name", NewsNs, XmlSafe.Clean(site.SiteName));
                xml.WriteElementString("language", NewsNs, ContentLanguage.NewsSitemapCode(a.Language));
                xml.WriteEndElement();
                xml.WriteElementString("publication_date", NewsNs, site.Iso(a.PublishedAt));
                xml.WriteElementString("title", NewsNs, XmlSafe.Clean(a.Title));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
        });
    }

    internal static void WriteEntry(XmlWriter xml, string element, string loc, DateTime? lastModified, SiteContext site)
    {
        xml.WriteStartElement(element, SitemapNs);
        xml.WriteElementString("loc", SitemapNs, loc);
        if (lastModified is { } lm)
        {
            xml.WriteElementString("lastmod", SitemapNs, site.Iso(lm));
        }

        xml.WriteEndElement();
    }

    /// <summary>
    /// Small sitemaps are built in memory (the index stays small even for 100 million articles: 2,000 entries) and
    /// written synchronously there, which is several times cheaper than an async writer on the response.
    /// </summary>
    private static IResult Document(HttpContext http, Action<XmlWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, XmlSafe.Settings))
        {
            xml.WriteStartDocument();
            write(xml);
            xml.WriteEndDocument();
        }

        return HttpValidators.Document(http, buffer.ToArray(), ContentType);
    }
}
