using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Articles;
using Tidings.Core.Data;
using Tidings.Core.Trending;

namespace Tidings.Web.Features.Trending;

/// <summary>
/// The trending pipeline: requests enqueue reader signals and return at once; one consumer weighs them
/// (<see cref="EventGate"/>) and records them in the <see cref="ITrendingStore"/>, which it flushes every
/// <see cref="FlushInterval"/>. Lists are taken from the store at most every <see cref="ListTtl"/>, with editors'
/// pins and suppressions applied, and served from memory.
/// </summary>
public sealed partial class TrendingService(IServiceScopeFactory scopes, TimeProvider time, TrendingOptions options, BotFilter bots, ITrendingStore store, ILogger<TrendingService> logger) : BackgroundService
{
    /// <summary>The bot list, read when the service is built at start-up, so a broken data/bots.txt stops the start.</summary>
    public BotFilter Bots => bots;

    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan ListTtl = TimeSpan.FromSeconds(2);
    private const int QueueCapacity = 100_000;
    private const int BatchSize = 5_000;

    private readonly Channel<ReaderEvent> _queue = Channel.CreateBounded<ReaderEvent>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly EventGate _gate = new(options);
    private readonly SemaphoreSlim _work = new(1, 1);
    private readonly Dictionary<int, Section?> _sections = [];
    private readonly ConcurrentDictionary<(TrendingScope, TrendingWindow), (DateTimeOffset At, IReadOnlyList<TrendingEntry> Items)> _lists = new();
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
    public int Pending => _queue.Reader.Count;

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

    /// <summary>The best articles of a scope and window, from memory (recomputed at most every <see cref="ListTtl"/>).</summary>
    public IReadOnlyList<TrendingEntry> Top(TrendingScope scope, TrendingWindow window, int limit)
    {
        var now = time.GetUtcNow();
        var key = (scope, window);
        if (!_lists.TryGetValue(key, out var cached) || now - cached.At >= ListTtl)
        {
            var items = TrendingOverride.Apply(store.Top(scope, window, MaxListLength, now), _overrides, scope, now.UtcDateTime);
            cached = (now, items);
            _lists[key] = cached;
        }

        return limit >= cached.Items.Count ? cached.Items : cached.Items.Take(limit).ToList();
    }

    private readonly ConditionalWeakTable<IReadOnlyList<TrendingEntry>, IReadOnlyList<(Articles.ArticleCard Card, double Score)>> _cards = [];

    /// <summary>Cards already looked up for exactly this computed list (the same instance <see cref="Top"/> served).</summary>
    public IReadOnlyList<(Articles.ArticleCard Card, double Score)>? CachedCards(IReadOnlyList<TrendingEntry> list) =>
        _cards.TryGetValue(list, out var cards) ? cards : null;

    public void CacheCards(IReadOnlyList<TrendingEntry> list, IReadOnlyList<(Articles.ArticleCard Card, double Score)> cards) =>
        _cards.AddOrUpdate(list, cards);

    /// <summary>Lists are computed this long; pages and the API take a prefix.</summary>
    public const int MaxListLength = 50;

    /// <summary>Completes once the snapshot has been loaded (tests and health checks wait on it).</summary>
    public Task Restored => _restored.Task;

    /// <summary>Applies everything queued so far and writes the snapshot (tests, shutdown).</summary>
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

            await FlushAsync(ct);
            await LoadOverridesAsync(ct);
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

        var counted = new List<(ReaderEvent, double, int?, int?)>(batch.Count);
        foreach (var e in batch)
        {
            if (_sections[e.ArticleId] is { } section && _gate.Weigh(e) is var weight and > 0)
            {
                counted.Add((e, weight, section.ChannelId, section.RegionId));
            }
        }

        store.Record(counted);
    }

    /// <summary>Editors' pins and suppressions (set by the API, the CLI or another node) reach the lists within 10 s.</summary>
    private async Task LoadOverridesAsync(CancellationToken ct)
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
        [LoggerMessage(1, LogLevel.Information, "Trending counts restored")]
        public static partial void Restored(ILogger logger);

        [LoggerMessage(2, LogLevel.Warning, "Trending: applying or saving reader signals failed; retrying")]
        public static partial void Failed(ILogger logger, Exception e);
    }
}
