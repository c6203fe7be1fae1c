using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;
using Tidings.Core.Live;
using Tidings.Web.Features.Articles;

namespace Tidings.Web.Features.Live;

/// <summary>An entry as the article page, the stream and the feed show it; an embedded article comes as its card.</summary>
public sealed record LiveEntryView(long Id, DateTime At, LiveEntryKind Kind, string BodyHtml, string? Attribution, bool Pinned, string AuthorName, ArticleCard? Embed)
{
    /// <summary>The newest entries of a coverage (at most <see cref="LiveRules.PageEntries"/>), embeds resolved to what readers may see.</summary>
    public static async Task<IReadOnlyList<LiveEntryView>> LoadAsync(TidingsDbContext db, int articleId, DateTime utcNow, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.LiveEntries.AsNoTracking()
            .Where(e => e.ArticleId == articleId && !e.Deleted)
            .OrderByDescending(e => e.Id).Take(LiveRules.PageEntries)
            .ToListAsync(ct);
        var embeds = rows.Where(e => e.EmbedArticleId is not null).Select(e => e.EmbedArticleId!.Value).Distinct().ToList();
        var cards = embeds.Count == 0 ? [] : await db.PublishedCardsAsync(embeds, utcNow, ct);
        return rows
            .Select(e => new LiveEntryView(e.Id, e.At, e.Kind, e.BodyHtml, e.Attribution, e.Pinned, e.AuthorName,
                e.EmbedArticleId is { } embed && cards.TryGetValue(embed, out var card) ? card : null))
            // An embed whose article readers may not see (withdrawn, embargoed) shows nothing rather than a dead link.
            .Where(e => e.Kind != LiveEntryKind.Embed || e.Embed is not null || e.BodyHtml.Length > 0)
            .ToList();
    }
}
