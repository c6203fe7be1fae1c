using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Articles;
using Tidings.Core.Data;

namespace Tidings.Core.Search;

/// <summary>
/// SQLite FTS5 search. Matches are read newest first (FTS5 walks rowids backwards natively; ids follow publishing
/// order), filtered against Articles in the same pass, and cut at <see cref="ISearchEngine.MaxResults"/>; only those
/// candidates are ranked: bm25 with the title weighted above the body, times a mild recency factor (×1.25 for today,
/// fading over weeks), so a fresh story wins a tie but never beats a clearly better match. Work per query is bounded
/// by the cap, not by how common the words are.
/// </summary>
public sealed class SqliteSearchEngine(TidingsDbContext db) : ISearchEngine
{
    private const string Recency = "(1.0 + 0.25 / (1.0 + (julianday(@now) - julianday(\"Published\")) / 7.0))";

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var skip = (request.Page - 1) * request.PageSize;
        if (request.Query.IsEmpty || skip >= ISearchEngine.MaxResults)
        {
            return SearchResults.None;
        }

        // The FTS table drives the join (CROSS JOIN fixes SQLite's join order): left to the planner, it may walk
        // Articles by date and re-run MATCH for every row, which took seconds per query on 18k articles.
        var matches = new StringBuilder("""
            FROM "ArticleSearch" CROSS JOIN "Articles" AS a ON a."Id" = "ArticleSearch".rowid
            WHERE "ArticleSearch" MATCH @match AND a."Status" = @published AND a."PublishedAt" <= @now AND (a."EmbargoUntil" IS NULL OR a."EmbargoUntil" <= @now)
            """);
        var f = request.Filters;
        if (f.ChannelId is not null)
        {
            matches.Append(" AND a.\"ChannelId\" = @channel");
        }

        if (f.RegionId is not null)
        {
            matches.Append(" AND a.\"RegionId\" = @region");
        }

        if (f.SourceId is not null)
        {
            matches.Append(" AND a.\"SourceId\" = @source");
        }

        if (f.FromUtc is not null)
        {
            matches.Append(" AND a.\"PublishedAt\" >= @from");
        }

        if (f.ToUtc is not null)
        {
            matches.Append(" AND a.\"PublishedAt\" < @to");
        }

        matches.Append(" ORDER BY \"ArticleSearch\".rowid DESC");
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var count = Command(connection, request, $"SELECT count(*) FROM (SELECT 1 {matches} LIMIT @cap + 1)");
            var counted = Convert.ToInt32(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            var total = Math.Min(counted, ISearchEngine.MaxResults);
            if (skip >= total)
            {
                return new SearchResults([], total, counted > total);
            }

            var order = request.Sort == SearchSort.Newest ? "\"Published\" DESC, \"Id\" DESC" : $"\"Score\" * {Recency}";
            await using var page = Command(connection, request, $"""
                WITH candidates AS MATERIALIZED (
                    SELECT a."Id" AS "Id", a."PublishedAt" AS "Published", bm25("ArticleSearch", 8.0, 1.0, 2.0) AS "Score"
                    {matches}
                    LIMIT @cap)
                SELECT "Id" FROM candidates ORDER BY {order} LIMIT @take OFFSET @skip
                """);
            Add(page, "@take", request.PageSize);
            Add(page, "@skip", skip);
            var ids = new List<int>(request.PageSize);
            await using (var reader = await page.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    ids.Add(reader.GetInt32(0));
                }
            }

            // Highlights and snippets cost real work per row, so only the rows on this page get them.
            await using var detail = Command(connection, request, """
                SELECT a."Id", a."Slug", a."Title", a."PublishedAt", c."Slug", c."Name", s."Slug", s."Name",
                       highlight("ArticleSearch", 0, char(1), char(2)),
                       snippet("ArticleSearch", 1, char(1), char(2), '…', 40), a."Language"
                FROM "ArticleSearch"
                CROSS JOIN "Articles" AS a ON a."Id" = "ArticleSearch".rowid
                JOIN "Sources" AS s ON s."Id" = a."SourceId"
                LEFT JOIN "Channels" AS c ON c."Id" = a."ChannelId"
                WHERE "ArticleSearch" MATCH @match AND "ArticleSearch".rowid = @id
                """);
            var id = detail.CreateParameter();
            id.ParameterName = "@id";
            detail.Parameters.Add(id);
            var hits = new List<SearchHit>(ids.Count);
            foreach (var articleId in ids)
            {
                id.Value = articleId;
                await using var reader = await detail.ExecuteReaderAsync(ct);
                if (await reader.ReadAsync(ct))
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
                        DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc),
                        reader.GetString(10)));
                }
            }

            return new SearchResults(hits, total, counted > total);
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
        Add(command, "@cap", ISearchEngine.MaxResults);
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
