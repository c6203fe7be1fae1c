using Tidings.Core.Data;
using Tidings.Core.Trending;
using Tidings.Web.Features.Articles;

namespace Tidings.Web.Features.Trending;

/// <summary>The read side of 热点: what the home page, 热点排行, channel pages, the article sidebar and the API show.</summary>
internal static class TrendingLists
{
    /// <summary>
    /// A list's articles as cards, best first (up to <see cref="TrendingService.MaxListLength"/>); unpublished ones drop
    /// out. Looked up by id only, and kept as long as the list itself, so pages pay one query per list every couple of
    /// seconds, not one per request.
    /// </summary>
    public static async Task<IReadOnlyList<(ArticleCard Card, double Score)>> CardsAsync(
        TidingsDbContext db, TrendingService trending, TrendingScope scope, TrendingWindow window, DateTime utcNow, CancellationToken ct)
    {
        var top = await trending.TopAsync(scope, window, TrendingService.MaxListLength, ct);
        if (top.Count == 0)
        {
            return [];
        }

        if (trending.CachedCards(top) is { } cached)
        {
            return cached;
        }

        var ids = top.Select(t => t.ArticleId).ToList();
        var cards = await db.PublishedCardsAsync(ids, utcNow, ct);
        var result = top.Where(t => cards.ContainsKey(t.ArticleId)).Select(t => (cards[t.ArticleId], t.Score)).ToList();
        trending.CacheCards(top, result);
        return result;
    }
}
