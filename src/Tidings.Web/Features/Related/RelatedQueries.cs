using Microsoft.EntityFrameworkCore;
using Tidings.Core.Articles;
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
        // Whether an item is still published is checked in memory, not in the SQL: "these ids and published" let
        // SQLite walk the whole status index instead of looking 20 ids up (it scales with the archive).
        var cards = (await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id)).ToCards().ToListAsync(ct))
            .Where(c => c.Status == ArticleStatus.Published && c.PublishedAt <= utcNow)
            .ToDictionary(c => c.Id);
        return new StoredRelated(
            items.Where(i => cards.ContainsKey(i.Id)).Select(i => (cards[i.Id], i)).ToList(),
            list.ComputedAt,
            list.Stale);
    }
}

internal sealed record StoredRelated(IReadOnlyList<(ArticleCard Card, RelatedItem Item)> Items, DateTime ComputedAt, bool Stale);
