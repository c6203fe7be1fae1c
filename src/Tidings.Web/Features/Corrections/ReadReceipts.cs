using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Tidings.Core.Corrections;
using Tidings.Core.Data;

namespace Tidings.Web.Features.Corrections;

/// <summary>
/// Keeps who opened which article, for 更正提醒: the events pipeline hands over each counted page view of a visitor
/// with an id (<see cref="Add"/>, never waits); this writes them in batches every few seconds and deletes reads past
/// the retention once an hour. A database hiccup loses at most the batch in hand — a missed notice, never a page.
/// </summary>
public sealed partial class ReadReceipts(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<CorrectionOptions> options, ILogger<ReadReceipts> logger) : BackgroundService
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromHours(1);
    private const int QueueCapacity = 100_000;
    private const int BatchSize = 5_000;

    private readonly Channel<ArticleRead> _queue = Channel.CreateBounded<ArticleRead>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly SemaphoreSlim _work = new(1, 1);
    private DateTimeOffset _nextPurge = DateTimeOffset.MinValue;

    /// <summary>Queues a read; false (and dropped) when the writer is far behind.</summary>
    public bool Add(string? visitorId, int articleId, DateTimeOffset at) =>
        CorrectionNotices.VisitorKey(visitorId) is { } visitor
        && _queue.Writer.TryWrite(new ArticleRead { Visitor = visitor, ArticleId = articleId, At = at.UtcDateTime });

    /// <summary>Writes everything queued so far (tests, shutdown).</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        await _work.WaitAsync(ct);
        try
        {
            while (_queue.Reader.Count > 0)
            {
                await WriteBatchAsync(ct);
            }
        }
        finally
        {
            _work.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await DrainAsync(stoppingToken);
                if (time.GetUtcNow() >= _nextPurge)
                {
                    _nextPurge = time.GetUtcNow() + PurgeInterval;
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
                    var purged = await CorrectionNotices.PurgeAsync(db, time.GetUtcNow().UtcDateTime.AddDays(-options.Value.ReadDays), stoppingToken);
                    Log.Purged(logger, purged);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.Failed(logger, e);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await DrainAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.Failed(logger, e);
        }
    }

    public override void Dispose()
    {
        _work.Dispose();
        base.Dispose();
    }

    private async Task WriteBatchAsync(CancellationToken ct)
    {
        var batch = new List<ArticleRead>(Math.Min(BatchSize, _queue.Reader.Count));
        while (batch.Count < BatchSize && _queue.Reader.TryRead(out var read))
        {
            batch.Add(read);
        }

        if (batch.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        await CorrectionNotices.RecordReadsAsync(scope.ServiceProvider.GetRequiredService<TidingsDbContext>(), batch, ct);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2401, EventName = "ReadReceipts.Failed", Level = LogLevel.Warning, Message = "Could not store reads for correction notices; the batch is lost, the next one is tried")]
        public static partial void Failed(ILogger logger, Exception e);

        [LoggerMessage(EventId = 2402, EventName = "ReadReceipts.Purged", Level = LogLevel.Debug, Message = "Deleted {Count} reads past the retention")]
        public static partial void Purged(ILogger logger, int count);
    }
}
