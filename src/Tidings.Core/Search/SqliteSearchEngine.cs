using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Articles;
using Tidings.Core.Data;

namespace Tidings.Core.Search;

/// <summary>
/// SQLite FTS5 search. Ranking is bm25 with the title weighted above the body, times a mild recency factor
/// (×1.25 for today, fading to ×1.0 over weeks), so a fresh story wins a tie but never beats a clearly better match.
/// </summary>
public sealed class SqliteSearchEngine(TidingsDbContext db) : ISearchEngine
{
    // bm25 column weights: Title, Body, Extra (sub-words, source, tags).
    private const string Rank = "bm25(\"ArticleSearch\", 8.0, 1.0, 2.0) * (1.0 + 0.25 / (1.0 + (julianday(@now) - julianday(a.\"PublishedAt\")) / 7.0))";

    // The full-text index must drive every query (CROSS JOIN fixes SQLite's join order): left to the planner, it
    // may walk Articles by date and re-run MATCH for each row, which took seconds per query on 18k articles.
    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Query.IsEmpty)
        {
            return SearchResults.None;
        }

        var where = new StringBuilder("""
            "ArticleSearch" MATCH @match AND a."Status" = @published AND a."PublishedAt" <= @now
            """);
        var f = request.Filters;
        if (f.ChannelId is not null)
        {
            where.Append(" AND a.\"ChannelId\" = @channel");
        }

        if (f.RegionId is not null)
        {
            where.Append(" AND a.\"RegionId\" = @region");
        }

        if (f.SourceId is not null)
        {
            where.Append(" AND a.\"SourceId\" = @source");
        }

        if (f.FromUtc is not null)
        {
            where.Append(" AND a.\"PublishedAt\" >= @from");
        }

        if (f.ToUtc is not null)
        {
            where.Append(" AND a.\"PublishedAt\" < @to");
        }

        var order = request.Sort == SearchSort.Newest ? "a.\"PublishedAt\" DESC, a.\"Id\" DESC" : Rank;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var count = Command(connection, request, $"""
                SELECT count(*) FROM "ArticleSearch" CROSS JOIN "Articles" AS a ON a."Id" = "ArticleSearch".rowid WHERE {where}
                """);
            var total = Convert.ToInt32(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            var skip = (request.Page - 1) * request.PageSize;
            if (total == 0 || skip >= total)
            {
                return new SearchResults([], total);
            }

            await using var select = Command(connection, request, $"""
                SELECT a."Id", a."Slug", a."Title", a."PublishedAt", c."Slug", c."Name", s."Slug", s."Name",
                       highlight("ArticleSearch", 0, char(1), char(2)),
                       snippet("ArticleSearch", 1, char(1), char(2), '…', 40)
                FROM "ArticleSearch"
                CROSS JOIN "Articles" AS a ON a."Id" = "ArticleSearch".rowid
                JOIN "Sources" AS s ON s."Id" = a."SourceId"
                LEFT JOIN "Channels" AS c ON c."Id" = a."ChannelId"
                WHERE {where}
                ORDER BY {order}
                LIMIT @take OFFSET @skip
                """);
            Add(select, "@take", request.PageSize);
            Add(select, "@skip", skip);
            var hits = new List<SearchHit>(request.PageSize);
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                hits.Add(new SearchHit(
                    reader.GetInt32(0),
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.GetString(2),
                    SearchHighlight.ToSafeHtml(reader.GetString(8)),
                    SearchHighlight.ToSafeHtml(reader.IsDBNull(9) ? null : reader.GetString(9)),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.GetString(6),
                    reader.GetString(7),
                    DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc)));
            }

            return new SearchResults(hits, total);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static DbCommand Command(DbConnection connection, SearchRequest request, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "@match", request.Query.ToFts5());
        Add(command, "@published", (int)ArticleStatus.Published);
        Add(command, "@now", request.UtcNow);
        var f = request.Filters;
        Add(command, "@channel", f.ChannelId);
        Add(command, "@region", f.RegionId);
        Add(command, "@source", f.SourceId);
        Add(command, "@from", f.FromUtc);
        Add(command, "@to", f.ToUtc);
        return command;
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
