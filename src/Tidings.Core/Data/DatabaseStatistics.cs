using Microsoft.EntityFrameworkCore;
using Tidings.Core.Search;

namespace Tidings.Core.Data;

/// <summary>
/// Keeps the query planner's statistics current. Without them SQLite guessed that "Status = Published" was selective
/// and answered "these 200 ids, if published" by walking the whole status index instead of 200 primary-key lookups:
/// 16 ms instead of under one at 100k articles, growing with the archive.
/// </summary>
public static class DatabaseStatistics
{
    /// <summary>After bulk writes (imports, seeds, rebuilds): re-analyses the tables whose size changed a lot.</summary>
    public static async Task RefreshAsync(TidingsDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (SqliteSearchSchema.IsSqlite(db))
        {
            // optimize only refreshes statistics that exist; the first time, gather them in full (0.4 s at 100k).
            var analysed = await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE name = 'sqlite_stat1'").SingleAsync(ct) > 0;
            await db.Database.ExecuteSqlRawAsync(analysed ? "PRAGMA optimize;" : "ANALYZE;", ct);
        }
        else if (PostgresSearchSchema.IsPostgres(db))
        {
            // Autovacuum gets there too, but only after a delay in which a bulk-loaded table is planned as empty.
            await db.Database.ExecuteSqlRawAsync("ANALYZE;", ct);
        }
    }

    /// <summary>On start-up: checks every table, with a bounded analysis cost (SQLite's advice for long-lived processes).</summary>
    public static async Task RefreshOnStartAsync(TidingsDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (SqliteSearchSchema.IsSqlite(db))
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", ct);
        }
    }
}
