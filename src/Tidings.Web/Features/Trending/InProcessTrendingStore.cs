using Tidings.Core.Data;
using Tidings.Core.Trending;

using Tidings.Web.Shared;

namespace Tidings.Web.Features.Trending;

/// <summary>
/// The embedded trending store: an <see cref="EventGate"/> and a <see cref="TrendingScorer"/> in memory, whose changed
/// hours are written to <c>TrendingBuckets</c> on every flush and read back on start, so a restart resumes the same
/// ranking and a crash loses at most one flush interval. One node's view only: several nodes need the Redis store.
/// </summary>
internal sealed class InProcessTrendingStore(IServiceScopeFactory scopes, TimeProvider time, TrendingOptions options) : ITrendingStore
{
    private readonly TrendingScorer _scorer = new(options);
    private readonly EventGate _gate = new(options);
    private readonly Lock _lock = new();
    private readonly HashSet<(int Article, long Hour)> _dirty = [];
    private bool _restored;

    public async Task RestoreAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var rows = await TrendingSnapshots.LoadAsync(scope.ServiceProvider.GetRequiredService<TidingsDbContext>(), time.GetUtcNow(), ct);
        lock (_lock)
        {
            // Added to whatever was counted while the database was out of reach, so nothing is lost either way.
            foreach (var b in rows)
            {
                _scorer.Add(b.ArticleId, b.ChannelId, b.RegionId, b.Hour, b.Signal, b.Count);
            }

            _restored = true;
        }
    }

    public Task RecordAsync(IReadOnlyList<SectionedEvent> events, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(events);
        lock (_lock)
        {
            foreach (var (e, channel, region) in events)
            {
                if (_gate.Weigh(e) is var weight and > 0)
                {
                    _scorer.Record(e, weight, channel, region);
                    _dirty.Add((e.ArticleId, e.At.ToUnixTimeSeconds() / 3600));
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TrendingEntry>> TopAsync(TrendingScope scope, TrendingWindow window, int limit, DateTimeOffset now, CancellationToken ct)
    {
        lock (_lock)
        {
            return Task.FromResult(_scorer.Top(scope, window, limit, now));
        }
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        if (!_restored)
        {
            // The snapshot could not be read at start; saving before it is would overwrite it with partial counts.
            await RestoreAsync(ct);
        }

        List<TrendingBucket> rows;
        lock (_lock)
        {
            if (_dirty.Count == 0)
            {
                return;
            }

            var dirty = _dirty.ToHashSet();
            _dirty.Clear();
            rows = _scorer.Counts()
                .Where(c => dirty.Contains((c.ArticleId, c.Hour)))
                .Select(c => new TrendingBucket { ArticleId = c.ArticleId, Hour = c.Hour, Signal = c.Signal, Count = c.Count, ChannelId = c.ChannelId, RegionId = c.RegionId })
                .ToList();
        }

        await using var scope = scopes.CreateAsyncScope();
        try
        {
            await TrendingSnapshots.SaveAsync(scope.ServiceProvider.GetRequiredService<TidingsDbContext>(), rows, time.GetUtcNow(), scope.ServiceProvider.GetRequiredService<SiteContext>().Zone, ct);
        }
        catch
        {
            lock (_lock)
            {
                // Saved with the next flush instead.
                foreach (var r in rows)
                {
                    _dirty.Add((r.ArticleId, r.Hour));
                }
            }

            throw;
        }

        lock (_lock)
        {
            _scorer.Prune(time.GetUtcNow());
        }
    }
}
