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
    public static async Task SaveAsync(TidingsDbContext db, IReadOnlyCollection<TrendingBucket> rows, DateTimeOffset now, CancellationToken ct)
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

        var oldest = OldestKeptHour(now);
        await db.TrendingBuckets.Where(b => b.Hour < oldest).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
