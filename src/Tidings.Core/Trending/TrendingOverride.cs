namespace Tidings.Core.Trending;

/// <summary>
/// An editor's decision about one article in one trending list: pinned at a position, or suppressed, until it
/// expires. Lists apply these after scoring.
/// </summary>
public sealed class TrendingOverride
{
    public const int MaxPosition = 50;

    public int Id { get; set; }

    public TrendingScopeKind ScopeKind { get; set; }

    /// <summary>Channel or region id; 0 for the site-wide list.</summary>
    public int ScopeId { get; set; }

    public int ArticleId { get; set; }

    /// <summary>True: pinned at <see cref="Position"/>; false: kept out of the list.</summary>
    public bool Pinned { get; set; }

    /// <summary>1-based place of a pinned article.</summary>
    public int Position { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the decision lapses; null keeps it until removed.</summary>
    public DateTime? ExpiresAt { get; set; }

    public TrendingScope Scope => new(ScopeKind, ScopeId);

    /// <summary>The overrides in force for <paramref name="scope"/> at <paramref name="utcNow"/>.</summary>
    public static List<TrendingOverride> Active(IEnumerable<TrendingOverride> overrides, TrendingScope scope, DateTime utcNow) =>
        overrides.Where(o => o.Scope == scope && (o.ExpiresAt is null || o.ExpiresAt > utcNow)).ToList();

    /// <summary>The list with suppressed articles removed and pinned ones placed (pins beyond the end go last).</summary>
    public static IReadOnlyList<TrendingEntry> Apply(IReadOnlyList<TrendingEntry> ranked, IEnumerable<TrendingOverride> overrides, TrendingScope scope, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(overrides);
        var active = Active(overrides, scope, utcNow);
        if (active.Count == 0)
        {
            return ranked;
        }

        var removed = active.Select(o => o.ArticleId).ToHashSet();
        var list = ranked.Where(e => !removed.Contains(e.ArticleId)).ToList();
        var scores = ranked.ToDictionary(e => e.ArticleId, e => e.Score);
        foreach (var pin in active.Where(o => o.Pinned).OrderBy(o => o.Position).ThenBy(o => o.Id))
        {
            list.Insert(Math.Min(pin.Position - 1, list.Count), new TrendingEntry(pin.ArticleId, scores.GetValueOrDefault(pin.ArticleId)));
        }

        return list;
    }
}
