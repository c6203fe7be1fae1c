using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;
using Tidings.Core.Trending;

namespace Tidings.Web.Features.Trending;

/// <summary>
/// The embedded trending store: a <see cref="TrendingScorer"/> in memory, whose changed hours are written to
/// <c>TrendingBuckets</c> on every flush and read back on start, so a restart resumes the same ranking and a crash
/// loses at most one flush interval.
/// </summary>
internal sealed class InProcessTrendingStore(IServiceScopeFactory scopes, TimeProvider time, TrendingOptions options) : ITrendingStore
{
    private readonly TrendingScorer _scorer = new(options);
    private readonly Lock _lock = new();
    private readonly HashSet<(int Article, long Hour)> _dirty = [];

    public async Task RestoreAsync(CancellationToken ct)
    {
        var since = (time.GetUtcNow().ToUnixTimeSeconds() / 3600) - (int)TrendingWindow.Week - 1;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
        var rows = await db.TrendingBuckets.AsNoTracking().Where(b => b.Hour >= since).ToListAsync(ct);
        lock (_lock)
        {
            foreach (var b in rows)
            {
                _scorer.Add(b.ArticleId, b.ChannelId, b.RegionId, b.Hour, b.Signal, b.Count);
            }
        }
    }

    public void Record(IReadOnlyList<(ReaderEvent Event, double Weight, int? ChannelId, int? RegionId)> signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        lock (_lock)
        {
            foreach (var (e, weight, channel, region) in signals)
            {
                _scorer.Record(e, weight, channel, region);
                _dirty.Add((e.ArticleId, e.At.ToUnixTimeSeconds() / 3600));
            }
        }
    }

    public IReadOnlyList<TrendingEntry> Top(TrendingScope scope, TrendingWindow window, int limit, DateTimeOffset now)
    {
        lock (_lock)
        {
            return _scorer.Top(scope, window, limit, now);
        }
    }

    public async Task FlushAsync(CancellationToken ct)
    {
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
        var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var b in rows)
        {
            // ON CONFLICT … DO UPDATE: one statement per bucket on SQLite and PostgreSQL alike.
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "TrendingBuckets" ("ArticleId", "Hour", "Signal", "Count", "ChannelId", "RegionId")
                VALUES ({b.ArticleId}, {b.Hour}, {(int)b.Signal}, {b.Count}, {b.ChannelId}, {b.RegionId})
                ON CONFLICT ("ArticleId", "Hour", "Signal") DO UPDATE SET "Count" = excluded."Count", "ChannelId" = excluded."ChannelId", "RegionId" = excluded."RegionId"
                """, ct);
        }

        var oldest = (time.GetUtcNow().ToUnixTimeSeconds() / 3600) - (int)TrendingWindow.Week - 1;
        await db.TrendingBuckets.Where(b => b.Hour < oldest).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        lock (_lock)
        {
            _scorer.Prune(time.GetUtcNow());
        }
    }
}
