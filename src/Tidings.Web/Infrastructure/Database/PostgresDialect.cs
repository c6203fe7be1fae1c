using System.Data.Common;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tidings.Core.Data;
using Tidings.Core.Search;

namespace Tidings.Web.Infrastructure;

/// <summary>
/// PostgreSQL, for several web nodes: searched through a generated tsvector column with a GIN index, with the
/// data-protection keys in the database every node shares (and backs up with the site).
/// </summary>
internal sealed class PostgresDialect : IDatabaseDialect
{
    private readonly string _connectionString;
    private readonly DatabaseCircuit? _circuit;

    public PostgresDialect(string configuredConnectionString, DatabaseCircuit? circuit)
    {
        var connection = new NpgsqlConnectionStringBuilder(configuredConnectionString);
        // Npgsql's builder says it "contains" every keyword it knows; a plain builder tells what was written.
        var written = new DbConnectionStringBuilder { ConnectionString = configuredConnectionString };
        if (!written.Keys.Cast<string>().Any(k => k.Replace(" ", string.Empty, StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            // Without prepared statements PostgreSQL parses and plans every query on every execution, and for the
            // article page's queries planning cost more than running them (bench/run-scale-out.sh). Operators behind
            // PgBouncer older than 1.21 (transaction mode) set Max Auto Prepare=0.
            connection.MaxAutoPrepare = 200;
            connection.AutoPrepareMinUsages = 2;
        }

        _connectionString = connection.ToString();
        _circuit = circuit;
        Database = connection.Database;
        Server = $"{connection.Host}:{connection.Port}";
    }

    public string Name => "PostgreSQL";

    public string? EmbeddedFile => null;

    public string? Database { get; }

    public string Server { get; }

    public string Describe() => $"PostgreSQL database {Database} on {Server}";

    public void Configure(DbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UseNpgsql(_connectionString, o => o.MigrationsAssembly("Tidings.Migrations.Postgres"));
        if (_circuit is not null)
        {
            options.AddInterceptors(_circuit);
        }
    }

    public ISearchEngine CreateSearchEngine(TidingsDbContext db) => new PostgresSearchEngine(db);

    /// <summary>The migrations create the tsvector column and its index; nothing is left to re-assert.</summary>
    public Task PrepareSchemaAsync(TidingsDbContext db, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Autovacuum gets there too, but only after a delay in which a bulk-loaded table is planned as empty.</summary>
    public Task RefreshStatisticsAsync(TidingsDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.ExecuteSqlRawAsync("ANALYZE;", ct);
    }

    public Task RefreshStatisticsOnStartAsync(TidingsDbContext db, CancellationToken ct) => Task.CompletedTask;

    /// <summary>A GIN index has no segments to merge; autovacuum tidies its pending list.</summary>
    public Task OptimizeSearchIndexAsync(TidingsDbContext db, CancellationToken ct) => Task.CompletedTask;

    /// <summary>A committed PostgreSQL transaction is on disk already (synchronous_commit is the server's to set).</summary>
    public async Task SaveDurablyAsync(TidingsDbContext db, Func<Task> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await work();
        await tx.CommitAsync(ct);
    }

    public Task ContinueIdentityAsync(TidingsDbContext db, string table, string column, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        // The names come from the model or the code, never from input.
        var sql = $"""
            SELECT setval(pg_get_serial_sequence('"{table}"', '{column}'), COALESCE((SELECT max("{column}") FROM "{table}"), 0) + 1, false)
            """;
        return db.Database.ExecuteSqlRawAsync(sql, ct);
    }

    /// <summary>Nothing to suspend (the tsvector is generated per row); the ids were explicit, so the sequence moves after.</summary>
    public Task<IAsyncDisposable> BeginArticleBulkLoadAsync(TidingsDbContext db, int firstArticleId, CancellationToken ct) =>
        Task.FromResult<IAsyncDisposable>(new AfterBulkLoad(this, db));

    public IXmlRepository CreateKeyStore(IServiceProvider services, ILoggerFactory loggers) =>
        new EntityFrameworkCoreXmlRepository<TidingsDbContext>(services, loggers);

    private sealed class AfterBulkLoad(PostgresDialect dialect, TidingsDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await dialect.ContinueIdentityAsync(db, "Articles", "Id", CancellationToken.None);
    }
}
