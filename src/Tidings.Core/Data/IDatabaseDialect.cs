using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Tidings.Core.Search;

namespace Tidings.Core.Data;

/// <summary>
/// Everything that differs between the embedded SQLite database and PostgreSQL, in one place. One instance is chosen
/// by configuration at start-up; nothing else in the code asks which database it is on (ADR 14). The rest of the site
/// writes provider-neutral EF queries and SQL, and the contract tests run every feature on both.
/// </summary>
public interface IDatabaseDialect
{
    /// <summary>"SQLite" or "PostgreSQL", for messages.</summary>
    string Name { get; }

    /// <summary>
    /// The database file inside the data directory when the database is embedded, else null. Backup, restore and
    /// migrate-data copy this file; a server database is backed up with the server's own tools.
    /// </summary>
    string? EmbeddedFile { get; }

    /// <summary>Where the data lives, for operators' eyes: the file, or the server and database (never a password).</summary>
    string Describe();

    /// <summary>Points a context at this database: provider, connection, migrations assembly and interceptors.</summary>
    void Configure(DbContextOptionsBuilder options);

    /// <summary>The full-text search over the segmented article text (FTS5, or tsvector with a GIN index).</summary>
    ISearchEngine CreateSearchEngine(TidingsDbContext db);

    /// <summary>After migrations on start: what the migrations cannot keep in place (SQLite's WAL and FTS triggers).</summary>
    Task PrepareSchemaAsync(TidingsDbContext db, CancellationToken ct);

    /// <summary>
    /// Keeps the query planner's statistics current after bulk writes (imports, seeds, rebuilds). Without them SQLite
    /// guessed that "Status = Published" was selective and answered "these 200 ids, if published" by walking the whole
    /// status index instead of 200 primary-key lookups: 16 ms instead of under one at 100k articles.
    /// </summary>
    Task RefreshStatisticsAsync(TidingsDbContext db, CancellationToken ct);

    /// <summary>On start-up: a bounded check of every table's statistics (SQLite's advice for long-lived processes).</summary>
    Task RefreshStatisticsOnStartAsync(TidingsDbContext db, CancellationToken ct);

    /// <summary>After rewriting much of the search index: merges what the rewrite left behind, where that applies.</summary>
    Task OptimizeSearchIndexAsync(TidingsDbContext db, CancellationToken ct);

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction that survives a power cut once it returns, not only a crash
    /// of the process (an acknowledged comment must not vanish with the machine).
    /// </summary>
    Task SaveDurablyAsync(TidingsDbContext db, Func<Task> work, CancellationToken ct);

    /// <summary>After rows were written with explicit ids: the table's identity continues after the highest one.</summary>
    Task ContinueIdentityAsync(TidingsDbContext db, string table, string column, CancellationToken ct);

    /// <summary>
    /// Prepares a bulk load of articles (ids from <paramref name="firstArticleId"/> on) through the open connection;
    /// disposing the result finishes it, whether or not the load completed, so no article stays unsearchable.
    /// </summary>
    Task<IAsyncDisposable> BeginArticleBulkLoadAsync(TidingsDbContext db, int firstArticleId, CancellationToken ct);

    /// <summary>Where the data-protection keys that sign cookies and tokens are kept.</summary>
    IXmlRepository CreateKeyStore(IServiceProvider services, ILoggerFactory loggers);
}
