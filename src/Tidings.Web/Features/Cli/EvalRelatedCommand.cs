using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;
using Tidings.Core.Importing;
using Tidings.Core.Related;
using Tidings.Core.Search;
using Tidings.Core.Topics;
using Tidings.Web.Infrastructure;

namespace Tidings.Web.Features.Cli;

/// <summary>
/// `eval related`: the automatic-channel and related-article protocol, run as an operator runs the product. Half of a
/// labelled corpus (even rows) is imported as the archive, with channels; the channel model is trained on it
/// (`topics train`); the other half (odd rows) is imported without channels, which suggests channels and computes
/// lists as every import does; then every list is rebuilt (`related rebuild`, as the README says to after a bulk load).
/// The lists are read exactly as <c>GET /api/v1/articles/{id}/related</c> reads them (<see cref="Related.RelatedQueries"/>:
/// the stored list, published items only, the first ten), so this figure is the API's; a test keeps the two equal.
/// Reported: channel-suggestion accuracy on the unlabelled half, precision@10 of their lists (an item counts when its
/// true category equals the article's), the share of items that share no key term (taken from the channel), the
/// same precision without the topic signal (pure lexical, computed), and the time to compute one list.
/// </summary>
internal static class EvalRelatedCommand
{
    private const string ExternalPrefix = "eval:";
    private const int Sources = 60;

