using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;

namespace Tidings.Core.Search;

/// <summary>
/// The SQLite FTS5 index over ArticleSearchDocs (external content) and the triggers that keep it in step with every
/// insert, update and delete of that table, inside the writer's transaction. EF does not model virtual tables or
/// triggers, and a table rebuild in a future migration would drop the triggers, so start-up re-asserts them. The
/// tokenizer stems English words with Porter (Chinese words pass through untouched; see ADR 18); an index built before
/// that is rebuilt at start-up.
/// </summary>
public static class SqliteSearchSchema
{
    public const string Table = "ArticleSearch";

    /// <summary>Idempotent: creates what is missing and leaves the rest alone.</summary>
    public const string CreateSql = """
        CREATE VIRTUAL TABLE IF NOT EXISTS "ArticleSearch" USING fts5(
            "Title", "Body", "Extra",
            content = 'ArticleSearchDocs', content_rowid = 'ArticleId',
            tokenize = 'porter unicode61 remove_diacritics 2');
        CREATE TRIGGER IF NOT EXISTS "ArticleSearchDocs_ai" AFTER INSERT ON "ArticleSearchDocs" BEGIN
            INSERT INTO "ArticleSearch"(rowid, "Title", "Body", "Extra") VALUES (new."ArticleId", new."Title", new."Body", new."Extra");
        END;
        CREATE TRIGGER IF NOT EXISTS "ArticleSearchDocs_ad" AFTER DELETE ON "ArticleSearchDocs" BEGIN
            INSERT INTO "ArticleSearch"("ArticleSearch", rowid, "Title", "Body", "Extra") VALUES ('delete', old."ArticleId", old."Title", old."Body", old."Extra");
        END;
        CREATE TRIGGER IF NOT EXISTS "ArticleSearchDocs_au" AFTER UPDATE ON "ArticleSearchDocs" BEGIN
            INSERT INTO "ArticleSearch"("ArticleSearch", rowid, "Title", "Body", "Extra") VALUES ('delete', old."ArticleId", old."Title", old."Body", old."Extra");
            INSERT INTO "ArticleSearch"(rowid, "Title", "Body", "Extra") VALUES (new."ArticleId", new."Title", new."Body", new."Extra");
        END;
        """;

    /// <summary>
    /// Re-creates the index and triggers when missing or when the index predates the current tokenizer (rebuilding
    /// the index from the docs table then).
    /// </summary>
    public static async Task EnsureAsync(TidingsDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var current = await db.Database.SqlQueryRaw<int>(
            "SELECT count(*) AS \"Value\" FROM sqlite_master WHERE name IN ('ArticleSearchDocs_ai', 'ArticleSearchDocs_ad', 'ArticleSearchDocs_au') OR (name = 'ArticleSearch' AND sql LIKE '%porter unicode61%')")
            .SingleAsync(ct);
        if (current == 4)
        {
            return;
        }

        // An index with another tokenizer cannot be altered; the triggers only name it, so they can stay.
        await db.Database.ExecuteSqlRawAsync("DROP TABLE IF EXISTS \"ArticleSearch\";", ct);
        await db.Database.ExecuteSqlRawAsync(CreateSql, ct);
        await db.Database.ExecuteSqlRawAsync("INSERT INTO \"ArticleSearch\"(\"ArticleSearch\") VALUES ('rebuild');", ct);
    }
}
