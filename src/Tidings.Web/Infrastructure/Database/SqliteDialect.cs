using System.Data.Common;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Tidings.Core.Data;
using Tidings.Core.Search;

namespace Tidings.Web.Infrastructure;

/// <summary>
/// The embedded default: one SQLite file in the data directory, in WAL mode with synchronous=NORMAL, searched through
/// an FTS5 table that triggers keep in step with the segmented text.
/// </summary>
/// <param name="path">The data directory, for looking (backup and restore ask where the file is without touching it).</param>
/// <param name="open">The data directory, for using: resolving it creates the directory and takes its shared lock, so a
/// restore can tell the site is running. Called when the first context is configured.</param>
internal sealed class SqliteDialect(string path, Func<DataDirectory> open, DatabaseCircuit? circuit) : IDatabaseDialect
{
    public string Name => "SQLite";

    public string? EmbeddedFile => new DataDirectory(path).DatabaseFile;

    public string Describe() => EmbeddedFile!;

    public void Configure(DbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connection = new SqliteConnectionStringBuilder
        {
            DataSource = open().DatabaseFile,
            Pooling = true,
            DefaultTimeout = 30,
        };
        options.UseSqlite(connection.ToString(), o => o.MigrationsAssembly("Tidings.Migrations.Sqlite"));
        // The circuit too: SQLite never trips it by itself, but one outage path (and its tests) serves both.
        options.AddInterceptors(circuit is null ? [SqlitePragmas.Instance] : [SqlitePragmas.Instance, circuit]);
    }

    public ISearchEngine CreateSearchEngine(TidingsDbContext db) => new SqliteSearchEngine(db);

    public async Task PrepareSchemaAsync(TidingsDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await SqliteSearchSchema.EnsureAsync(db, ct);
    }

    public async Task RefreshStatisticsAsync(TidingsDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        // optimize only refreshes statistics that exist; the first time, gather them in full (0.4 s at 100k).
        var analysed = await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE name = 'sqlite_stat1'").SingleAsync(ct) > 0;
        await db.Database.ExecuteSqlRawAsync(analysed ? "PRAGMA optimize;" : "ANALYZE;", ct);
    }

    public Task RefreshStatisticsOnStartAsync(TidingsDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", ct);
    }

    public Task OptimizeSearchIndexAsync(TidingsDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Merges the index segments a rewrite left behind: smaller on disk, faster to query.
        return db.Database.ExecuteSqlRawAsync("INSERT INTO \"ArticleSearch\"(\"ArticleSearch\") VALUES ('optimize');", ct);
    }

    /// <summary>
    /// WAL with synchronous=NORMAL is fast, but the last commits can be lost with the machine (not with the process),
    /// so this one commit is made with synchronous=FULL on its connection.
    /// </summary>
    public async Task SaveDurablyAsync(TidingsDbContext db, Func<Task> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=FULL;", ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await work();
            await tx.CommitAsync(ct);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=NORMAL;", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>SQLite's rowid already continues after the highest id, explicit or not.</summary>
    public Task ContinueIdentityAsync(TidingsDbContext db, string table, string column, CancellationToken ct) => Task.CompletedTask;

    public async Task<IAsyncDisposable> BeginArticleBulkLoadAsync(TidingsDbContext db, int firstArticleId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Several indexes take every insert; with SQLite's default 2 MB page cache their B-trees thrash once the
        // table outgrows it.
        await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size=-262144;", ct);

        // Row-by-row index maintenance through the trigger costs ~3x one bulk insert into the index at the end (FTS5
        // merges segments at every commit). If the process dies half-way, start-up finds the trigger missing,
        // restores it and rebuilds the index, so nothing stays unindexed.
        await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS \"ArticleSearchDocs_ai\";", ct);
        return new BulkLoad(db, firstArticleId);
    }

    public IXmlRepository CreateKeyStore(IServiceProvider services, ILoggerFactory loggers) =>
        new FileSystemXmlRepository(Directory.CreateDirectory(Path.Combine(open().Path, "keys")), loggers);

    private sealed class BulkLoad(TidingsDbContext db, int firstArticleId) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "ArticleSearch"(rowid, "Title", "Body", "Extra")
                SELECT "ArticleId", "Title", "Body", "Extra" FROM "ArticleSearchDocs" WHERE "ArticleId" >= {0};
                """,
                [firstArticleId],
                CancellationToken.None);
            await db.Database.ExecuteSqlRawAsync(SqliteSearchSchema.CreateSql, CancellationToken.None);
            // The connection goes back to the pool; leave it as cheap as every other one.
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size=-2000;", CancellationToken.None);
        }
    }

    /// <summary>WAL makes synchronous=NORMAL safe and much faster than FULL; it is per connection, so set on open.</summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL;";
            command.ExecuteNonQuery();
        }
    }
}
