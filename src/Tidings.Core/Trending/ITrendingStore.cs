namespace Tidings.Core.Trending;

/// <summary>
/// Where trending counts live and are ranked. The embedded default keeps them in process and snapshots them to the
/// database; a shared store (Redis sorted sets, the scale-out issue) lets several nodes count and rank together.
/// The pipeline in front of it (queue, gate, overrides, list cache) stays the same.
/// </summary>
public interface ITrendingStore
{
    /// <summary>Loads what was saved (called once, before any other member).</summary>
    Task RestoreAsync(CancellationToken ct);

    /// <summary>Counts weighted signals (from one consumer, in order).</summary>
    void Record(IReadOnlyList<(ReaderEvent Event, double Weight, int? ChannelId, int? RegionId)> signals);

    /// <summary>The best <paramref name="limit"/> articles of a list, best first.</summary>
    IReadOnlyList<TrendingEntry> Top(TrendingScope scope, TrendingWindow window, int limit, DateTimeOffset now);

    /// <summary>Makes recorded counts durable and forgets what fell out of the longest window.</summary>
    Task FlushAsync(CancellationToken ct);
}
