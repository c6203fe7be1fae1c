using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Tidings.Core.Data;

/// <summary>A table's rows in the source, and in the target after the copy.</summary>
public sealed record TableCount(string Table, long Source, long Target);

/// <summary>Why a copy was not made; nothing was written to the target then.</summary>
public sealed class DatabaseCopyException(string message) : Exception(message);

/// <summary>
/// Copies a whole site from one database into an empty one (in practice PostgreSQL) with the same schema (the move from the
/// embedded SQLite default to a cluster). Every table of the model, parents before children, rows streamed in key
/// order and written in batches, ids kept (links and slugs carry them), all in one transaction: a failure leaves the
/// target as empty as it was. The counts of every table are compared before the commit, and the identity sequences
/// are moved past the copied ids so new rows do not collide.
/// </summary>
public sealed class DatabaseCopier(TidingsDbContext source, TidingsDbContext target, IDatabaseDialect targetDialect)
{
    public const int BatchSize = 1_000;

    private static readonly MethodInfo CopyTableMethod = typeof(DatabaseCopier).GetMethod(nameof(CopyTableAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    /// <summary>
    /// Tables every start fills or uses on its own: the standard roles (re-created identically; replaced by the
    /// source's), and the PostgreSQL site's data-protection keys (a SQLite site keeps its keys in files; not copied).
    /// Rows in them do not make a target "not empty", so the target may be prepared with the migrate verb, or even
    /// have had a node started on it.
    /// </summary>
    private const string RolesTable = "AspNetRoles";

    private const string KeysTable = "DataProtectionKeys";

    /// <summary>The model's tables to copy, each after every table it references.</summary>
    public IReadOnlyList<IEntityType> Tables()
    {
        var types = target.Model.GetEntityTypes().Where(t => t.GetTableName() is { } name && name != KeysTable && !t.IsOwned()).OrderBy(t => t.GetTableName(), StringComparer.Ordinal).ToList();
        var ordered = new List<IEntityType>(types.Count);
        var placed = new HashSet<IEntityType>();
        while (ordered.Count < types.Count)
        {
            var ready = types.Where(t => !placed.Contains(t) && t.GetForeignKeys().All(fk => fk.PrincipalEntityType == t || placed.Contains(fk.PrincipalEntityType))).ToList();
            if (ready.Count == 0)
            {
                throw new InvalidOperationException("The model's foreign keys form a cycle; the tables cannot be ordered.");
            }

            ordered.AddRange(ready);
            placed.UnionWith(ready);
        }

        return ordered;
    }

    /// <summary>Rows per table in the source, for the progress display.</summary>
    public async Task<IReadOnlyDictionary<string, long>> SourceCountsAsync(CancellationToken ct)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in Tables())
        {
            counts[table.GetTableName()!] = await CountAsync(source, table, ct);
        }

        return counts;
    }

    /// <param name="progress">Table name and rows copied so far, after each batch.</param>
    public async Task<IReadOnlyList<TableCount>> CopyAsync(IProgress<(string Table, long Copied)>? progress, CancellationToken ct)
    {
        var tables = Tables();
        foreach (var table in tables.Where(t => t.GetTableName() != RolesTable))
        {
            if (await CountAsync(target, table, ct) > 0)
            {
                throw new DatabaseCopyException($"The target database is not empty (table {table.GetTableName()} has rows); copy into a new database.");
            }
        }

        target.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await target.Database.BeginTransactionAsync(ct);
        // No account holds these roles yet (the check above found no user-role rows), so they can be replaced.
        await target.Database.ExecuteSqlRawAsync("DELETE FROM \"AspNetRoles\"", ct);

        var counts = new List<TableCount>(tables.Count);
        foreach (var table in tables)
        {
            var name = table.GetTableName()!;
            var copy = (Task<long>)CopyTableMethod.MakeGenericMethod(table.ClrType).Invoke(this, [name, progress, ct])!;
            await copy;
            counts.Add(new TableCount(name, await CountAsync(source, table, ct), await CountAsync(target, table, ct)));
        }

        var wrong = counts.Where(c => c.Source != c.Target).ToList();
        if (wrong.Count > 0)
        {
            throw new DatabaseCopyException("Row counts differ after the copy: "
                + string.Join(", ", wrong.Select(c => $"{c.Table} {c.Source} → {c.Target}")) + ". Nothing was committed.");
        }

        foreach (var table in tables)
        {
            await MoveSequenceAsync(table, ct);
        }

        await transaction.CommitAsync(ct);
        return counts;
    }

    private async Task<long> CopyTableAsync<T>(string name, IProgress<(string Table, long Copied)>? progress, CancellationToken ct)
        where T : class
    {
        var key = target.Model.FindEntityType(typeof(T))!.FindPrimaryKey()!.Properties;
        IQueryable<T> rows = source.Set<T>().AsNoTracking();
        var ordered = rows.OrderBy(r => EF.Property<object>(r, key[0].Name));
        foreach (var property in key.Skip(1))
        {
            ordered = ordered.ThenBy(r => EF.Property<object>(r, property.Name));
        }

        long copied = 0;
        var batch = new List<T>(BatchSize);
        await foreach (var row in ordered.AsAsyncEnumerable().WithCancellation(ct))
        {
            batch.Add(row);
            if (batch.Count == BatchSize)
            {
                copied += await WriteAsync(batch, ct);
                progress?.Report((name, copied));
            }
        }

        copied += await WriteAsync(batch, ct);
        progress?.Report((name, copied));
        return copied;
    }

    private async Task<int> WriteAsync<T>(List<T> batch, CancellationToken ct)
        where T : class
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        target.Set<T>().AddRange(batch);
        await target.SaveChangesAsync(ct);
        target.ChangeTracker.Clear();
        var written = batch.Count;
        batch.Clear();
        return written;
    }

    /// <summary>An identity column's sequence continues after the highest copied id.</summary>
    private async Task MoveSequenceAsync(IEntityType table, CancellationToken ct)
    {
        var key = table.FindPrimaryKey()?.Properties;
        if (key is not [var id] || id.ValueGenerated != ValueGenerated.OnAdd || (id.ClrType != typeof(int) && id.ClrType != typeof(long)))
        {
            return;
        }

        await targetDialect.ContinueIdentityAsync(target, table.GetTableName()!, id.GetColumnName(), ct);
    }

    private static async Task<long> CountAsync(TidingsDbContext db, IEntityType table, CancellationToken ct)
    {
        // The name comes from the model, never from input.
        var sql = "SELECT count(*) AS \"Value\" FROM \"" + table.GetTableName() + "\"";
        return await db.Database.SqlQueryRaw<long>(sql).SingleAsync(ct);
    }
}
