using Tidings.Core.Aggregation;
using Tidings.Core.Scheduling;

namespace Tidings.Web.Features.Partners;

/// <summary>
/// Polls the partner feeds that are due, a few at a time. Any number of nodes may run it: a feed is claimed with a
/// conditional update of its next-poll time (a lease), so two nodes never poll the same feed at once, and a node that
/// dies mid-poll only delays that feed by the lease. One feed's failure is recorded on that feed; the others go on.
/// </summary>
internal sealed partial class FeedPoller(IServiceScopeFactory scopes, AggregationOptions options, TimeProvider time, ILogger<FeedPoller> logger) : BackgroundService
{
    private readonly BackgroundPacer _pacer = new(options.ImportShare, time);

    /// <summary>Feeds looked at per round; the rest wait for the next round (seconds later).</summary>
    private const int FeedsPerRound = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.PollerSeconds), time);
        do
        {
            try
            {
                await PollDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                Log.RoundFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Polls every feed due now that this node can claim; returns what each poll did.</summary>
    public async Task<IReadOnlyList<PollOutcome>> PollDueAsync(CancellationToken ct)
    {
        IReadOnlyList<(int Id, DateTime NextPollAt)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            due = await scope.ServiceProvider.GetRequiredService<PartnerFeeds>().DueAsync(FeedsPerRound, ct);
        }

        var outcomes = new List<PollOutcome>();
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = ct }, async (feed, token) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var feeds = scope.ServiceProvider.GetRequiredService<PartnerFeeds>();
            if (!await feeds.ClaimAsync(feed.Id, feed.NextPollAt, token))
            {
                return;
            }

            try
            {
                if (await feeds.PollClaimedAsync(feed.Id, token, _pacer) is { } outcome)
                {
                    lock (outcomes)
                    {
                        outcomes.Add(outcome);
                    }

                    if (outcome.Failed)
                    {
                        Log.FeedFailed(logger, feed.Id, outcome.Url, outcome.Error!);
                    }
                    else if (outcome.Added + outcome.Updated > 0)
                    {
                        Log.FeedTaken(logger, feed.Id, outcome.Url, outcome.Added, outcome.Updated);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bug or a database hiccup on one feed: logged, and the lease lets another round try again.
                Log.FeedCrashed(logger, e, feed.Id);
            }
        });
        return outcomes;
    }

    public override void Dispose()
    {
        _pacer.Dispose();
        base.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, EventName = "PartnerPollRoundFailed", Level = LogLevel.Warning, Message = "A partner-feed polling round failed; the next round retries.")]
        public static partial void RoundFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 2, EventName = "PartnerFeedFailed", Level = LogLevel.Information, Message = "Partner feed {FeedId} ({Url}) failed: {Error}")]
        public static partial void FeedFailed(ILogger logger, int feedId, string url, string error);

        [LoggerMessage(EventId = 3, EventName = "PartnerFeedTaken", Level = LogLevel.Information, Message = "Partner feed {FeedId} ({Url}): {Added} articles added, {Updated} updated.")]
        public static partial void FeedTaken(ILogger logger, int feedId, string url, int added, int updated);

        [LoggerMessage(EventId = 4, EventName = "PartnerFeedCrashed", Level = LogLevel.Error, Message = "Polling partner feed {FeedId} failed unexpectedly.")]
        public static partial void FeedCrashed(ILogger logger, Exception exception, int feedId);
    }
}
