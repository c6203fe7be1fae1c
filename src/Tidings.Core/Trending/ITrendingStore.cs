namespace Tidings.Core.Trending;

/// <summary>
/// Where reader signals are weighed, counted and ranked. The embedded default keeps them in process and snapshots
/// them to the database; the Redis store lets several nodes gate, count and rank together. The pipeline in front of
/// it (queue, section lookup, overrides, list cache, fallbacks) is the same for both.
/// </summary>
public interface ITrendingStore
{
    /// <summary>Loads what was saved (called once, before any other member).</summary>
    Task RestoreAsync(CancellationToken ct);

    /// <summary>
    /// Weighs each signal with the <see cref="EventGate"/> rules (once per visitor, article, signal and hour; 1/k² for
    /// the k-th visitor behind an address) and counts what is left. Signals of one batch are applied in order. Throws
    /// when the store cannot be reached; nothing of the batch is counted then.
    /// </summary>
    Task RecordAsync(IReadOnlyList<SectionedEvent> events, CancellationToken ct);

    /// <summary>The best <paramref name="limit"/> articles of a list, best first (ties: newer id first).</summary>
    Task<IReadOnlyList<TrendingEntry>> TopAsync(TrendingScope scope, TrendingWindow window, int limit, DateTimeOffset now, CancellationToken ct);

    /// <summary>Makes recorded counts durable and forgets what fell out of the longest window.</summary>
    Task FlushAsync(CancellationToken ct);
}

/// <summary>A reader signal for a published article, with the channel and region the article is in now.</summary>
public readonly record struct SectionedEvent(ReaderEvent Event, int? ChannelId, int? RegionId);
