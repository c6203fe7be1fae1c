using Microsoft.EntityFrameworkCore;

namespace Tidings.Core.Search;

/// <summary>
/// PostgreSQL's search index: a stored tsvector column on ArticleSearchDocs, generated from the segmented text, with
/// a GIN index. The word separator becomes a space, so the 'simple' configuration keeps jieba's words as they are
/// (no stemming, no stop words; the query side does the same). Title weighs A, the extra words B, the body C. EF does
/// not map the column; the Postgres migration creates it in SQL, as the SQLite side creates its FTS5 table.
/// </summary>
public static class PostgresSearchSchema
{
    public const string ProviderName = "Npgsql.EntityFrameworkCore.PostgreSQL";

    public static bool IsPostgres(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.ProviderName == ProviderName;
    }
}
