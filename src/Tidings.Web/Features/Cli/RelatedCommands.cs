using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;
using Tidings.Core.Related;
using Tidings.Core.Topics;
using Tidings.Web.Infrastructure;

namespace Tidings.Web.Features.Cli;

/// <summary>`topics train` and `related rebuild`.</summary>
internal static class RelatedCommands
{
    public static Command Topics(Option<string?> dataDir)
    {
        var train = new Command("train", "Train the topic model on every article with a given channel and store it.");
        train.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse.GetValue(dataDir));
            await host.Services.InitializeDatabaseAsync(allowDemoSeed: false, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var clock = Stopwatch.StartNew();
            var topics = scope.ServiceProvider.GetRequiredService<TopicModels>();
            var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
            var model = await topics.TrainAsync(db, ct);
            if (model is null)
            {
                Console.Error.WriteLine("error: too few articles with a channel to train on (at least two channels and Tidings:Topics:MinimumDocuments articles).");
                return 1;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Trained on {model.Documents:N0} articles ({model.Labels} channels, {model.Vocabulary:N0} features, {model.Data.Length / 1_048_576.0:F1} MB) in {clock.Elapsed.TotalSeconds:F1} s."));

            // Articles without a given channel get the new model's suggestion; a changed one makes their list stale.
            clock.Restart();
            var changed = 0;
            SuggestionRevision round;
            do
            {
                round = await topics.ReviseAsync(db, 2_000, ct);
                changed += round.Changed.Count;
            }
            while (!round.Done);

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Suggestions revised in {clock.Elapsed.TotalSeconds:F1} s: {changed:N0} changed; their 相关推荐 lists are marked stale (the running site refreshes them, or run related rebuild)."));
            return 0;
        });
        var topics = new Command("topics", "The topic model behind automatic channels and related articles.");
        topics.Subcommands.Add(train);
        return topics;
    }

    public static Command Related(Option<string?> dataDir, Func<string, double, Func<Action<double>, Task<int>>, Task<int>> withProgress)
    {
        var rebuild = new Command("rebuild", "Rebuild the key-term index and every 相关推荐 list (after a bulk load or a settings change).");
        rebuild.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse.GetValue(dataDir));
            await host.Services.InitializeDatabaseAsync(allowDemoSeed: false, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
            var related = scope.ServiceProvider.GetRequiredService<RelatedArticles>();
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var clock = Stopwatch.StartNew();
            var total = await db.SearchTexts.CountAsync(ct);
            RebuildSummary summary = null!;
            await withProgress("Related lists", total, async progress =>
            {
                summary = await related.RebuildAsync(new Progress<int>(n => progress(n)), now, ct);
                return summary.Lists;
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                Rebuilt {summary.Lists:N0} related lists in {clock.Elapsed.TotalSeconds:F1} s ({summary.Lists / Math.Max(clock.Elapsed.TotalSeconds, 0.001):N0} lists/s): key terms {summary.KeyTermSeconds:F1} s, lists {summary.ListSeconds:F1} s.
                One list computed in p50 {summary.P50Ms:F2} ms, p95 {summary.P95Ms:F2} ms, p99 {summary.P99Ms:F2} ms.
                """));
            return 0;
        });
        var related = new Command("related", "相关推荐: the stored related-article lists.");
        related.Subcommands.Add(rebuild);
        return related;
    }
}
