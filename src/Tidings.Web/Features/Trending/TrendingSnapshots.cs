using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;
using Tidings.Core.Trending;

namespace Tidings.Web.Features.Trending;

/// <summary>The database copy of trending counts (<c>TrendingBuckets</c>) both stores save to and restore from.</summary>
internal static class TrendingSnapshots
{
    /// <summary>Hours kept: the longest window, plus the hour it started in.</summary>
    public const int KeptHours = (int)TrendingWindow.Week + 1;

    public static long OldestKeptHour(DateTimeOffset now) => (now.ToUnixTimeSeconds() / 3600) - KeptHours;

    public static Task<List<TrendingBucket>> LoadAsync(TidingsDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var since = OldestKeptHour(now);
        return db.TrendingBuckets.AsNoTracking().Where(b => b.Hour >= since).ToListAsync(ct);
    }

    /// <summary>Writes whole counts (not increments) of the given buckets and deletes the ones past the longest window.</summary>
    public static async Task SaveAsync(TidingsDbContext db, IReadOnlyCollection<TrendingBucket> rows, DateTimeOffset now, TimeZoneInfo zone, CancellationToken ct)
    {
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

        await SaveDaysAsync(db, rows, zone, ct);
        var oldest = OldestKeptHour(now);
        await db.TrendingBuckets.Where(b => b.Hour < oldest).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Re-sums the days the saved buckets fall in (<see cref="ArticleDay"/>): whole days, from every bucket of the day,
    /// so a count written twice is never added twice. A day is at most 24 of the week of hours kept, so its buckets are
    /// all still there when any of them changes.
    /// </summary>
    private static async Task SaveDaysAsync(TidingsDbContext db, IReadOnlyCollection<TrendingBucket> rows, TimeZoneInfo zone, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var days = rows.Select(r => (r.ArticleId, Day: ArticleDay.DayOf(r.Hour, zone))).Distinct().ToList();
        foreach (var batch in days.Chunk(200))
        {
            var ids = batch.Select(d => d.ArticleId).Distinct().ToList();
            var from = batch.Min(d => ArticleDay.HoursOf(d.Day, zone).From);
            var to = batch.Max(d => ArticleDay.HoursOf(d.Day, zone).To);
            var buckets = await db.TrendingBuckets.AsNoTracking()
                .Where(b => ids.Contains(b.ArticleId) && b.Hour >= from && b.Hour < to && b.Signal != ReaderSignal.Comment)
                .Select(b => new { b.ArticleId, b.Hour, b.Signal, b.Count })
                .ToListAsync(ct);
            var sums = buckets.GroupBy(b => (b.ArticleId, Day: ArticleDay.DayOf(b.Hour, zone)))
                .ToDictionary(g => g.Key, g => (
                    Views: g.Where(b => b.Signal == ReaderSignal.View).Sum(b => b.Count),
                    Reads: g.Where(b => b.Signal == ReaderSignal.Read).Sum(b => b.Count),
                    Shares: g.Where(b => b.Signal == ReaderSignal.Share).Sum(b => b.Count)));
            foreach (var key in batch)
            {
                var (views, reads, shares) = sums.GetValueOrDefault(key);
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "ArticleDays" ("ArticleId", "Day", "Views", "Reads", "Shares") VALUES ({key.ArticleId}, {key.Day}, {views}, {reads}, {shares})
                    ON CONFLICT ("ArticleId", "Day") DO UPDATE SET "Views" = excluded."Views", "Reads" = excluded."Reads", "Shares" = excluded."Shares"
                    """, ct);
            }
        }
    }
}
