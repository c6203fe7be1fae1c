using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;
using Tidings.Core.Live;
using Tidings.Core.Text;
using Tidings.Web.Features.Articles;

namespace Tidings.Web.Features.Live;

/// <summary>An entry's picture: its largest JPEG (the variants follow from the name), size and description.</summary>
public sealed record LiveEntryImage(string Url, int? Width, int? Height, string Alt);

/// <summary>An entry as the article page, the stream and the feed show it; an embedded article comes as its card.</summary>
public sealed record LiveEntryView(long Id, DateTime At, LiveEntryKind Kind, string BodyHtml, string? Attribution, bool Pinned, string AuthorName, ArticleCard? Embed, LiveEntryImage? Image = null)
{
    /// <summary>The entry's text without markup.</summary>
    public string PlainText => ArticleHtml.ToPlainText(BodyHtml).Trim();

    /// <summary>A line naming the entry where there is no room for it (a feed item's title, a JSON-LD update's headline).</summary>
    public string Headline(string fallback, int maxLength) =>
        Excerpt.Clip(PlainText is { Length: > 0 } text ? text : Embed?.Title ?? Image?.Alt ?? fallback, maxLength);

    /// <summary>The newest entries of a coverage (at most <see cref="LiveRules.PageEntries"/>), embeds resolved to what readers may see.</summary>
    public static async Task<IReadOnlyList<LiveEntryView>> LoadAsync(TidingsDbContext db, int articleId, DateTime utcNow, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.LiveEntries.AsNoTracking()
            .Where(e => e.ArticleId == articleId && !e.Deleted)
            .OrderByDescending(e => e.Id).Take(LiveRules.PageEntries)
            .ToListAsync(ct);
        return await FromRowsAsync(db, rows, utcNow, ct);
    }

    /// <summary>A coverage's 要点 (at most <see cref="LiveRules.MaxPinned"/>), newest first, however old.</summary>
    public static async Task<IReadOnlyList<LiveEntryView>> LoadPinnedAsync(TidingsDbContext db, int articleId, DateTime utcNow, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.LiveEntries.AsNoTracking()
            .Where(e => e.ArticleId == articleId && e.Pinned && !e.Deleted)
            .OrderByDescending(e => e.Id).Take(LiveRules.MaxPinned)
            .ToListAsync(ct);
        return await FromRowsAsync(db, rows, utcNow, ct);
    }

    /// <summary>Rows as readers see them, in the order given: embeds resolved to what readers may see.</summary>
    public static async Task<IReadOnlyList<LiveEntryView>> FromRowsAsync(TidingsDbContext db, IReadOnlyList<LiveEntry> rows, DateTime utcNow, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        var embeds = rows.Where(e => e.EmbedArticleId is not null).Select(e => e.EmbedArticleId!.Value).Distinct().ToList();
        var cards = embeds.Count == 0 ? [] : await db.PublishedCardsAsync(embeds, utcNow, ct);
        return rows
            .Select(e => new LiveEntryView(e.Id, e.At, e.Kind, e.BodyHtml, e.Attribution, e.Pinned, e.AuthorName,
                e.EmbedArticleId is { } embed && cards.TryGetValue(embed, out var card) ? card : null,
                e.ImageUrl is { } url ? new LiveEntryImage(url, e.ImageWidth, e.ImageHeight, e.ImageAlt ?? string.Empty) : null))
            // An embed whose article readers may not see (withdrawn, embargoed) shows nothing rather than a dead link.
            .Where(e => e.Kind != LiveEntryKind.Embed || e.Embed is not null || e.BodyHtml.Length > 0)
            .ToList();
    }
}
