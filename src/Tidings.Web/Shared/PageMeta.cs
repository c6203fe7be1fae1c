namespace Tidings.Web.Shared;

/// <summary>What a page tells the layout for its &lt;head&gt;: title, description, canonical path, Open Graph.</summary>
public sealed class PageMeta
{
    public string? Title { get; set; }
    public string? Description { get; set; }

    /// <summary>Site-relative canonical path; the layout makes it absolute.</summary>
    public string? CanonicalPath { get; set; }

    public string OgType { get; set; } = "website";
    public string? ImagePath { get; set; }
    public string? ImageAlt { get; set; }

    /// <summary>Open Graph article:* facts (article pages only).</summary>
    public ArticleFacts? Article { get; set; }

    /// <summary>The list whose feeds the page advertises besides the site's (channel, region, source and tag pages).</summary>
    public Features.Channels.ListScope? Feed { get; set; }

    /// <summary>Other feeds the page advertises (/corrections, topic pages).</summary>
    public IReadOnlyList<FeedLink> Feeds { get; set; } = [];

    /// <summary>Neighbouring pages of a paginated list (rel=prev / rel=next).</summary>
    public string? PrevPath { get; set; }

    public string? NextPath { get; set; }

    /// <summary>Serialized JSON-LD, already safe for a &lt;script&gt; element.</summary>
    public string? JsonLd { get; set; }

    /// <summary>Keep the page out of search engines (search results, error pages).</summary>
    public bool NoIndex { get; set; }

    /// <summary>What the header search box shows (the current query on the search page).</summary>
    public string? SearchQuery { get; set; }

    /// <summary>
    /// Where the reading-mode forms return to. Pages in the shared cache set it to their canonical address, so one
    /// reader's query string (a tracking link, a token) is never served to others; elsewhere it is the request's URL.
    /// </summary>
    public string? ReturnPath { get; set; }

    public string ReturnUrl(HttpRequest request) => ReturnPath ?? request.Path + request.QueryString;

    /// <summary>
    /// The page is one copy for every reader (the article page cache): the layout shows no account, and a script fills
    /// it in for a signed-in reader.
    /// </summary>
    public bool Shared { get; set; }

    /// <summary>Which channel tab is current in the navigation.</summary>
    public string? CurrentChannel { get; set; }
}

/// <summary>What og:type=article adds: times in UTC, the channel and the tags.</summary>
/// <summary>A feed a page links to with rel=alternate.</summary>
public sealed record FeedLink(string Title, string Path, string Type);

public sealed record ArticleFacts(DateTime PublishedAt, DateTime UpdatedAt, string? Section, IReadOnlyList<string> Tags);

/// <summary>A page's <see cref="PageMeta"/>, typed, where the page model or view sets it and the layouts read it.</summary>
public static class PageMetaViewData
{
    private const string Key = "Tidings.PageMeta";

    public static void SetMeta(this Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary viewData, PageMeta meta)
    {
        ArgumentNullException.ThrowIfNull(viewData);
        viewData[Key] = meta;
    }

    /// <summary>The page's metadata, or defaults (the site's name, indexable) when it set none.</summary>
    public static PageMeta Meta(this Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary viewData)
    {
        ArgumentNullException.ThrowIfNull(viewData);
        return viewData[Key] as PageMeta ?? new PageMeta();
    }
}
