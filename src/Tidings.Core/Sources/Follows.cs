using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;

namespace Tidings.Core.Sources;

/// <summary>What a follow or unfollow did.</summary>
public enum FollowOutcome
{
    /// <summary>The follow was recorded (or removed), and the count moved.</summary>
    Changed,

    /// <summary>Already so: following twice or unfollowing an account not followed changes nothing.</summary>
    Unchanged,

    /// <summary>The reader follows <see cref="Follows.MaxPerFollower"/> accounts already.</summary>
    TooMany,
}

/// <summary>
/// 关注: every door (the account page's form, the JSON API, signing in) follows, unfollows and moves follows through
/// here, so the per-account count, the daily history and the per-reader limit can never disagree. Each change is one
/// transaction: the follow row, the account's <see cref="Source.FollowerCount"/> and the day's history row together.
/// </summary>
public static class Follows
{
    /// <summary>A reader may follow this many accounts; it bounds the /following query and what a script can add.</summary>
    public const int MaxPerFollower = 1_000;

    private const string AccountPrefix = "u:";
    private const string VisitorPrefix = "v:";

    public static string ForAccount(int userId) => AccountPrefix + userId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The key of a signed-out reader's follows: the signed visitor id (hex, at most 32 characters).</summary>
    public static string ForVisitor(string visitorId)
    {
        ArgumentException.ThrowIfNullOrEmpty(visitorId);
        if (visitorId.Length > SourceFollow.FollowerKeyMaxLength - VisitorPrefix.Length)
        {
            throw new ArgumentException("A visitor id is at most 38 characters.", nameof(visitorId));
        }

        return VisitorPrefix + visitorId;
    }

    /// <summary>Days since 1970-01-01 in <paramref name="zone"/>: the key of the follower history.</summary>
    public static int DayNumber(DateTime utc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        return DateOnly.FromDateTime(local).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
    }

    public static DateOnly DayOf(int dayNumber) => DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + dayNumber);

    public static async Task<FollowOutcome> FollowAsync(TidingsDbContext db, int sourceId, string followerKey, DateTime utcNow, TimeZoneInfo zone, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrEmpty(followerKey);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.Set<SourceFollow>().AnyAsync(f => f.SourceId == sourceId && f.FollowerKey == followerKey, ct))
        {
            return FollowOutcome.Unchanged;
        }

        if (await db.Set<SourceFollow>().CountAsync(f => f.FollowerKey == followerKey, ct) >= MaxPerFollower)
        {
            return FollowOutcome.TooMany;
        }

        // ON CONFLICT: a double click racing itself on two nodes inserts one row and counts once.
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "SourceFollows" ("SourceId", "FollowerKey", "CreatedAt") VALUES ({sourceId}, {followerKey}, {utcNow})
            ON CONFLICT ("SourceId", "FollowerKey") DO NOTHING
            """, ct);
        if (inserted == 0)
        {
            return FollowOutcome.Unchanged;
        }

        await CountAsync(db, sourceId, +1, DayNumber(utcNow, zone), ct);
        await transaction.CommitAsync(ct);
        return FollowOutcome.Changed;
    }

    public static async Task<FollowOutcome> UnfollowAsync(TidingsDbContext db, int sourceId, string followerKey, DateTime utcNow, TimeZoneInfo zone, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrEmpty(followerKey);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var deleted = await db.Set<SourceFollow>().Where(f => f.SourceId == sourceId && f.FollowerKey == followerKey).ExecuteDeleteAsync(ct);
        if (deleted == 0)
        {
            return FollowOutcome.Unchanged;
        }

        await CountAsync(db, sourceId, -1, DayNumber(utcNow, zone), ct);
        await transaction.CommitAsync(ct);
        return FollowOutcome.Changed;
    }

    /// <summary>
    /// Moves a signed-out reader's follows to the account they signed in to: the account keeps what it followed, gains
    /// what the visitor followed (up to the limit), and an account followed from both counts once.
    /// </summary>
    /// <returns>How many follows the account gained.</returns>
    public static async Task<int> MoveAsync(TidingsDbContext db, string fromKey, string toKey, DateTime utcNow, TimeZoneInfo zone, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrEmpty(fromKey);
        ArgumentException.ThrowIfNullOrEmpty(toKey);
        if (string.Equals(fromKey, toKey, StringComparison.Ordinal))
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var moving = await db.Set<SourceFollow>().AsNoTracking().Where(f => f.FollowerKey == fromKey)
            .OrderBy(f => f.CreatedAt).Select(f => new { f.SourceId, f.CreatedAt }).Take(MaxPerFollower).ToListAsync(ct);
        if (moving.Count == 0)
        {
            return 0;
        }

        var room = MaxPerFollower - await db.Set<SourceFollow>().CountAsync(f => f.FollowerKey == toKey, ct);
        var day = DayNumber(utcNow, zone);
        var gained = 0;
        foreach (var follow in moving)
        {
            var inserted = room > 0
                ? await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "SourceFollows" ("SourceId", "FollowerKey", "CreatedAt") VALUES ({follow.SourceId}, {toKey}, {follow.CreatedAt})
                    ON CONFLICT ("SourceId", "FollowerKey") DO NOTHING
                    """, ct)
                : 0;
            if (inserted == 0)
            {
                // The account followed it already (or is full): one reader, so one follower less.
                await CountAsync(db, follow.SourceId, -1, day, ct);
            }
            else
            {
                room--;
                gained++;
            }
        }

        await db.Set<SourceFollow>().Where(f => f.FollowerKey == fromKey).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return gained;
    }

    /// <summary>The accounts <paramref name="followerKey"/> follows, newest follow first.</summary>
    public static Task<List<int>> SourceIdsAsync(TidingsDbContext db, string followerKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<SourceFollow>().AsNoTracking().Where(f => f.FollowerKey == followerKey)
            .OrderByDescending(f => f.CreatedAt).Select(f => f.SourceId).Take(MaxPerFollower).ToListAsync(ct);
    }

    public static Task<bool> IsFollowingAsync(TidingsDbContext db, int sourceId, string followerKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<SourceFollow>().AnyAsync(f => f.SourceId == sourceId && f.FollowerKey == followerKey, ct);
    }

    private static async Task CountAsync(TidingsDbContext db, int sourceId, int change, int day, CancellationToken ct)
    {
        // The count is changed in place (the row lock orders concurrent follows) and read back for the history, so the
        // day's row holds the count after the last change of that day.
        var counts = await db.Database.SqlQuery<int>($"""
            UPDATE "Sources" SET "FollowerCount" = CASE WHEN "FollowerCount" + {change} < 0 THEN 0 ELSE "FollowerCount" + {change} END WHERE "Id" = {sourceId} RETURNING "FollowerCount" AS "Value"
            """).ToListAsync(ct);
        if (counts.Count == 0)
        {
            return;
        }

        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "SourceFollowerDays" ("SourceId", "Day", "Count") VALUES ({sourceId}, {day}, {counts[0]})
            ON CONFLICT ("SourceId", "Day") DO UPDATE SET "Count" = excluded."Count"
            """, ct);
    }
}
