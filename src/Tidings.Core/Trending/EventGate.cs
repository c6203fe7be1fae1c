namespace Tidings.Core.Trending;

/// <summary>
/// Decides how much a reader signal counts. A visitor's signal counts once per article, signal and hour. Behind one
/// client address, the k-th distinct visitor of an article in an hour counts 1/k²: an office, a campus or a carrier's
/// shared address still adds up to more than one reader, but a script that drops its cookie before every request
/// can never add more than π²/6 ≈ 1.64 views an hour, however many cookies it burns. A client that asked not to be
/// tracked (no visitor id) takes a place in that sequence like any visitor; its address is held only in memory, for
/// the current and previous hour. Not thread-safe: one consumer applies events in order.
/// </summary>
public sealed class EventGate(TrendingOptions options)
{
    private readonly Dictionary<long, HourState> _hours = [];

    /// <summary>Entries held, for diagnostics and memory tests.</summary>
    public int Tracked => _hours.Values.Sum(h => h.Seen.Count + h.VisitorsPerClient.Count);

    /// <summary>The weight this signal adds (0 for a repeat, or a visitor beyond the tracked limit of its address).</summary>
    public double Weigh(ReaderEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var hour = e.At.ToUnixTimeSeconds() / 3600;
        if (!_hours.TryGetValue(hour, out var state))
        {
            state = _hours[hour] = new HourState();
            // Only this hour and the one before can still receive (late) events.
            foreach (var old in _hours.Keys.Where(h => h < hour - 1).ToList())
            {
                _hours.Remove(old);
            }
        }

        var who = e.Visitor ?? string.Empty;
        var key = (e.Client, e.ArticleId);
        if (!state.VisitorsPerClient.TryGetValue(key, out var visitors))
        {
            visitors = state.VisitorsPerClient[key] = new Dictionary<string, int>(StringComparer.Ordinal);
        }

        if (!visitors.TryGetValue(who, out var k))
        {
            if (visitors.Count >= options.MaxVisitorsPerClientPerArticleHour)
            {
                // Beyond the limit a visitor would weigh under 1/limit²; not tracking it bounds memory under attack.
                return 0;
            }

            k = visitors[who] = visitors.Count + 1;
        }

        if (!state.Seen.Add((e.Client, who, e.ArticleId, e.Signal)))
        {
            return 0;
        }

        return 1.0 / (k * k);
    }

    private sealed class HourState
    {
        public HashSet<(string Client, string Who, int Article, ReaderSignal Signal)> Seen { get; } = [];

        public Dictionary<(string Client, int Article), Dictionary<string, int>> VisitorsPerClient { get; } = [];
    }
}
