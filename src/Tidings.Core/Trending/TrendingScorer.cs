namespace Tidings.Core.Trending;

/// <summary>The time span a trending list looks back over.</summary>
public enum TrendingWindow
{
    Hour = 1,
    Day = 24,
    Week = 168,
}

/// <summary>Which articles a list ranks: the whole site, one channel, or one regional sub-site.</summary>
public readonly record struct TrendingScope(TrendingScopeKind Kind, int Id = 0)
{
    public static TrendingScope Site => new(TrendingScopeKind.Site);

    public static TrendingScope Channel(int id) => new(TrendingScopeKind.Channel, id);

    public static TrendingScope Region(int id) => new(TrendingScopeKind.Region, id);
}

public enum TrendingScopeKind
{
    Site = 0,
    Channel = 1,
    Region = 2,
}

/// <summary>An article's place in a list.</summary>
public sealed record TrendingEntry(int ArticleId, double Score);

/// <summary>
/// Scores articles from admitted reader signals. Signals are kept per article in hourly buckets for a week; a list's
/// score is <c>log(1 + Σ weight × overlap × 2^(−age / half-life))</c> over the buckets inside the window, where a
/// bucket's weight is its unique views, reads, shares and comments with their weights (shares and comments capped
/// relative to the views of the same hour). The logarithm damps a burst; the half-life is shorter site-wide than per
/// channel or region. Not thread-safe: one consumer records, readers take snapshots of <see cref="Top"/>.
/// </summary>
public sealed class TrendingScorer(TrendingOptions options)
{
    private const int KeptHours = (int)TrendingWindow.Week + 1;

    private readonly Dictionary<int, ArticleSignals> _articles = [];

    public int Articles => _articles.Count;

    /// <summary>Counts a signal, with the weight the <see cref="EventGate"/> gave it, for an article of the given channel and region.</summary>
    public void Record(ReaderEvent e, double weight, int? channelId, int? regionId)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (weight > 0)
        {
            Add(e.ArticleId, channelId, regionId, e.At.ToUnixTimeSeconds() / 3600, e.Signal, weight);
        }
    }

    /// <summary>Adds counts to one hour of one article (recording, or restoring a snapshot).</summary>
    public void Add(int articleId, int? channelId, int? regionId, long hour, ReaderSignal signal, double count)
    {
        if (!_articles.TryGetValue(articleId, out var article))
        {
            article = _articles[articleId] = new ArticleSignals();
        }

        article.ChannelId = channelId;
        article.RegionId = regionId;
        if (!article.Hours.TryGetValue(hour, out var counts))
        {
            counts = article.Hours[hour] = new double[4];
        }

        counts[(int)signal] += count;
    }

    /// <summary>Every stored count, for snapshots: (article, channel, region, hour, signal, count).</summary>
    public IEnumerable<(int ArticleId, int? ChannelId, int? RegionId, long Hour, ReaderSignal Signal, double Count)> Counts()
    {
        foreach (var (id, article) in _articles)
        {
            foreach (var (hour, counts) in article.Hours)
            {
                for (var s = 0; s < counts.Length; s++)
                {
                    if (counts[s] > 0)
                    {
                        yield return (id, article.ChannelId, article.RegionId, hour, (ReaderSignal)s, counts[s]);
                    }
                }
            }
        }
    }

    /// <summary>Forgets hours older than the longest window, and articles left with none.</summary>
    public void Prune(DateTimeOffset now)
    {
        var oldest = (now.ToUnixTimeSeconds() / 3600) - KeptHours;
        foreach (var (id, article) in _articles.ToList())
        {
            foreach (var hour in article.Hours.Keys.Where(h => h < oldest).ToList())
            {
                article.Hours.Remove(hour);
            }

            if (article.Hours.Count == 0)
            {
                _articles.Remove(id);
            }
        }
    }

    public double Score(int articleId, TrendingScope scope, TrendingWindow window, DateTimeOffset now) =>
        _articles.TryGetValue(articleId, out var article) && InScope(article, scope) ? Score(article, scope, window, now) : 0;

    /// <summary>The <paramref name="limit"/> best-scoring articles of a scope and window, best first (ties: newer id first).</summary>
    public IReadOnlyList<TrendingEntry> Top(TrendingScope scope, TrendingWindow window, int limit, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return _articles
            .Where(p => InScope(p.Value, scope))
            .Select(p => new TrendingEntry(p.Key, Score(p.Value, scope, window, now)))
            .Where(e => e.Score > 0)
            .OrderByDescending(e => e.Score)
            .ThenByDescending(e => e.ArticleId)
            .Take(limit)
            .ToList();
    }

    private static bool InScope(ArticleSignals article, TrendingScope scope) => scope.Kind switch
    {
        TrendingScopeKind.Channel => article.ChannelId == scope.Id,
        TrendingScopeKind.Region => article.RegionId == scope.Id,
        _ => true,
    };

    private double Score(ArticleSignals article, TrendingScope scope, TrendingWindow window, DateTimeOffset now)
    {
        var halfLife = scope.Kind == TrendingScopeKind.Site ? options.SiteHalfLifeHours : options.SectionHalfLifeHours;
        var nowHours = now.ToUnixTimeSeconds() / 3600.0;
        var start = nowHours - (int)window;
        var sum = 0.0;
        foreach (var (hour, counts) in article.Hours)
        {
            // The share of the bucket's elapsed time [hour, min(hour + 1, now)] inside the window [start, now]: a
            // bucket half outside a 1-hour window counts half, the running hour counts whole.
            var end = Math.Min(hour + 1, nowHours);
            var overlap = (end - Math.Max(hour, start)) / Math.Max(end - hour, 1e-9);
            if (overlap <= 0)
            {
                continue;
            }

            var views = counts[(int)ReaderSignal.View];
            var weight = (options.ViewWeight * views)
                + (options.ReadWeight * counts[(int)ReaderSignal.Read])
                + (options.ShareWeight * Math.Min(counts[(int)ReaderSignal.Share], options.MaxSharesPerView * views))
                + (options.CommentWeight * Math.Min(counts[(int)ReaderSignal.Comment], options.MaxCommentsPerView * views));
            var age = Math.Max(0, nowHours - (hour + 0.5));
            sum += weight * Math.Min(1, overlap) * Math.Pow(0.5, age / halfLife);
        }

        return Math.Log(1 + sum);
    }

    private sealed class ArticleSignals
    {
        public int? ChannelId { get; set; }

        public int? RegionId { get; set; }

        public Dictionary<long, double[]> Hours { get; } = [];
    }
}
