using AngleSharp.Html.Parser;

namespace Tidings.Core.Aggregation;

/// <summary>
/// A partner's HTML made ours before the site's sanitizer sees it: links made absolute against the item's page (a
/// relative link would point into our site), tracking parameters taken off links, and images, video and embeds dropped
/// (readers' browsers must not hot-link the partner's server, which would tell it who reads what).
/// </summary>
public static class PartnerHtml
{
    private static readonly HtmlParser Parser = new();

    // Query parameters that only identify a campaign or a click, never the page.
    private static readonly string[] TrackingPrefixes = ["utm_", "spm", "mc_", "fbclid", "gclid", "from", "share_token", "scene", "isappinstalled"];

    public static string Clean(string html, Uri? baseUri)
    {
        ArgumentNullException.ThrowIfNull(html);
        using var document = Parser.ParseDocument("<body>" + html + "</body>");
        var body = document.Body!;
        foreach (var media in body.QuerySelectorAll("img, picture, video, audio, source, iframe, embed, object, svg").ToList())
        {
            media.Remove();
        }

        foreach (var link in body.QuerySelectorAll("a[href]"))
        {
            var absolute = Absolute(link.GetAttribute("href")!.Trim(), baseUri);
            if (absolute is null || (absolute.Scheme != Uri.UriSchemeHttp && absolute.Scheme != Uri.UriSchemeHttps))
            {
                link.RemoveAttribute("href");
                continue;
            }

            link.SetAttribute("href", WithoutTracking(absolute).AbsoluteUri);
        }

        return body.InnerHtml;
    }

    /// <summary>
    /// A link as the partner meant it, made absolute against <paramref name="baseUri"/>. On Linux "/path" alone parses
    /// as an absolute file: URI, so a link starting with a slash (or two) is always taken as relative to the page.
    /// </summary>
    public static Uri? Absolute(string href, Uri? baseUri)
    {
        ArgumentNullException.ThrowIfNull(href);
        if (href.StartsWith('/') || href.StartsWith('\\'))
        {
            return baseUri is not null && Uri.TryCreate(baseUri, href, out var rooted) ? rooted : null;
        }

        return Uri.TryCreate(href, UriKind.Absolute, out var given) ? given
            : baseUri is not null && Uri.TryCreate(baseUri, href, out var made) ? made
            : null;
    }

    /// <summary>The link without its tracking parameters (the rest of the query kept in order).</summary>
    public static Uri WithoutTracking(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (string.IsNullOrEmpty(uri.Query))
        {
            return uri;
        }

        var kept = uri.Query.TrimStart('?').Split('&')
            .Where(p => p.Length > 0 && !TrackingPrefixes.Any(t => p.StartsWith(t, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        var builder = new UriBuilder(uri) { Query = string.Join('&', kept) };
        return builder.Uri;
    }
}
