using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Tidings.Core.Articles;
using Tidings.Core.Importing;
using Tidings.Core.Text;

namespace Tidings.Core.Aggregation;

/// <summary>What a feed's settings say about its articles: where they go and how much of them is shown.</summary>
internal sealed record FeedPlacement(int FeedId, int SourceId, string SourceName, string? ChannelSlug, string? RegionSlug, bool Review, bool FullText);

/// <summary>
/// Turns a feed's entries into the records the importer stores, under the same rules as a JSONL line (ArticleRules):
/// an entry that breaks one is skipped with its reason, never stored half-way.
/// </summary>
internal static class FeedItems
{
    public static (List<ValidRecord> Records, List<string> Skipped) ToRecords(FeedPlacement placement, FeedDocument document, DateTime utcNow)
    {
        var records = new List<ValidRecord>();
        var skipped = new List<string>(document.Skipped);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in document.Entries)
        {
            var externalId = ExternalId(placement, entry.Key);
            if (!keys.Add(externalId))
            {
                skipped.Add($"{entry.Title}: the same id twice in one document; the first was taken");
                continue;
            }

            var record = ToRecord(placement, entry, externalId, utcNow, out var reason);
            if (record is null)
            {
                skipped.Add($"{entry.Title}: {reason}");
                continue;
            }

            records.Add(record);
        }

        return (records, skipped);
    }

    /// <summary>
    /// An item's id on our side. An item known by an absolute URL (a permalink guid, an Atom IRI, a link) is the same
    /// item wherever the partner publishes it, so it is keyed per source account: in two of the partner's feeds (要闻
    /// and 山东), or in a feed removed and subscribed again, it is one article. Any other id (a CMS's numeric id) is only
    /// unique within its feed, as RSS and JSON Feed promise, so it is keyed per feed. Two outlets' reports of one story
    /// stay two articles either way (a story cluster shows them together).
    /// </summary>
    internal static string ExternalId(FeedPlacement placement, string key) =>
        Uri.TryCreate(key, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == "urn" || uri.Scheme == "tag")
            ? Prefixed(string.Create(CultureInfo.InvariantCulture, $"partner:{placement.SourceId}:"), key)
            : Prefixed(string.Create(CultureInfo.InvariantCulture, $"feed:{placement.FeedId}:"), key);

    private static string Prefixed(string prefix, string key) =>
        prefix.Length + key.Length <= Article.ExternalIdMaxLength && !key.Any(char.IsControl)
            ? prefix + key
            : prefix + "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string? OriginalUrl(Uri? link) =>
        link is null ? null : PartnerHtml.WithoutTracking(link).AbsoluteUri is { Length: <= PartnerFeed.UrlMaxLength } url ? url : null;

    private static ValidRecord? ToRecord(FeedPlacement placement, FeedEntry entry, string externalId, DateTime utcNow, out string? reason)
    {
        // Licensed partners show their full text; the others a summary, with 阅读原文 on the page.
        var source = placement.FullText ? entry.ContentHtml ?? entry.SummaryHtml : entry.SummaryHtml ?? entry.ContentHtml;
        var html = source is null ? string.Empty : PartnerHtml.Clean(source, entry.Link);
        if (!placement.FullText)
        {
            html = ArticleHtml.FromPlainText(ArticleHtml.Summarize(html, Article.SummaryMaxLength - 20));
        }

        var title = ArticleRules.Line(entry.Title);
        var author = ArticleRules.Line(entry.Author);
        if (html.Length == 0)
        {
            // A headline-only item (wire flashes do this) still deserves its place, pointing to the original.
            html = ArticleHtml.FromPlainText(title);
        }

        if (ArticleRules.CheckFields(title, string.Empty, html, author, []) is [var problem, ..])
        {
            reason = problem.Describe();
            return null;
        }

        var bodyHtml = ArticleHtml.ToSafeHtml(html);
        if (ArticleRules.CheckCleanBody(bodyHtml) is { } cleaned)
        {
            reason = cleaned.Describe();
            return null;
        }

        // A partner's clock may run ahead; an item never appears to come from the future (or to wait for it).
        var published = (entry.Published ?? entry.Updated)?.UtcDateTime;
        if (published > utcNow)
        {
            published = utcNow;
        }

        if (published?.Year < 1990)
        {
            published = null;
        }

        reason = null;
        return new ValidRecord(
            externalId,
            title,
            ArticleHtml.Summarize(bodyHtml),
            bodyHtml,
            placement.ChannelSlug,
            placement.RegionSlug,
            placement.SourceName,
            author.Length == 0 ? null : author,
            published,
            [])
        {
            Origin = new ArticleOrigin(placement.FeedId, OriginalUrl(entry.Link), placement.Review),
        };
    }
}
