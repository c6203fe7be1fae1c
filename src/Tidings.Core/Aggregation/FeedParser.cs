using System.Net;
using System.Security.Cryptography;
using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Xml;
using Tidings.Core.Articles;
using Tidings.Core.Text;

namespace Tidings.Core.Aggregation;

/// <summary>
/// Reads RSS 2.0 and Atom 1.0 (with System.ServiceModel.Syndication, the reader .NET keeps) and JSON Feed 1.0/1.1
/// (System.Text.Json: a JSON shape, no library needed). Partner feeds are written by many CMSs and some by hand, so
/// the reader is lenient where it is safe (encodings, HTML entities in XML, dates in local formats, items without
/// ids or dates) and strict where it is not: no DTDs or external entities, bounded size, bounded entries, and a
/// <see cref="FeedFormatException"/> with a reason for anything else, never another exception.
/// </summary>
public static class FeedParser
{
    /// <summary>Entries read from one document; the rest are reported as skipped (a partner's full archive is not a feed).</summary>
    public const int MaxEntries = 300;

    /// <summary>Characters of one document after decoding (the fetcher caps the bytes before that).</summary>
    public const int MaxDocumentChars = 16_000_000;

    /// <summary>A title or author name longer than this is not one (titles are capped at 200 once cleaned).</summary>
    private const int MaxRawTitleChars = 2_000;

    private const string ContentNamespace = "http://purl.org/rss/1.0/modules/content/";
    private const string DublinCoreNamespace = "http://purl.org/dc/elements/1.1/";

    /// <param name="body">The response body as received.</param>
    /// <param name="httpCharset">The charset of the response's Content-Type, if any.</param>
    /// <param name="location">Where the document was fetched from (after redirects): relative links resolve against it.</param>
    /// <exception cref="FeedFormatException">Not a feed this reader understands, or malformed beyond repair.</exception>
    public static FeedDocument Parse(ReadOnlySpan<byte> body, string? httpCharset, Uri location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var text = FeedEncoding.Decode(body, httpCharset);
        if (text.Length > MaxDocumentChars)
        {
            throw new FeedFormatException($"The document is larger than {MaxDocumentChars:N0} characters.");
        }

        var start = text.AsSpan().TrimStart();
        if (start.IsEmpty)
        {
            throw new FeedFormatException("The document is empty.");
        }

        return start[0] == '{' ? ParseJson(text, location) : ParseXml(text, location);
    }

