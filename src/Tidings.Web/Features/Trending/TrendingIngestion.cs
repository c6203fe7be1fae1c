using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Articles;
using Tidings.Core.Data;
using Tidings.Core.Trending;

namespace Tidings.Web.Features.Trending;

/// <summary>
/// The counting side of 热点: requests enqueue reader signals and return at once; one consumer looks up each article's
/// channel and region and hands the signals to the <see cref="ITrendingStore"/> (which weighs and counts them), and
/// flushes it every <see cref="FlushInterval"/>. When the store cannot be reached (Redis restarting), signals wait in
/// memory to be counted when it returns. What pages show is <see cref="TrendingLists"/>.
/// </summary>
public sealed partial class TrendingIngestion(
    IServiceScopeFactory scopes, TimeProvider time, BotFilter bots, ITrendingStore store, TrendingLists lists, Corrections.ReadReceipts reads, ILogger<TrendingIngestion> logger) : BackgroundService
{
    /// <summary>The bot list, read when the service is built at start-up, so a broken data/bots.txt stops the start.</summary>
    public BotFilter Bots => bots;

    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);
    private const int QueueCapacity = 100_000;
    private const int BatchSize = 5_000;

    private readonly Channel<ReaderEvent> _queue = Channel.CreateBounded<ReaderEvent>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly SemaphoreSlim _work = new(1, 1);
    private readonly Dictionary<int, Section?> _sections = [];
    private readonly List<SectionedEvent> _unrecorded = [];
    private readonly TaskCompletionSource _restored = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _dropped;
    private DateTimeOffset _sectionsLoadedAt = DateTimeOffset.MinValue;
    private static readonly TimeSpan SectionsTtl = TimeSpan.FromMinutes(5);

    /// <summary>Signals refused because the queue was full (the consumer cannot keep up).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Signals waiting to be applied.</summary>
    public int Pending => _queue.Reader.Count + _unrecorded.Count;

    private DateTimeOffset _caughtUpAt = DateTimeOffset.MinValue;

    /// <summary>Zero while every signal is counted; else the time since the store last took everything that waited.</summary>
    public TimeSpan Staleness => Pending == 0 || _caughtUpAt == DateTimeOffset.MinValue ? TimeSpan.Zero : time.GetUtcNow() - _caughtUpAt;

    /// <summary>Queues a signal; never waits. False when the queue is full and the signal is dropped.</summary>
    public bool TryEnqueue(ReaderEvent e)
    {
        if (_queue.Writer.TryWrite(e))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Completes once the snapshot has been loaded (tests and health checks wait on it).</summary>
    public Task Restored => _restored.Task;

    /// <summary>Applies everything queued so far, writes the snapshot and recomputes lists on next use (tests, shutdown).</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        await Restored.WaitAsync(ct);
        await _work.WaitAsync(ct);
        try
        {
            while (_queue.Reader.Count > 0)
            {
                await ApplyQueuedAsync(ct);
            }

            await RecordUnrecordedAsync(ct);
            await FlushAsync(ct);
            // Lists computed before the drain do not count what it applied; whoever drained wants the new ones.
            await lists.RefreshAsync(ct);
        }
        finally
        {
            _work.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RestoreAsync(stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // Counting starts anyway; the store restores before its first save (see its FlushAsync).
            Log.Failed(logger, e);
        }
        finally
        {
            _restored.TrySetResult();
        }

        var nextFlush = time.GetUtcNow() + FlushInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var wait = nextFlush - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    timeout.CancelAfter(wait);
                    try
                    {
                        await _queue.Reader.WaitToReadAsync(timeout.Token);
                    }
                    catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                    {
                        // The flush is due.
                    }
                }

                await _work.WaitAsync(stoppingToken);
                try
                {
                    await ApplyQueuedAsync(stoppingToken);

                    if (time.GetUtcNow() >= nextFlush)
                    {
                        await FlushAsync(stoppingToken);
                        nextFlush = time.GetUtcNow() + FlushInterval;
                    }
                }
                finally
                {
                    _work.Release();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // A failed round (database busy or restarting) must not stop counting; the next round retries.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Log.Failed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(1), time, CancellationToken.None);
            }
        }
    }

    public override void Dispose()
    {
        _work.Dispose();
        base.Dispose();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await DrainAsync(cancellationToken);
        }
