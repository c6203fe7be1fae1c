namespace Tidings.Core.Trending;

/// <summary>
/// Trending counts a story, not each outlet's copy of it: when several reports of one story (a story cluster) are read,
/// their scores add up on one entry, so a story carried by five partners is not ranked five times, nor pushed down
/// because its readers were split between the copies.
/// </summary>
public static class TrendingStories
{
    /// <summary>
    /// Two scores of the store's scale, ln(1 + weighted signals), added in signals: five copies read once each count
    /// as five reads, not as the product of their logarithms.
    /// </summary>
    public static double Add(double a, double b) => Math.Log(Math.Exp(a) + Math.Exp(b) - 1);

    /// <param name="ranked">A list as the store ranks it, best first.</param>
    /// <param name="storyOf">The story cluster of the listed articles that have one.</param>
    /// <param name="preferred">Articles that stand for their story when listed (editors' pins), else the best-read copy does.</param>
    /// <returns>One entry per story, scored by its copies' signals together (<see cref="Add"/>), best first (ties keep the store's order).</returns>
    public static IReadOnlyList<TrendingEntry> Fold(IReadOnlyList<TrendingEntry> ranked, IReadOnlyDictionary<int, int> storyOf, IReadOnlySet<int> preferred)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(storyOf);
        ArgumentNullException.ThrowIfNull(preferred);
        if (storyOf.Count == 0)
        {
            return ranked;
        }

        // Per story: the entry standing for it (its index in the result) and the copies' total.
        var stories = new Dictionary<int, int>();
        var result = new List<(int ArticleId, double Score, int Order)>(ranked.Count);
        foreach (var entry in ranked)
        {
            if (!storyOf.TryGetValue(entry.ArticleId, out var story))
            {
                result.Add((entry.ArticleId, entry.Score, result.Count));
                continue;
            }

            if (!stories.TryGetValue(story, out var at))
            {
                stories[story] = result.Count;
                result.Add((entry.ArticleId, entry.Score, result.Count));
                continue;
            }

            // The list is best first, so the copy already held is read at least as much; a pin takes its place.
            var held = result[at];
            var standsFor = preferred.Contains(entry.ArticleId) && !preferred.Contains(held.ArticleId) ? entry.ArticleId : held.ArticleId;
            result[at] = (standsFor, Add(held.Score, entry.Score), held.Order);
        }

        if (result.Count == ranked.Count)
        {
            return ranked;
        }

        return result.OrderByDescending(r => r.Score).ThenBy(r => r.Order).Select(r => new TrendingEntry(r.ArticleId, r.Score)).ToList();
    }
}