    public static Command Create(Option<string?> dataDir)
    {
        var corpus = new Option<FileInfo>("--corpus") { Description = "TSV with category and title columns (e.g. the NLPCC headline set) or import JSONL (channel, title).", Required = true };
        var related = new Command("related", "Channel suggestion accuracy and related-list precision@10: half of a labelled corpus as archive, half unlabelled.");
        related.Options.Add(corpus);
        related.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(corpus)!;
            if (!file.Exists)
            {
                Console.Error.WriteLine($"error: corpus not found: {file.FullName}");
                return 2;
            }

            return await EvalCorpus.InDataDirectoryAsync(parse.GetValue(dataDir), directory => RunAsync(file, directory, ct));
        });
        return related;
    }

    private static async Task<int> RunAsync(FileInfo file, string directory, CancellationToken ct)
    {
        using var host = CliHost.Build(directory);
        await host.Services.InitializeDatabaseAsync(allowDemoSeed: false, ct);
        await using var scope = host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<TidingsDbContext>();
        var time = services.GetRequiredService<TimeProvider>();
        var topics = services.GetRequiredService<TopicModels>();
        var options = services.GetRequiredService<RelatedOptions>();

        var rows = EvalCorpus.Read(file).Where(r => !string.IsNullOrEmpty(r.Category)).ToList();
        var clock = Stopwatch.StartNew();
        foreach (var half in new[] { 0, 1 })
        {
            var jsonl = new StringBuilder();
            for (var i = half; i < rows.Count; i += 2)
            {
                jsonl.Append(JsonSerializer.Serialize(new
                {
                    externalId = ExternalPrefix + i.ToString(CultureInfo.InvariantCulture),
                    title = rows[i].Title,
                    body = rows[i].Title,
                    channel = half == 0 ? rows[i].Category : null,
                    // Sources unrelated to the category, so the one-per-source rule bites as it would on a portal.
                    source = "来源" + (i % Sources).ToString("00", CultureInfo.InvariantCulture),
                })).Append('\n');
            }

            var importer = new ArticleImporter(db, services.GetRequiredService<IDatabaseDialect>(), time, services.GetRequiredService<SearchTextBuilder>(), topics, services.GetRequiredService<RelatedArticles>());
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(jsonl.ToString()));
            var imported = await importer.ImportAsync(stream, ct: ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(half == 0 ? "archive (with channels)" : "unlabelled half")}: {imported.Added:N0} articles imported, {imported.Failed:N0} failed, after {clock.Elapsed.TotalSeconds:F1} s"));
            if (half == 0)
            {
                // `topics train`: the import retrains only as the archive grows, so the last batches may be unseen.
                var trained = await topics.TrainAsync(db, ct);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"channel model trained on {trained?.Documents ?? 0:N0} articles, after {clock.Elapsed.TotalSeconds:F1} s"));
            }
        }

        var rebuilt = await services.GetRequiredService<RelatedArticles>().RebuildAsync(null, time.GetUtcNow().UtcDateTime, ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"related rebuild: {rebuilt.Lists:N0} lists, after {clock.Elapsed.TotalSeconds:F1} s"));

        var channels = await db.Channels.ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var articles = await db.Articles.AsNoTracking()
            .Where(a => a.ExternalId != null && a.ExternalId.StartsWith(ExternalPrefix))
            .Select(a => new { a.Id, a.ExternalId, a.SuggestedChannelId, a.SuggestedChannelConfidence, a.ChannelSuggested })
            .ToListAsync(ct);
        var truth = articles.ToDictionary(a => a.Id, a => rows[int.Parse(a.ExternalId![ExternalPrefix.Length..], CultureInfo.InvariantCulture)].Category!);
        var unlabelled = articles.Where(a => int.Parse(a.ExternalId![ExternalPrefix.Length..], CultureInfo.InvariantCulture) % 2 == 1).ToList();

        var correct = unlabelled.Count(a => a.SuggestedChannelId is { } c && channels[c] == truth[a.Id]);
        var assigned = unlabelled.Where(a => a.ChannelSuggested).ToList();
        var assignedCorrect = assigned.Count(a => channels[a.SuggestedChannelId!.Value] == truth[a.Id]);

        // What the API serves: RelatedQueries is the query behind GET /api/v1/articles/{id}/related, ten items.
        var served = new List<(int Id, List<int> Items)>();
        var items = 0;
        var filled = 0;
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var a in unlabelled)
        {
            var stored = await Related.RelatedQueries.StoredAsync(db, a.Id, now, ct);
            var first = (stored?.Items ?? []).Take(Related.RelatedApi.DefaultLimit).ToList();
            items += first.Count;
            filled += first.Count(i => i.Item.ChannelFill);
            served.Add((a.Id, first.Select(i => i.Card.Id).ToList()));
        }

        var withTopics = Precision(served);

        // The same lists without the topic signal, computed (not stored) by a lexical-only engine; timed per list.
        var lexicalOnly = new RelatedArticles(db, services.GetRequiredService<KeyTermExtractor>(), topics, options.WithoutTopics(), services.GetRequiredService<IDatabaseDialect>());
        var model = await topics.CurrentAsync(db, ct);
        var withTopicEngine = services.GetRequiredService<RelatedArticles>();
        var lexicalLists = new List<(int, List<int>)>();
        var latencies = new List<double>();
        foreach (var a in unlabelled)
        {
            lexicalLists.Add((a.Id, (await lexicalOnly.ComputeAsync(a.Id, null, ct)).Select(i => i.Id).ToList()));
            var started = Stopwatch.GetTimestamp();
            await withTopicEngine.ComputeAsync(a.Id, model, ct);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var lexical = Precision(lexicalLists);
        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? 0 : latencies[Math.Min(latencies.Count - 1, (int)(p * latencies.Count))];
        var articleCount = await db.Articles.CountAsync(ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            unlabelled articles: {unlabelled.Count:N0}; topic model: {model?.Documents ?? 0:N0} documents, {model?.Labels.Count ?? 0} channels
            channel suggestion accuracy: {(double)correct / Math.Max(1, unlabelled.Count):F4}
            assigned automatically (confidence >= {topics.Options.AssignAtConfidence:F2}): {assigned.Count:N0} ({(double)assigned.Count / Math.Max(1, unlabelled.Count):P1}), of which correct {(double)assignedCorrect / Math.Max(1, assigned.Count):F4}
            related P@10 with topic signal (as the API serves): {withTopics:F4}
            items with no shared key term (from the article's channel): {(double)filled / Math.Max(1, items):P1}
            related P@10 lexical only: {lexical:F4}
            one list computed in: p50 {Percentile(0.5):F2} ms, p95 {Percentile(0.95):F2} ms ({articleCount:N0} articles)
            """));
        return 0;

        double Precision(IEnumerable<(int Id, List<int> Items)> results)
        {
            var sum = 0.0;
            var n = 0;
            foreach (var (id, items) in results)
            {
                n++;
                sum += items.Take(10).Count(i => truth.TryGetValue(i, out var category) && category == truth[id]) / 10.0;
            }

            return sum / Math.Max(1, n);
        }
    }
}