#pragma warning disable CA1031 // Shutting down: losing the last interval is the documented worst case, not a crash.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.Failed(logger, e);
        }
    }

    private async Task ApplyQueuedAsync(CancellationToken ct)
    {
        var batch = new List<ReaderEvent>(BatchSize);
        while (batch.Count < BatchSize && _queue.Reader.TryRead(out var e))
        {
            batch.Add(e);
        }

        if (batch.Count == 0)
        {
            // Signals left over from a round the store missed are retried even when no new ones come.
            await RecordUnrecordedAsync(ct);
            return;
        }

        // Which channel and region each article belongs to (and whether it is a published article at all), re-read
        // every few minutes so publishing, unpublishing and channel changes reach the lists.
        if (time.GetUtcNow() - _sectionsLoadedAt > SectionsTtl)
        {
            _sections.Clear();
            _sectionsLoadedAt = time.GetUtcNow();
        }

        var unknown = batch.Select(e => e.ArticleId).Where(id => !_sections.ContainsKey(id)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
            var found = await db.Articles.AsNoTracking()
                .Where(a => unknown.Contains(a.Id))
                .Select(a => new { a.Id, a.Status, a.ChannelId, a.RegionId })
                .ToDictionaryAsync(a => a.Id, ct);
            foreach (var id in unknown)
            {
                _sections[id] = found.TryGetValue(id, out var a) && a.Status == ArticleStatus.Published ? new Section(a.ChannelId, a.RegionId) : null;
            }
        }

        foreach (var e in batch)
        {
            if (_sections[e.ArticleId] is { } section)
            {
                _unrecorded.Add(new SectionedEvent(e, section.ChannelId, section.RegionId));
                // 更正提醒 needs who opened which published article; the same view, not a second signal.
                if (e.Signal == ReaderSignal.View)
                {
                    reads.Add(e.Visitor, e.ArticleId, e.At);
                }
            }
        }

        await RecordUnrecordedAsync(ct);
    }

    /// <summary>
    /// Hands waiting signals to the store. If it fails they stay (oldest dropped beyond the queue's capacity) and go
    /// with the next round; a batch the store did apply before the failure was reported counts only once, because
    /// the gate refuses repeats.
    /// </summary>
    private async Task RecordUnrecordedAsync(CancellationToken ct)
    {
        if (_unrecorded.Count == 0)
        {
            _caughtUpAt = time.GetUtcNow();
            return;
        }

        try
        {
            await store.RecordAsync(_unrecorded, ct);
            _unrecorded.Clear();
            _caughtUpAt = time.GetUtcNow();
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (_unrecorded.Count > QueueCapacity)
            {
                var excess = _unrecorded.Count - QueueCapacity;
                _unrecorded.RemoveRange(0, excess);
                Interlocked.Add(ref _dropped, excess);
            }

            throw;
        }
    }

    private async Task RestoreAsync(CancellationToken ct)
    {
        await store.RestoreAsync(ct);
        Log.Restored(logger);
    }

    private Task FlushAsync(CancellationToken ct) => store.FlushAsync(ct);

    private sealed record Section(int? ChannelId, int? RegionId);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1101, EventName = "TrendingIngestion.Restored", Level = LogLevel.Information, Message = "Trending counts restored")]
        public static partial void Restored(ILogger logger);

        [LoggerMessage(EventId = 1102, EventName = "TrendingIngestion.Failed", Level = LogLevel.Warning, Message = "Trending: applying or saving reader signals failed; retrying")]
        public static partial void Failed(ILogger logger, Exception e);

    }
}
