using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;
using Tidings.Core.Related;
using Tidings.Web.Features.Articles;

namespace Tidings.Web.Features.Related;

internal static class RelatedQueries
{
    /// <summary>
    /// An article's stored list as cards, best first: one query for the list, one for all its items. Items that are
    /// no longer published drop out; null when the list has not been computed yet.
    /// </summary>
    public static async Task<StoredRelated?> StoredAsync(TidingsDbContext db, int articleId, DateTime utcNow, CancellationToken ct)
    {
        var list = await db.RelatedLists.AsNoTracking()
            .Where(r => r.ArticleId == articleId && r.Items != "[]")
            .Select(r => new { r.Items, r.ComputedAt, r.Stale })
            .FirstOrDefaultAsync(ct);
        if (list is null)
        {
            return null;
        }

        var items = RelatedArticles.Parse(list.Items);
        var ids = items.Select(i => i.Id).ToList();
        var cards = await db.PublishedCardsAsync(ids, utcNow, ct);
        return new StoredRelated(
            items.Where(i => cards.ContainsKey(i.Id)).Select(i => (cards[i.Id], i)).ToList(),
            list.ComputedAt,
            list.Stale);
    }
}

internal sealed record StoredRelated(IReadOnlyList<(ArticleCard Card, RelatedItem Item)> Items, DateTime ComputedAt, bool Stale);
