using System.Diagnostics;
using Tidings.Core.Data;
using Tidings.Core.Related;
using Tidings.Core.Scheduling;
using Tidings.Core.Topics;

using Tidings.Web.Features.Articles;

using Tidings.Web.Infrastructure;

namespace Tidings.Web.Features.Related;

/// <summary>
/// Keeps related lists fresh and the topic model current without blocking any request or start-up: it gives lists to
/// articles that have none (bulk loads, the demo seed), recomputes stale ones (marked when newer articles arrived,
/// from this process, another node or a CLI import), and now and then retrains the topic model when the labelled
/// archive has grown. Work goes in bounded rounds; a round that fails is retried by the next.
/// </summary>
internal sealed partial class RelatedMaintenance(IServiceScopeFactory scopes, TimeProvider time, RelatedOptions options, ILogger<RelatedMaintenance> logger) : BackgroundService
{
    private const int ListsPerRound = 200;
    private const int KeyTermsPerRound = 2000;
    private const int SuggestionsPerRound = 1000;
    private const int FingerprintsPerRound = 500;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan TrainingInterval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextTraining = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            var started = Stopwatch.GetTimestamp();
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
                // 突发新闻模式: the database's time goes to readers; the backlog waits (a new article still gets its
                // list when it is published).
                if (scope.ServiceProvider.GetService<Spike.SpikeSwitch>() is { IsActive: true })
                {
                    await Task.Delay(Interval, time, stoppingToken);
                    continue;
                }

                if (time.GetUtcNow() >= nextTraining)
                {
                    nextTraining = time.GetUtcNow() + TrainingInterval;
                    if (await scope.ServiceProvider.GetRequiredService<TopicModels>().TrainIfGrownAsync(db, stoppingToken) is { } model)
                    {
                        Log.Retrained(logger, model.Documents, model.Labels);
                    }
                }

                // A new model (trained here, by another node or the CLI) may suggest other channels: revise them in
                // bounded rounds; the lists of those that changed go stale and are refreshed below.
                var revision = await scope.ServiceProvider.GetRequiredService<TopicModels>().ReviseAsync(db, SuggestionsPerRound, stoppingToken);
                if (revision.Changed.Count > 0)
                {
                    await scope.ServiceProvider.GetRequiredService<ArticlePageCache>().ChangedAsync(revision.Changed, stoppingToken);
                }

                var related = scope.ServiceProvider.GetRequiredService<RelatedArticles>();
                var now = time.GetUtcNow().UtcDateTime;
                var indexed = await related.IndexMissingAsync(KeyTermsPerRound, stoppingToken);
                var refreshedIds = indexed > 0 ? [] : await related.RefreshStaleAsync(ListsPerRound, now, stoppingToken);
                var refreshed = refreshedIds.Count;
                if (refreshed > 0)
                {
                    // Their pages show the lists: dropped here and on every node, the rest of the site untouched.
                    await scope.ServiceProvider.GetRequiredService<ArticlePageCache>().ChangedAsync(refreshedIds, stoppingToken);
                }

                // 原创保护: the shingle index follows every change, and newly published articles are compared with
                // earlier 原创 ones of other accounts.
                var fingerprinted = await scope.ServiceProvider.GetRequiredService<Core.Creators.Originality>().IndexChangedAsync(FingerprintsPerRound, now, stoppingToken);
                busy = indexed + refreshed + fingerprinted > 0 || !revision.Done;
                if (busy)
                {
                    Log.Worked(logger, indexed, refreshed);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed round (database busy, another node wrote the same list) must not stop the service; the next round retries.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Log.Failed(logger, e);
            }

            // A backlog (bulk import, demo seed, a first poll of partner feeds) is worked through round after round,
            // within its share of the time; otherwise poll gently.
            var pause = busy ? BackgroundPacer.PauseAfter(Stopwatch.GetElapsedTime(started), options.BackgroundShare) : Interval;
            if (pause > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(pause, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 801, EventName = "RelatedMaintenance.Worked", Level = LogLevel.Debug, Message = "Related lists: {Indexed} new, {Refreshed} stale refreshed")]
        public static partial void Worked(ILogger logger, int indexed, int refreshed);

        [LoggerMessage(EventId = 802, EventName = "RelatedMaintenance.Retrained", Level = LogLevel.Information, Message = "Retrained the topic model on {Documents} articles ({Labels} channels)")]
        public static partial void Retrained(ILogger logger, int documents, int labels);

        [LoggerMessage(EventId = 803, EventName = "RelatedMaintenance.Failed", Level = LogLevel.Warning, Message = "Related-list maintenance failed; retrying in the next round")]
        public static partial void Failed(ILogger logger, Exception e);
    }
}

internal static class RelatedExtensions
{
    /// <summary>
    /// Runs the maintenance unless <c>Tidings:Related:BackgroundMaintenance</c> is false: a node that only serves
    /// readers can leave the work to one other node, or to the <c>topics train</c> and <c>related rebuild</c> verbs.
    /// </summary>
    public static IHostApplicationBuilder AddRelatedMaintenance(this IHostApplicationBuilder builder)
    {
        builder.DeclareSetting<bool>("Tidings:Related:BackgroundMaintenance");
        if (builder.Configuration.GetValue("Tidings:Related:BackgroundMaintenance", defaultValue: true))
        {
            builder.Services.AddHostedService<RelatedMaintenance>();
        }

        return builder;
    }
}
