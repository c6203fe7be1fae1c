using Tidings.Core.Data;
using Tidings.Core.Related;
using Tidings.Core.Topics;

namespace Tidings.Web.Features.Related;

/// <summary>
/// Keeps related lists fresh and the topic model current without blocking any request: every few seconds it
/// recomputes a bounded number of stale lists (marked when newer articles arrived, from this process, another node or
/// a CLI import), and now and then retrains the topic model when the labelled archive has grown.
/// </summary>
internal sealed partial class RelatedMaintenance(IServiceScopeFactory scopes, TimeProvider time, ILogger<RelatedMaintenance> logger) : BackgroundService
{
    private const int ListsPerRound = 200;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan TrainingInterval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        var nextTraining = time.GetUtcNow();
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
                if (time.GetUtcNow() >= nextTraining)
                {
                    nextTraining = time.GetUtcNow() + TrainingInterval;
                    if (await scope.ServiceProvider.GetRequiredService<TopicModels>().TrainIfGrownAsync(db, stoppingToken) is { } model)
                    {
                        Log.Retrained(logger, model.Documents, model.Labels);
                    }
                }

                var refreshed = await scope.ServiceProvider.GetRequiredService<RelatedArticles>().RefreshStaleAsync(ListsPerRound, time.GetUtcNow().UtcDateTime, stoppingToken);
                if (refreshed > 0)
                {
                    Log.Refreshed(logger, refreshed);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed round (database busy, restarting) must not stop the service; the next round retries.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Log.Failed(logger, e);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Refreshed {Count} stale related lists")]
        public static partial void Refreshed(ILogger logger, int count);

        [LoggerMessage(2, LogLevel.Information, "Retrained the topic model on {Documents} articles ({Labels} channels)")]
        public static partial void Retrained(ILogger logger, int documents, int labels);

        [LoggerMessage(3, LogLevel.Warning, "Related-list maintenance failed; retrying in the next round")]
        public static partial void Failed(ILogger logger, Exception e);
    }
}

internal static class RelatedExtensions
{
    public static IHostApplicationBuilder AddRelatedMaintenance(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<RelatedMaintenance>();
        return builder;
    }
}