    private static FeedDocument ParseXml(string text, Uri location)
    {
        var settings = new XmlReaderSettings
        {
            // A DOCTYPE is skipped, never processed: no external entities, no entity expansion (XXE, billion laughs).
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
            MaxCharactersInDocument = MaxDocumentChars,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(XmlRepair.Repair(text)), settings);
            reader.MoveToContent();
            SyndicationFeedFormatter formatter = (reader.LocalName, reader.NamespaceURI) switch
            {
                ("rss", _) => new Rss20FeedFormatter { DateTimeParser = ParseDate },
                ("feed", "http://www.w3.org/2005/Atom") => new Atom10FeedFormatter { DateTimeParser = ParseDate },
                ("RDF", _) => throw new FeedFormatException("RSS 1.0 (RDF) feeds are not supported; ask the partner for RSS 2.0, Atom or JSON Feed."),
                var (name, ns) => throw new FeedFormatException($"Not a feed: the document's root element is <{name}>{(ns.Length > 0 ? $" in {ns}" : string.Empty)}."),
            };
            formatter.ReadFrom(reader);
            var feed = formatter.Feed;
            var format = formatter is Rss20FeedFormatter ? FeedFormat.Rss : FeedFormat.Atom;
            var baseUri = Resolve(feed.BaseUri, location) ?? location;
            var entries = new List<FeedEntry>();
            var skipped = new List<string>();
            var index = 0;
            foreach (var item in feed.Items)
            {
                index++;
                if (entries.Count >= MaxEntries)
                {
                    skipped.Add($"entry {index} and later: more than {MaxEntries} entries in one document");
                    break;
                }

                var itemBase = Resolve(item.BaseUri, baseUri) ?? baseUri;
                var link = item.Links.FirstOrDefault(l => string.IsNullOrEmpty(l.RelationshipType) || l.RelationshipType == "alternate") ?? item.Links.FirstOrDefault();
                var entry = Entry(
                    index,
                    item.Id,
                    item.Title?.Text,
                    Resolve(link?.Uri, itemBase),
                    ContentOf(item),
                    item.Summary?.Text,
                    Date(item.PublishDate),
                    Date(item.LastUpdatedTime),
                    item.Authors.Select(a => a.Name ?? a.Email).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n)) ?? Extension(item, "creator", DublinCoreNamespace),
                    skipped);
                if (entry is not null)
                {
                    entries.Add(entry);
                }
            }

            var feedLink = feed.Links.FirstOrDefault(l => string.IsNullOrEmpty(l.RelationshipType) || l.RelationshipType == "alternate");
            return new FeedDocument(format, PlainText(feed.Title?.Text, Article.TitleMaxLength), Resolve(feedLink?.Uri, baseUri), entries, skipped);
        }
        catch (XmlException e)
        {
            throw new FeedFormatException($"Malformed XML at line {e.LineNumber}, position {e.LinePosition}: {e.Message}", e);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or NotSupportedException or System.Runtime.Serialization.SerializationException)
        {
            throw new FeedFormatException($"Not a readable feed: {e.Message}", e);
        }
    }

    private static FeedDocument ParseJson(string text, Uri location)
    {
        try
        {
            using var json = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 32, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || String(root, "version") is not { } version
                || !version.StartsWith("https://jsonfeed.org/version/", StringComparison.Ordinal))
            {
                throw new FeedFormatException("Not a JSON Feed: no \"version\" naming https://jsonfeed.org/version/….");
            }

            var entries = new List<FeedEntry>();
            var skipped = new List<string>();
            if (root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var item in items.EnumerateArray())
                {
                    index++;
                    if (entries.Count >= MaxEntries)
                    {
                        skipped.Add($"entry {index} and later: more than {MaxEntries} entries in one document");
                        break;
                    }

                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        skipped.Add($"entry {index}: not an object");
                        continue;
                    }

                    var contentText = String(item, "content_text");
                    var entry = Entry(
                        index,
                        item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number ? id.GetRawText() : String(item, "id"),
                        String(item, "title"),
                        Resolve(String(item, "url") ?? String(item, "external_url"), location),
                        String(item, "content_html") ?? (contentText is null ? null : ArticleHtml.FromPlainText(contentText)),
                        String(item, "summary"),
                        FeedDates.Parse(String(item, "date_published")),
                        FeedDates.Parse(String(item, "date_modified")),
                        AuthorOf(item),
                        skipped);
                    if (entry is not null)
                    {
                        entries.Add(entry);
                    }
                }
            }
            else
            {
                throw new FeedFormatException("Not a JSON Feed: no \"items\" array.");
            }

            return new FeedDocument(FeedFormat.JsonFeed, PlainText(String(root, "title"), Article.TitleMaxLength), Resolve(String(root, "home_page_url"), location), entries, skipped);
        }
        catch (JsonException e)
        {
            throw new FeedFormatException($"Malformed JSON at line {e.LineNumber + 1}: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            // A string escape that is not text (a lone surrogate such as \ud800).
            throw new FeedFormatException($"Not a readable JSON Feed: {e.Message}", e);
        }
    }

    /// <summary>One entry as stored, or null (with the reason in <paramref name="skipped"/>) when it cannot be taken.</summary>
    private static FeedEntry? Entry(int index, string? id, string? title, Uri? link, string? content, string? summary, DateTimeOffset? published, DateTimeOffset? updated, string? author, List<string> skipped)
    {
        content = string.IsNullOrWhiteSpace(content) ? null : content;
        summary = string.IsNullOrWhiteSpace(summary) ? null : summary;

        // Sizes and nesting are checked before any of it is parsed as HTML: parsing deeply nested markup costs time
        // that grows with the square of the depth (MarkupDepth), and a partner decides what it sends.
        if ((title?.Length ?? 0) > MaxRawTitleChars || (author?.Length ?? 0) > MaxRawTitleChars)
        {
            skipped.Add($"entry {index}: its title or author is longer than {MaxRawTitleChars:N0} characters");
            return null;
        }

        if ((content?.Length ?? 0) > ArticleRules.BodySourceMaxLength || (summary?.Length ?? 0) > ArticleRules.BodySourceMaxLength)
        {
            skipped.Add($"entry {index}: its text is longer than {ArticleRules.BodySourceMaxLength:N0} characters");
            return null;
        }

        if (new[] { title, author, content, summary }.Any(t => t is not null && MarkupDepth.Exceeds(t, MarkupDepth.MaxRenderedDepth)))
        {
            skipped.Add($"entry {index}: its markup is nested deeper than {MarkupDepth.MaxRenderedDepth} levels");
            return null;
        }

        var plainTitle = PlainText(title, Article.TitleMaxLength);
        if (plainTitle.Length == 0)
        {
            skipped.Add($"entry {index}: no title");
            return null;
        }

        var key = id?.Trim() is { Length: > 0 and <= 400 } given ? given
            : link is not null && link.AbsoluteUri.Length <= 400 ? link.AbsoluteUri
            : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plainTitle + "\n" + (content ?? summary ?? string.Empty))));
        return new FeedEntry(key, plainTitle, link, content, summary, published, updated, author is null ? null : PlainText(author, 100) is { Length: > 0 } name ? name : null);
    }

    private static string? ContentOf(SyndicationItem item) =>
        item.Content is TextSyndicationContent text ? text.Text : Extension(item, "encoded", ContentNamespace);

    private static string? Extension(SyndicationItem item, string name, string ns)
    {
        var extension = item.ElementExtensions.FirstOrDefault(e => e.OuterName == name && e.OuterNamespace == ns);
        if (extension is null)
        {
            return null;
        }

        using var reader = extension.GetReader();
        return reader.ReadElementContentAsString();
    }

    private static string? AuthorOf(JsonElement item)
    {
        if (item.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array)
        {
            foreach (var author in authors.EnumerateArray())
            {
                if (author.ValueKind == JsonValueKind.Object && String(author, "name") is { } name)
                {
                    return name;
                }
            }
        }

        return item.TryGetProperty("author", out var one) && one.ValueKind == JsonValueKind.Object ? String(one, "name") : null;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Plain text of a title or name: tags dropped, entities decoded (twice-escaped ones too), one line, capped.</summary>
    private static string PlainText(string? html, int max)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return string.Empty;
        }

        var text = ArticleHtml.ToPlainText(html);
        if (text.Contains('&', StringComparison.Ordinal))
        {
            text = WebUtility.HtmlDecode(text);
        }

        text = ArticleRules.Line(text);
        return text.Length <= max ? text : UnicodeText.Prefix(text, max - 1).TrimEnd() + "…";
    }

    private static Uri? Resolve(Uri? uri, Uri baseUri)
    {
        if (uri is null)
        {
            return null;
        }

        var absolute = uri.IsAbsoluteUri ? uri : Uri.TryCreate(baseUri, uri, out var made) ? made : null;
        return absolute is not null && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps) ? absolute : null;
    }

    private static Uri? Resolve(string? uri, Uri baseUri) =>
        string.IsNullOrWhiteSpace(uri) ? null : PartnerHtml.Absolute(uri.Trim(), baseUri) is { } absolute ? Resolve(absolute, baseUri) : null;

    private static DateTimeOffset? Date(DateTimeOffset value) => value == DateTimeOffset.MinValue ? null : value;

    /// <summary>Never fails: a date the feed got wrong becomes "no date", not a lost feed.</summary>
    private static bool ParseDate(XmlDateTimeData data, out DateTimeOffset value)
    {
        value = FeedDates.Parse(data.DateTimeString) ?? DateTimeOffset.MinValue;
        return true;
    }
}
