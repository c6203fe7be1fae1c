using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Articles;
using Tidings.Core.Data;
using Tidings.Core.Trending;

namespace Tidings.Web.Features.Trending;

/// <summary>
/// The trending pipeline: requests enqueue reader signals and return at once; one consumer looks up each article's
/// channel and region and hands the signals to the <see cref="ITrendingStore"/> (which weighs and counts them), and
/// flushes it every <see cref="FlushInterval"/>. Lists are taken from the store at most every <see cref="ListTtl"/>,
/// with editors' pins and suppressions applied, and served from memory. When the store cannot be reached (Redis
/// restarting), pages keep the last list they had and signals wait in memory to be counted when it returns.
/// </summary>
public sealed partial class TrendingService(
    IServiceScopeFactory scopes, TimeProvider time, BotFilter bots, ITrendingStore store, ILogger<TrendingService> logger, Spike.SpikeSwitch? spike = null) : BackgroundService
{
    /// <summary>The bot list, read when the service is built at start-up, so a broken data/bots.txt stops the start.</summary>
    public BotFilter Bots => bots;

    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan ListTtl = TimeSpan.FromSeconds(2);
    private const int QueueCapacity = 100_000;
    private const int BatchSize = 5_000;

    private readonly Channel<ReaderEvent> _queue = Channel.CreateBounded<ReaderEvent>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly SemaphoreSlim _work = new(1, 1);
    private readonly Dictionary<int, Section?> _sections = [];
    private readonly ConcurrentDictionary<(TrendingScope, TrendingWindow), (DateTimeOffset At, IReadOnlyList<TrendingEntry> Items)> _lists = new();
    private readonly ConcurrentDictionary<(TrendingScope, TrendingWindow), Task<IReadOnlyList<TrendingEntry>>> _computing = new();
    private readonly List<SectionedEvent> _unrecorded = [];
    private DateTimeOffset _storeFailedLoggedAt = DateTimeOffset.MinValue;
    private readonly TaskCompletionSource _restored = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _dropped;
    private List<TrendingOverride> _overrides = [];
    private DateTimeOffset _overridesLoadedAt = DateTimeOffset.MinValue;
    private static readonly TimeSpan OverridesTtl = TimeSpan.FromSeconds(10);
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

    /// <summary>
    /// The best articles of a scope and window, from memory, recomputed at most every <see cref="ListTtl"/> by one
    /// request while the others wait for the same result.
    /// </summary>
    public async Task<IReadOnlyList<TrendingEntry>> TopAsync(TrendingScope scope, TrendingWindow window, int limit, CancellationToken ct)
    {
        var key = (scope, window);
        IReadOnlyList<TrendingEntry> items;
        if (_lists.TryGetValue(key, out var cached) && time.GetUtcNow() - cached.At < ListLifetime)
        {
            items = cached.Items;
        }
        else
        {
            var computing = _computing.GetOrAdd(key, ComputeAsync);
            try
            {
                items = await computing.WaitAsync(ct);
            }
            finally
            {
                _computing.TryRemove(KeyValuePair.Create(key, computing));
            }
        }

        return limit >= items.Count ? items : items.Take(limit).ToList();
    }

    /// <summary>Spike mode recomputes lists less often: the store's work stays flat however many pages ask.</summary>
    private TimeSpan ListLifetime => spike is { IsActive: true } s ? TimeSpan.FromSeconds(Math.Max(ListTtl.TotalSeconds, s.Options.TrendingListSeconds)) : ListTtl;

    private async Task<IReadOnlyList<TrendingEntry>> ComputeAsync((TrendingScope Scope, TrendingWindow Window) key)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<TrendingEntry> items;
        try
        {
            items = TrendingOverride.Apply(await store.TopAsync(key.Scope, key.Window, MaxListLength, now, CancellationToken.None), _overrides, key.Scope, now.UtcDateTime);
        }
#pragma warning disable CA1031 // The store is away (Redis restarting): the last known list is the documented fallback.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogStoreFailure(e);
            items = _lists.TryGetValue(key, out var last) ? last.Items : TrendingOverride.Apply([], _overrides, key.Scope, now.UtcDateTime);
        }

        // A failed attempt is remembered for ListTtl too, so a store that is down is asked every couple of seconds per
        // list, not on every request.
        _lists[key] = (now, items);
        return items;
    }

    private void LogStoreFailure(Exception e)
    {
        var now = time.GetUtcNow();
        if (now - _storeFailedLoggedAt >= TimeSpan.FromSeconds(30))
        {
            _storeFailedLoggedAt = now;
            Log.StoreUnavailable(logger, e);
        }
    }

    private readonly ConditionalWeakTable<IReadOnlyList<TrendingEntry>, IReadOnlyList<(Articles.ArticleCard Card, double Score)>> _cards = [];

    /// <summary>Cards already looked up for exactly this computed list (the same instance <see cref="TopAsync"/> served).</summary>
    public IReadOnlyList<(Articles.ArticleCard Card, double Score)>? CachedCards(IReadOnlyList<TrendingEntry> list) =>
        _cards.TryGetValue(list, out var cards) ? cards : null;

    public void CacheCards(IReadOnlyList<TrendingEntry> list, IReadOnlyList<(Articles.ArticleCard Card, double Score)> cards) =>
        _cards.AddOrUpdate(list, cards);

    /// <summary>Lists are computed this long; pages and the API take a prefix.</summary>
    public const int MaxListLength = 50;

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
            await LoadOverridesAsync(ct);
            // Lists computed before the drain do not count what it applied; whoever drained wants the new ones.
            _lists.Clear();
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
                    if (time.GetUtcNow() - _overridesLoadedAt >= OverridesTtl)
                    {
                        await LoadOverridesAsync(stoppingToken);
                    }

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

    /// <summary>Editors' pins and suppressions (set by the API, the CLI or another node) reach the lists within 10 s.</summary>
    internal async Task LoadOverridesAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var overrides = await db.TrendingOverrides.AsNoTracking().Where(o => o.ExpiresAt == null || o.ExpiresAt > now).OrderBy(o => o.Id).ToListAsync(ct);
        _overridesLoadedAt = time.GetUtcNow();
        var changed = overrides.Count != _overrides.Count
            || overrides.Zip(_overrides).Any(p => p.First.Id != p.Second.Id || p.First.Position != p.Second.Position || p.First.Pinned != p.Second.Pinned || p.First.ExpiresAt != p.Second.ExpiresAt);
        _overrides = overrides;
        if (changed)
        {
            _lists.Clear();
        }
    }

    private async Task RestoreAsync(CancellationToken ct)
    {
        await store.RestoreAsync(ct);
        Log.Restored(logger);
        await LoadOverridesAsync(ct);
    }

    private Task FlushAsync(CancellationToken ct) => store.FlushAsync(ct);

    private sealed record Section(int? ChannelId, int? RegionId);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1101, EventName = "TrendingService.Restored", Level = LogLevel.Information, Message = "Trending counts restored")]
        public static partial void Restored(ILogger logger);

        [LoggerMessage(EventId = 1102, EventName = "TrendingService.Failed", Level = LogLevel.Warning, Message = "Trending: applying or saving reader signals failed; retrying")]
        public static partial void Failed(ILogger logger, Exception e);

        [LoggerMessage(EventId = 1103, EventName = "TrendingService.StoreUnavailable", Level = LogLevel.Warning, Message = "Trending: the store cannot be read; pages keep the last lists they had")]
        public static partial void StoreUnavailable(ILogger logger, Exception e);
    }
}
