using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidings.Core.Data;
using Tidings.Web.Features.Articles;
using Tidings.Web.Features.Channels;
using Tidings.Web.Infrastructure;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Feeds;

public enum FeedFormat
{
    Rss,
    Atom,
}

public sealed class FeedOptions
{
    /// <summary>Newest articles per feed.</summary>
    public int Items { get; set; } = 30;

    /// <summary>Put the whole article in each item (content:encoded / atom:content), not only its summary.</summary>
    public bool FullContent { get; set; }
}

/// <summary>Where each feed lives: /feeds/rss.xml and /feeds/atom.xml for the site, /feeds/{kind}/{slug}.rss|.atom.</summary>
public static class FeedUrls
{
    public static string Site(FeedFormat format) => format == FeedFormat.Rss ? "/feeds/rss.xml" : "/feeds/atom.xml";

    public static string For(ListScope scope, FeedFormat format) =>
        scope.Kind == ListScope.Site ? Site(format) : $"/feeds/{scope.Kind}/{Uri.EscapeDataString(scope.Slug)}{Extension(format)}";

    public static string Extension(FeedFormat format) => format == FeedFormat.Rss ? ".rss" : ".atom";

    public static string ContentType(FeedFormat format) =>
        format == FeedFormat.Rss ? "application/rss+xml; charset=utf-8" : "application/atom+xml; charset=utf-8";
}

/// <summary>
/// RSS 2.0 and Atom 1.0 for the site and every channel, region, source and tag. Output-cached until content changes
/// (<see cref="ContentChanges"/>), with an ETag and Last-Modified so a polling reader usually gets a 304.
/// </summary>
internal static partial class FeedEndpoints
{
    private static readonly XNamespace ContentNs = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace DcNs = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace AtomNs = "http://www.w3.org/2005/Atom";

    public static WebApplicationBuilder AddFeeds(this WebApplicationBuilder builder)
    {
        builder.AddSettings<FeedOptions>("Tidings:Feeds")
            .Validate(o => o.Items is >= 1 and <= 200, "Tidings:Feeds:Items must be 1-200.")
            .ValidateOnStart();
        return builder;
    }

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/feeds").CacheOutput(ContentCacheExtensions.Policy).ExcludeFromDescription();
        feeds.MapMethods("/rss.xml", ContentCacheExtensions.GetAndHead, (HttpContext http, CancellationToken ct) => ServeAsync(http, ListScope.Site, string.Empty, FeedFormat.Rss, ct));
        feeds.MapMethods("/atom.xml", ContentCacheExtensions.GetAndHead, (HttpContext http, CancellationToken ct) => ServeAsync(http, ListScope.Site, string.Empty, FeedFormat.Atom, ct));
        feeds.MapMethods("/{kind}/{file}", ContentCacheExtensions.GetAndHead, (HttpContext http, string kind, string file, CancellationToken ct) =>
        {
            // Only the list kinds: the site feed has one address, not one per made-up name (each would be cached).
            if (!ListScope.Kinds.Contains(kind))
            {
                return Task.FromResult(Results.NotFound());
            }

            foreach (var format in new[] { FeedFormat.Rss, FeedFormat.Atom })
            {
                var extension = FeedUrls.Extension(format);
                if (file.Length > extension.Length && file.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
                {
                    return ServeAsync(http, kind, file[..^extension.Length], format, ct);
                }
            }

            return Task.FromResult(Results.NotFound());
        });
        return app;
    }

    private static async Task<IResult> ServeAsync(HttpContext http, string kind, string slug, FeedFormat format, CancellationToken ct)
    {
        var services = http.RequestServices;
        var db = services.GetRequiredService<TidingsDbContext>();
        var site = services.GetRequiredService<SiteContext>();
        var scope = kind == ListScope.Site ? ListScope.Whole(site.SiteName) : await ListScope.FindAsync(db, kind, slug, ct);
        if (scope is null)
        {
            return Results.NotFound();
        }

        var feed = await BuildAsync(db, site, http.Request, scope, format, services.GetRequiredService<IOptions<FeedOptions>>().Value, ct);
        return HttpValidators.Document(http, Write(feed, format), FeedUrls.ContentType(format));
    }

