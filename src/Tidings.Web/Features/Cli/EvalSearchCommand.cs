using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;
using Tidings.Core.Demo;
using Tidings.Core.Importing;
using Tidings.Core.Search;
using Tidings.Core.Text;
using Tidings.Web.Infrastructure;

namespace Tidings.Web.Features.Cli;

/// <summary>
/// `eval search`: a re-runnable known-item evaluation. It imports a labelled corpus (TSV with a title column, e.g.
/// the NLPCC headline set, or import JSONL), then for each document queries 2–3 of its words (stop words skipped)
/// and reports hit@10, MRR and per-query latency.
/// </summary>
internal static class EvalSearchCommand
{
    private const string ExternalPrefix = "eval:";

    public static Command Create(Option<string?> dataDir)
    {
        var corpus = new Option<FileInfo>("--corpus") { Description = "TSV with a header (title, optional category and segmented columns) or import JSONL.", Required = true };
        var synthetic = new Option<int>("--synthetic") { Description = "Also load N synthetic articles first, to measure at scale.", DefaultValueFactory = _ => 0 };
        var limit = new Option<int>("--limit") { Description = "Evaluate at most N queries (0: all).", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--random-seed") { Description = "Seed for picking query words.", DefaultValueFactory = _ => 20261124 };
        var search = new Command("search", "Known-item search evaluation: hit@10, MRR and latency on a labelled corpus.");
        search.Options.Add(corpus);
        search.Options.Add(synthetic);
        search.Options.Add(limit);
        search.Options.Add(seed);
        search.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(corpus)!;
            if (!file.Exists)
            {
                Console.Error.WriteLine($"error: corpus not found: {file.FullName}");
                return 2;
            }

            return await EvalCorpus.InDataDirectoryAsync(
                parse.GetValue(dataDir),
                directory => RunAsync(file, directory, parse.GetValue(synthetic), parse.GetValue(limit), parse.GetValue(seed), ct));
        });

        return search;
    }

    private static async Task<int> RunAsync(FileInfo file, string directory, int synthetic, int limit, int randomSeed, CancellationToken ct)
    {
        using var host = CliHost.Build(directory);
        await host.Services.InitializeDatabaseAsync(allowDemoSeed: false, ct);
        await using var scope = host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<TidingsDbContext>();
        var time = services.GetRequiredService<TimeProvider>();
        var builder = services.GetRequiredService<SearchTextBuilder>();
        var segmenter = builder.Segmenter;

        if (synthetic > 0)
        {
            var seeded = await new SyntheticSeeder(db, services.GetRequiredService<IDatabaseDialect>(), time, builder).SeedAsync(synthetic, ct: ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"synthetic articles: {seeded.Added:N0}"));
        }

        var rows = EvalCorpus.Read(file);
        var jsonl = new StringBuilder();
        for (var i = 0; i < rows.Count; i++)
        {
            jsonl.Append(JsonSerializer.Serialize(new
            {
                externalId = ExternalPrefix + i.ToString(CultureInfo.InvariantCulture),
                title = rows[i].Title,
                body = rows[i].Title,
                channel = rows[i].Category,
                source = "评测语料",
            })).Append('\n');
        }

        var importer = new ArticleImporter(db, services.GetRequiredService<IDatabaseDialect>(), time, builder);
        using (var stream = new MemoryStream(Encoding.UTF8.GetBytes(jsonl.ToString())))
        {
            var imported = await importer.ImportAsync(stream, ct: ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"corpus: {imported.Lines:N0} documents ({imported.Added:N0} added, {imported.Failed:N0} failed)"));
        }

        var ids = await db.Articles.AsNoTracking()
            .Where(a => a.ExternalId != null && a.ExternalId.StartsWith(ExternalPrefix))
            .Select(a => new { a.Id, a.ExternalId })
            .ToDictionaryAsync(a => int.Parse(a.ExternalId![ExternalPrefix.Length..], CultureInfo.InvariantCulture), a => a.Id, ct);
        var total = await db.Articles.CountAsync(ct);

        var random = new Random(randomSeed);
        var queries = new List<KnownItemQuery>();
        for (var i = 0; i < rows.Count && (limit == 0 || queries.Count < limit); i++)
        {
            var words = (rows[i].Segmented?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? segmenter.Words(rows[i].Title))
                .Where(w => ChineseSegmenter.IsWord(w) && w.Length >= 2 && !segmenter.IsStopWord(w.ToLowerInvariant()))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (words.Count < 2 || !ids.TryGetValue(i, out var articleId))
            {
                continue;
            }

            var take = words.Count >= 3 ? 3 : 2;
            var picked = words.OrderBy(_ => random.Next()).Take(take);
            queries.Add(new KnownItemQuery(articleId, string.Join(' ', picked)));
        }

        var engine = services.GetRequiredService<ISearchEngine>();
        var report = await KnownItemEvaluation.RunAsync(queries, async (text, token) =>
        {
            if (!SearchQuery.TryParse(text, segmenter, out var query, out _) || query.IsEmpty)
            {
                return null;
            }

            var results = await engine.SearchAsync(new SearchRequest(query, new SearchFilters(), SearchSort.Relevance, 1, 10, time.GetUtcNow().UtcDateTime), token);
            return results.Items.Select(h => h.Id).ToList();
        }, ct: ct);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            articles in the index: {total:N0}
            queries: {report.Queries:N0} (2-3 words of one document each, stop words skipped)
            hit@10: {report.HitAt10:F4} ({report.Hits:N0} found in the top 10)
            MRR: {report.Mrr:F4}
            latency per query: p50 {report.P50Ms:F2} ms, p95 {report.P95Ms:F2} ms, p99 {report.P99Ms:F2} ms
            """));
        var titles = ids.ToDictionary(p => p.Value, p => rows[p.Key].Title);
        foreach (var miss in report.Misses.Take(10))
        {
            Console.WriteLine($"  miss: [{miss.Query}] → {titles.GetValueOrDefault(miss.ArticleId)}");
        }

        return 0;
    }
}
