using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Tidings.Core.Articles;
using Tidings.Core.Data;

namespace Tidings.Core.Search;

/// <summary>
/// PostgreSQL search over a stored tsvector column on ArticleSearchDocs, generated from the segmented text, with a GIN
/// index (the Postgres migration creates both in SQL; EF does not map the column). The word separator becomes a space,
/// so our 'tidings' configuration keeps jieba's words as they are, except that English words are stemmed with Porter
/// like SQLite's tokenizer does (no stop words: the query side drops them); the title weighs A, the extra words B, the body C. The same contract as
/// <see cref="SqliteSearchEngine"/>: the newest <see cref="ISearchEngine.MaxResults"/> matches are the candidates, ranked
/// by ts_rank (title above extra words above body) times the same mild recency factor. Every query word travels as a
/// parameter through phraseto_tsquery, so reader input is never tsquery syntax; marks and snippets come from
/// <see cref="MatchMarker"/>, because ts_headline would re-parse the text by its own word rules.
/// </summary>
public sealed class PostgresSearchEngine(TidingsDbContext db) : ISearchEngine
{
    private const string Recency = "(1.0 + 0.25 / (1.0 + extract(epoch from (@now - \"Published\"))::float8 / 604800.0))";
    private const string Weights = "'{0.1, 0.125, 0.25, 1.0}'";

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var skip = (request.Page - 1) * request.PageSize;
        if (request.Query.IsEmpty || skip >= ISearchEngine.MaxResults)
        {
            return SearchResults.None;
        }

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // Statements are prepared (see DataExtensions), and a prepared statement's generic plan cannot see the words
            // searched for: for a rare word it walked the newest documents one by one (102 ms mean instead of 26 in
            // bench/run-scale-out.sh). Each search is planned for its own words, inside a read-only transaction.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("SET LOCAL plan_cache_mode = force_custom_plan", ct);
            var parameters = new List<(string Name, object? Value)>();
            string P(object? value)
            {
                var name = "@p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
                parameters.Add((name, value));
                return name;
            }

            var tsquery = TsQuery(request.Query, P);
            var matches = new StringBuilder($"""
                FROM "ArticleSearchDocs" AS d JOIN "Articles" AS a ON a."Id" = d."ArticleId"
                WHERE d."Document" @@ ({tsquery}) AND a."Status" = {P((int)ArticleStatus.Published)} AND a."PublishedAt" <= @now AND (a."EmbargoUntil" IS NULL OR a."EmbargoUntil" <= @now)
                """);
            var f = request.Filters;
            if (f.ChannelId is { } channel)
            {
                matches.Append(CultureInfo.InvariantCulture, $" AND a.\"ChannelId\" = {P(channel)}");
            }

            if (f.RegionId is { } region)
            {
                matches.Append(CultureInfo.InvariantCulture, $" AND a.\"RegionId\" = {P(region)}");
            }

            if (f.SourceId is { } source)
            {
                matches.Append(CultureInfo.InvariantCulture, $" AND a.\"SourceId\" = {P(source)}");
            }

            if (f.FromUtc is { } from)
            {
                matches.Append(CultureInfo.InvariantCulture, $" AND a.\"PublishedAt\" >= {P(Utc(from))}");
            }

            if (f.ToUtc is { } to)
            {
                matches.Append(CultureInfo.InvariantCulture, $" AND a.\"PublishedAt\" < {P(Utc(to))}");
            }

            matches.Append(" ORDER BY d.\"ArticleId\" DESC");
            parameters.Add(("@now", Utc(request.UtcNow)));
            parameters.Add(("@cap", ISearchEngine.MaxResults));

            await using var count = Command(connection, transaction.GetDbTransaction(), parameters, $"SELECT count(*) FROM (SELECT 1 {matches} LIMIT @cap + 1) AS m");
            var counted = Convert.ToInt32(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            var total = Math.Min(counted, ISearchEngine.MaxResults);
            if (skip >= total)
            {
                return new SearchResults([], total, counted > total);
            }

            var order = request.Sort == SearchSort.Newest
                ? "\"Published\" DESC, \"Id\" DESC"
                : $"ts_rank({Weights}, \"Document\", ({tsquery}))::float8 * {Recency} DESC, \"Id\" DESC";
            parameters.Add(("@take", request.PageSize));
            parameters.Add(("@skip", skip));
            await using var page = Command(connection, transaction.GetDbTransaction(), parameters, $"""
                WITH candidates AS MATERIALIZED (
                    SELECT a."Id" AS "Id", a."PublishedAt" AS "Published", d."Document" AS "Document"
                    {matches}
                    LIMIT @cap)
                SELECT "Id" FROM candidates ORDER BY {order} LIMIT @take OFFSET @skip
                """);
            var ids = new List<int>(request.PageSize);
            await using (var reader = await page.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    ids.Add(reader.GetInt32(0));
                }
            }

            var rows = await db.Articles.AsNoTracking()
                .Where(a => ids.Contains(a.Id))
                .Select(a => new
                {
                    a.Id,
                    a.Slug,
                    a.Title,
                    a.PublishedAt,
                    ChannelSlug = a.Channel == null ? null : a.Channel.Slug,
                    ChannelName = a.Channel == null ? null : a.Channel.Name,
                    SourceSlug = a.Source!.Slug,
                    SourceName = a.Source.Name,
                    SegmentedTitle = a.SearchText!.Title,
                    SegmentedBody = a.SearchText.Body,
                    a.Language,
                })
                .ToDictionaryAsync(a => a.Id, ct);
            var hits = new List<SearchHit>(ids.Count);
            foreach (var id in ids)
            {
                if (rows.TryGetValue(id, out var a))
                {
                    hits.Add(new SearchHit(
                        a.Id,
                        a.Slug,
                        a.Title,
                        SearchHighlight.ToSafeHtml(MatchMarker.Mark(a.SegmentedTitle, request.Query)),
                        SearchHighlight.ToSafeHtml(MatchMarker.Snippet(a.SegmentedBody, request.Query)),
                        a.ChannelSlug,
                        a.ChannelName,
                        a.SourceSlug,
                        a.SourceName,
                        a.PublishedAt!.Value,
                        a.Language));
                }
            }

            await transaction.CommitAsync(ct);
            return new SearchResults(hits, total, counted > total);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The query as a tsquery expression over parameters: each term a phraseto_tsquery (a one-word phrase is the
    /// word), a long word OR all its dictionary sub-words, exclusions negated. Every operand is parenthesised because
    /// PostgreSQL gives all these operators the same precedence.
    /// </summary>
    private static string TsQuery(SearchQuery query, Func<object?, string> parameter)
    {
        string Phrase(IEnumerable<string> words) => $"phraseto_tsquery('tidings', {parameter(string.Join(' ', words))})";
        string Term(SearchTerm term) => term.Alternatives.Count == 0
            ? Phrase(term.Words)
            : $"({Phrase(term.Words)} || ({string.Join(" && ", term.Alternatives.Select(a => Phrase([a])))}))";

        var parts = query.Required.Select(t => "(" + Term(t) + ")")
            .Concat(query.Excluded.Select(t => "(!! " + Term(t) + ")"));
        return string.Join(" && ", parts);
    }

    private static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, List<(string Name, object? Value)> parameters, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
