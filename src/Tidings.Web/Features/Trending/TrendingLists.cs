using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Articles;
using Tidings.Core.Data;
using Tidings.Core.Trending;
using Tidings.Web.Features.Articles;

namespace Tidings.Web.Features.Trending;

/// <summary>
/// The read side of 热点: what the home page, 热点排行, channel pages, the article sidebar, spike mode and the API show.
/// Lists are taken from the <see cref="ITrendingStore"/> at most every <see cref="ListTtl"/> (longer in spike mode),
/// with editors' pins and suppressions applied, and served from memory; when the store cannot be reached (Redis
/// restarting), pages keep the last list they had. Counting the signals is <see cref="TrendingIngestion"/>'s work.
/// </summary>
public sealed partial class TrendingLists(
    IServiceScopeFactory scopes, TimeProvider time, ITrendingStore store, ILogger<TrendingLists> logger, Spike.SpikeSwitch? spike = null, Creators.Standings? standings = null) : IDisposable
{
    public static readonly TimeSpan ListTtl = TimeSpan.FromSeconds(2);

    /// <summary>Lists are computed this long; pages and the API take a prefix.</summary>
    public const int MaxListLength = 50;

    private static readonly TimeSpan OverridesTtl = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<(TrendingScope, TrendingWindow), (DateTimeOffset At, IReadOnlyList<TrendingEntry> Items)> _lists = new();
    private readonly ConcurrentDictionary<(TrendingScope, TrendingWindow), Task<IReadOnlyList<TrendingEntry>>> _computing = new();
    private readonly ConditionalWeakTable<IReadOnlyList<TrendingEntry>, IReadOnlyList<(ArticleCard Card, double Score)>> _cards = [];
    private readonly SemaphoreSlim _overridesGate = new(1, 1);
    private List<TrendingOverride> _overrides = [];
    private DateTimeOffset _overridesLoadedAt = DateTimeOffset.MinValue;
    private DateTimeOffset _storeFailedLoggedAt = DateTimeOffset.MinValue;

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

    /// <summary>
    /// A list's articles as cards, best first (up to <see cref="MaxListLength"/>); unpublished ones drop out. Looked up
    /// by id only, and kept as long as the list itself, so pages pay one query per list every couple of seconds, not
    /// one per request.
    /// </summary>
    public async Task<IReadOnlyList<(ArticleCard Card, double Score)>> CardsAsync(
        TidingsDbContext db, TrendingScope scope, TrendingWindow window, DateTime utcNow, CancellationToken ct)
    {
        var top = await TopAsync(scope, window, MaxListLength, ct);
        if (top.Count == 0)
        {
            return [];
        }

        if (_cards.TryGetValue(top, out var cached))
        {
            return cached;
        }

        var ids = top.Select(t => t.ArticleId).ToList();
        var cards = await db.PublishedCardsAsync(ids, utcNow, ct);
        // 信用分: accounts below the low mark are left out of 热点推荐 (their articles stay on their own pages).
        var low = standings is null ? null : await standings.LowSlugsAsync(ct);
        var result = top.Where(t => cards.TryGetValue(t.ArticleId, out var c) && low?.Contains(c.SourceSlug) != true).Select(t => (cards[t.ArticleId], t.Score)).ToList();
        _cards.AddOrUpdate(top, result);
        return result;
    }

    /// <summary>
    /// Editors' pins and suppressions (set by the API, the CLI or another node), re-read when a list is computed and
    /// the last reading is older than 10 s; a change drops every list.
    /// </summary>
    internal Task LoadOverridesAsync(CancellationToken ct) => LoadOverridesAsync(onlyIfOld: false, ct);

    /// <param name="onlyIfOld">Skip the read when another list's computation has just done it (checked under the gate).</param>
    private async Task LoadOverridesAsync(bool onlyIfOld, CancellationToken ct)
    {
        await _overridesGate.WaitAsync(ct);
        try
        {
            if (onlyIfOld && time.GetUtcNow() - _overridesLoadedAt < OverridesTtl)
            {
                return;
            }

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
        finally
        {
            _overridesGate.Release();
        }
    }

    /// <summary>Re-reads the overrides and forgets every list, so the next one counts everything applied so far.</summary>
    internal async Task RefreshAsync(CancellationToken ct)
    {
        await LoadOverridesAsync(ct);
        _lists.Clear();
    }

    public void Dispose() => _overridesGate.Dispose();

    /// <summary>Spike mode recomputes lists less often: the store's work stays flat however many pages ask.</summary>
    private TimeSpan ListLifetime => spike is { IsActive: true } s ? TimeSpan.FromSeconds(Math.Max(ListTtl.TotalSeconds, s.Options.TrendingListSeconds)) : ListTtl;

    private async Task<IReadOnlyList<TrendingEntry>> ComputeAsync((TrendingScope Scope, TrendingWindow Window) key)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<TrendingEntry> items;
        try
        {
            if (now - _overridesLoadedAt >= OverridesTtl)
            {
                await LoadOverridesAsync(onlyIfOld: true, CancellationToken.None);
            }

            // Twice the length is read, so a story's copies just below the cut still add to it.
            var ranked = await store.TopAsync(key.Scope, key.Window, 2 * MaxListLength, now, CancellationToken.None);
            var stories = await FoldStoriesAsync(ranked, key.Scope, now.UtcDateTime);
            items = TrendingOverride.Apply(stories.Count > MaxListLength ? stories.Take(MaxListLength).ToList() : stories, _overrides, key.Scope, now.UtcDateTime);
        }
#pragma warning disable CA1031 // The store or the database is away: the last known list is the documented fallback.
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

    /// <summary>One entry per story (<see cref="TrendingStories"/>): the listed articles' clusters are looked up by id.</summary>
    private async Task<IReadOnlyList<TrendingEntry>> FoldStoriesAsync(IReadOnlyList<TrendingEntry> ranked, TrendingScope scope, DateTime utcNow)
    {
        if (ranked.Count < 2)
        {
            return ranked;
        }

        var ids = ranked.Select(e => e.ArticleId).ToList();
        Dictionary<int, int> storyOf;
        await using (var services = scopes.CreateAsyncScope())
        {
            // Only copies readers may see stand for a story or add to it (a withdrawn copy must not carry it off).
            var db = services.ServiceProvider.GetRequiredService<TidingsDbContext>();
            // By id, visibility checked in memory (see PublishedCardsAsync: SQLite would walk the status index).
            storyOf = (await db.Articles.AsNoTracking()
                .Where(a => ids.Contains(a.Id) && a.SearchText != null && a.SearchText.ClusterId != null)
                .Select(a => new { a.Id, a.Status, a.PublishedAt, a.EmbargoUntil, Story = a.SearchText!.ClusterId!.Value })
                .ToListAsync())
                .Where(a => ReaderVisibility.IsVisible(a.Status, a.PublishedAt, a.EmbargoUntil, utcNow))
                .ToDictionary(a => a.Id, a => a.Story);
        }

        var active = TrendingOverride.Active(_overrides, scope, utcNow);
        var pinned = active.Where(o => o.Pinned).Select(o => o.ArticleId).ToHashSet();
        // A copy editors suppressed leaves alone, not with its story.
        foreach (var suppressed in active.Where(o => !o.Pinned))
        {
            storyOf.Remove(suppressed.ArticleId);
        }

        return TrendingStories.Fold(ranked, storyOf, pinned);
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

    private static partial class Log
    {
        [LoggerMessage(EventId = 1701, EventName = "TrendingLists.StoreUnavailable", Level = LogLevel.Warning, Message = "Trending: the store cannot be read; pages keep the last lists they had")]
        public static partial void StoreUnavailable(ILogger logger, Exception e);
    }
}