    internal static async Task<SyndicationFeed> BuildAsync(
        TidingsDbContext db, SiteContext site, HttpRequest request, ListScope scope, FeedFormat format, FeedOptions options, CancellationToken ct)
    {
        var full = options.FullContent;
        var rows = await scope.Filter(db.Published(site.UtcNow)).Newest().Take(options.Items)
            .Select(a => new
            {
                a.Id,
                a.Slug,
                a.Title,
                a.Summary,
                Body = full ? a.BodyHtml : null,
                PublishedAt = a.PublishedAt!.Value,
                a.UpdatedAt,
                Source = a.Source!.Name,
                Author = a.Author != null ? a.Author.Name : null,
                Channel = a.Channel != null ? a.Channel.Name : null,
                a.Language,
            })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var tags = (await db.ArticleTags.Where(at => ids.Contains(at.ArticleId))
                .Join(db.Tags, at => at.TagId, t => t.Id, (at, t) => new { at.ArticleId, t.Name })
                .ToListAsync(ct))
            .ToLookup(t => t.ArticleId, t => t.Name);

        var origin = site.Absolute(request, string.Empty);
        var title = scope.Kind == ListScope.Site ? site.SiteName : $"{scope.Heading} - {site.SiteName}";
        var newest = rows.Count > 0 ? rows.Max(r => r.UpdatedAt > r.PublishedAt ? r.UpdatedAt : r.PublishedAt) : DateTime.UnixEpoch;
        var feed = NewFeed(site, request, format, title, scope.Intro ?? Phrase.Format(Ui.FeedLatestOf, site.SiteName), scope.BasePath, FeedUrls.For(scope, format), newest);

        var items = new List<SyndicationItem>(rows.Count);
        foreach (var row in rows)
        {
            var url = site.Absolute(request, ArticleUrls.For(row.Id, row.Slug));
            var item = new SyndicationItem
            {
                // The id-only URL never changes, even when the slug does.
                Id = site.Absolute(request, "/article/" + row.Id.ToString(CultureInfo.InvariantCulture)),
                Title = new TextSyndicationContent(XmlSafe.Clean(row.Title)),
                Summary = new TextSyndicationContent(XmlSafe.Clean(row.Summary)),
                PublishDate = site.Local(row.PublishedAt),
                LastUpdatedTime = site.Local(row.UpdatedAt > row.PublishedAt ? row.UpdatedAt : row.PublishedAt),
            };
            item.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(url), "text/html"));
            AddAuthor(item, format, row.Author ?? row.Source);
            if (row.Channel is not null)
            {
                item.Categories.Add(new SyndicationCategory(XmlSafe.Clean(row.Channel)));
            }

            foreach (var tag in tags[row.Id])
            {
                item.Categories.Add(new SyndicationCategory(XmlSafe.Clean(tag)));
            }

            var body = row.Body is null ? null : XmlSafe.Clean(AbsoluteLinks(row.Body, origin));
            if (format == FeedFormat.Rss)
            {
                // RSS's language is the channel's; an article in another language says so with Dublin Core's.
                if (row.Language != site.Language)
                {
                    item.ElementExtensions.Add(new XElement(DcNs + "language", row.Language));
                }
                if (body is not null)
                {
                    item.ElementExtensions.Add(new XElement(ContentNs + "encoded", body));
                }
            }
            else
            {
                if (row.Language != site.Language)
                {
                    item.AttributeExtensions.Add(new System.Xml.XmlQualifiedName("lang", "http://www.w3.org/XML/1998/namespace"), row.Language);
                }

                if (body is not null)
                {
                    item.Content = new TextSyndicationContent(body, TextSyndicationContentKind.Html);
                }
            }

            items.Add(item);
        }

        feed.Items = items;
        return feed;
    }

    /// <summary>
    /// A feed's head, the same for every feed the site publishes (site, channel, topic, corrections, a live coverage):
    /// the site's language, generator and copyright, and the self link each format's validators expect.
    /// </summary>
    internal static SyndicationFeed NewFeed(
        SiteContext site, HttpRequest request, FeedFormat format, string title, string description, string pagePath, string selfPath, DateTime updatedUtc)
    {
        var self = site.Absolute(request, selfPath);
        var feed = new SyndicationFeed(XmlSafe.Clean(title), XmlSafe.Clean(description), new Uri(site.Absolute(request, pagePath)), self, site.Local(updatedUtc))
        {
            Language = site.Language,
            Generator = "Tidings",
            Copyright = new TextSyndicationContent("© " + site.SiteName),
        };
        var type = FeedUrls.ContentType(format).Split(';')[0];
        if (format == FeedFormat.Rss)
        {
            // RSS has no self link of its own; feed validators expect Atom's.
            feed.ElementExtensions.Add(new XElement(AtomNs + "link", new XAttribute("href", self), new XAttribute("rel", "self"), new XAttribute("type", type)));
        }
        else
        {
            feed.Links.Add(new SyndicationLink(new Uri(self), "self", null, type, 0));
            feed.Authors.Add(new SyndicationPerson { Name = site.SiteName, Uri = site.Absolute(request, "/") });
        }

        return feed;
    }

    /// <summary>An item's author by name: RSS's &lt;author&gt; must be an e-mail address, so RSS gets Dublin Core's creator.</summary>
    internal static void AddAuthor(SyndicationItem item, FeedFormat format, string name)
    {
        if (format == FeedFormat.Rss)
        {
            item.ElementExtensions.Add(new XElement(DcNs + "creator", XmlSafe.Clean(name)));
        }
        else
        {
            item.Authors.Add(new SyndicationPerson { Name = XmlSafe.Clean(name) });
        }
    }

    internal static byte[] Write(SyndicationFeed feed, FeedFormat format)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, XmlSafe.Settings))
        {
            SyndicationFeedFormatter formatter = format == FeedFormat.Rss
                ? new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: false)
                : new Atom10FeedFormatter(feed);
            formatter.WriteTo(writer);
        }

        return stream.ToArray();
    }

    /// <summary>Article bodies link within the site with root-relative URLs; in a feed they must be absolute.</summary>
    internal static string AbsoluteLinks(string html, string origin) => RootRelative().Replace(html, m => m.Groups[1].Value + origin + "/");

    [GeneratedRegex("""(\s(?:src|href)=["'])/(?!/)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RootRelative();
}
