using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidings.Core.Data;
using Tidings.Core.Live;
using Tidings.Web.Features.Articles;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Live;

/// <summary>What the stream and the polling answer carry: entries to add (markup included), entries removed, the state.</summary>
public sealed record LiveUpdate(long LastId, IReadOnlyList<LiveUpdateEntry> Entries, IReadOnlyList<long> Removed, string Status);

public sealed record LiveUpdateEntry(long Id, bool Pinned, string Html);

/// <summary>
/// The node's side of 滚动直播 for readers: the open streams (Server-Sent Events) of each live article. When an
/// article's pages change — on this node, or on another one that said so through the cluster broadcast (one message
/// per entry) — the hub reads what is new once and hands it to every open stream of that article, so an entry costs
/// one query per node however many readers watch. A reader too slow to take it is closed and reconnects from its last
/// event id.
/// </summary>
public sealed partial class LiveHub : IDisposable
{
    private const int StreamBuffer = 64;

    /// <summary>
    /// How far back a read looks for removals: a removal is found by its time, stamped by whichever node made it before
    /// its commit, so the window covers clocks apart and slow commits; ids already sent are not sent again.
    /// </summary>
    private static readonly TimeSpan RemovalOverlap = TimeSpan.FromSeconds(60);

    private readonly IServiceScopeFactory _scopes;
    private readonly SiteContext _site;
    private readonly ArticlePageCache _pages;
    private readonly ILogger<LiveHub> _logger;
    private readonly ConcurrentDictionary<int, Room> _rooms = new();
    private readonly ITimer _sweep;
    private readonly CancellationTokenRegistration _stopping;
    private int _streams;
    private int _closed;

    public LiveHub(
        IServiceScopeFactory scopes, SiteContext site, ArticlePageCache pages, TimeProvider time, IOptions<LiveOptions> options,
        IHostApplicationLifetime lifetime, ILogger<LiveHub> logger)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(lifetime);
        (_scopes, _site, _pages, _logger) = (scopes, site, pages, logger);
        _pages.Evicted += OnChanged;
        // The broadcast is the fast path, not a promise (a Redis blip, a failed read): every room also reads again at
        // the polling pace, so an open stream is never further behind than a polling page.
        var every = TimeSpan.FromSeconds(options.Value.PollSeconds);
        _sweep = time.CreateTimer(_ => Sweep(), null, every, every);
        // Streams would otherwise hold a stopping node open until the host's shutdown timeout: they end, and browsers
        // reconnect (to another node) from their last event id.
        _stopping = lifetime.ApplicationStopping.Register(CloseAll);
    }

    /// <summary>Open streams on this node.</summary>
    public int Streams => Volatile.Read(ref _streams);

    public void Dispose()
    {
        _pages.Evicted -= OnChanged;
        _sweep.Dispose();
        _stopping.Dispose();
    }

    /// <summary>
    /// Opens a stream of the article's updates; <paramref name="lastId"/> (what the joiner has, as the server read it)
    /// starts a new room's mark. Null when this node is full or stopping.
    /// </summary>
    public Subscription? Join(int articleId, long lastId, int maxStreams)
    {
        if (Volatile.Read(ref _closed) == 1)
        {
            return null;
        }

        if (Interlocked.Increment(ref _streams) > maxStreams)
        {
            Interlocked.Decrement(ref _streams);
            return null;
        }

        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(StreamBuffer) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        while (true)
        {
            var room = _rooms.GetOrAdd(articleId, id => new Room(id, lastId, _site.UtcNow));
            lock (room)
            {
                // A room its last reader just left is on its way out of the map: join a fresh one instead, or this
                // stream would wait in a room no change ever reaches.
                if (room.Closed)
                {
                    continue;
                }

                // The room's mark is what it has handed to everyone; a later joiner's catch-up comes from its own read.
                var subscription = new Subscription(this, room, channel);
                room.Subscribers.Add(subscription);
                return subscription;
            }
        }
    }

    /// <summary>What is new after <paramref name="after"/> (the polling fallback, a reconnecting stream, the hub's own read).</summary>
    public async Task<LiveUpdate?> ReadAsync(int articleId, long after, DateTime? removedSince, CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
        var article = await db.Published(_site.UtcNow).Where(a => a.Id == articleId).Select(a => new { a.LiveStatus }).FirstOrDefaultAsync(ct);
        if (article is null || article.LiveStatus == LiveStatus.None)
        {
            return null;
        }

        var rows = await db.LiveEntries.AsNoTracking().Where(e => e.ArticleId == articleId && e.Id > after && !e.Deleted)
            .OrderBy(e => e.Id).Take(LiveRules.PageEntries).ToListAsync(ct);
        var removed = removedSince is { } since
            ? await db.LiveEntries.AsNoTracking().Where(e => e.ArticleId == articleId && e.Deleted && e.UpdatedAt >= since).OrderByDescending(e => e.Id).Select(e => e.Id).Take(LiveRules.PageEntries).ToListAsync(ct)
            : [];
        var entries = (await LiveEntryView.FromRowsAsync(db, rows, _site.UtcNow, ct))
            .Select(v => new LiveUpdateEntry(v.Id, v.Pinned, LiveEntryHtml.Render(v, _site)))
            .ToList();
        // The mark is the last row read, shown or not (an embed readers may not see is skipped, not read again). With
        // nothing after it, it is never beyond the coverage's newest entry: a made-up mark ("after=9223372036854775807")
        // must not become a room's, or nobody on this node would see another entry.
        var mark = rows.Count > 0 ? rows[^1].Id
            : after == 0 ? 0
            : Math.Min(after, await db.LiveEntries.Where(e => e.ArticleId == articleId).MaxAsync(e => (long?)e.Id, ct) ?? 0);
        return new LiveUpdate(mark, entries, removed, article.LiveStatus.ToString().ToLowerInvariant());
    }

    /// <summary>One SSE frame: an event name, the id a reconnecting client sends back, and the JSON data.</summary>
    public static string Frame(string name, long id, LiveUpdate update) =>
        $"event: {name}\nid: {id}\ndata: {JsonSerializer.Serialize(update, Json)}\n\n";

    // Chinese as itself (a third of the bytes of \uXXXX escapes); <, >, & and quotes still escaped, and JSON never
    // contains a raw line break, which would end the SSE data line.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    private void OnChanged(int articleId)
    {
        if (_rooms.TryGetValue(articleId, out var room))
        {
            _ = RefreshAsync(room);
        }
    }

    private void Sweep()
    {
        foreach (var room in _rooms.Values)
        {
            _ = RefreshAsync(room);
        }
    }

    private void CloseAll()
    {
        Interlocked.Exchange(ref _closed, 1);
        foreach (var room in _rooms.Values)
        {
            lock (room)
            {
                foreach (var subscription in room.Subscribers)
                {
                    subscription.Channel.Writer.TryComplete();
                }
            }
        }
    }

    private async Task RefreshAsync(Room room)
    {
        // Off the caller's thread: the eviction that calls this is an editor's request (or the cluster listener), and
        // a database whose "async" calls complete synchronously (SQLite) would otherwise read and fan out on it.
        await Task.Yield();
        // One read at a time per article. A change during a read leaves Pending set, and whoever holds the gate (or,
        // after releasing it, this loop) reads again, so no change is lost between a read and the release.
        Interlocked.Exchange(ref room.Pending, 1);
        while (true)
        {
            if (!await room.Gate.WaitAsync(0))
            {
                return;
            }

            try
            {
                while (Interlocked.Exchange(ref room.Pending, 0) == 1)
                {
                    await DeliverAsync(room);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Log.RefreshFailed(_logger, e, room.ArticleId);
            }
            finally
            {
                room.Gate.Release();
            }

            if (Volatile.Read(ref room.Pending) == 0)
            {
                return;
            }
        }
    }

    private async Task DeliverAsync(Room room)
    {
        long after;
        lock (room)
        {
            after = room.LastId;
        }

        var checkedAt = _site.UtcNow;
        var update = await ReadAsync(room.ArticleId, after, room.RemovedCheckedAt, CancellationToken.None);
        room.RemovedCheckedAt = checkedAt - RemovalOverlap;
        if (update is not null && update.Removed.Count > 0)
        {
            // The overlap finds a removal again for a minute; each is sent once.
            var fresh = update.Removed.Where(room.RemovedSent.Add).ToList();
            update = update with { Removed = fresh };
            if (room.RemovedSent.Count > 4 * LiveRules.PageEntries)
            {
                room.RemovedSent.Clear();
                room.RemovedSent.UnionWith(fresh);
            }
        }

        var status = update?.Status ?? "gone";
        if (update is not null && update.Entries.Count == 0 && update.Removed.Count == 0 && status == room.Status)
        {
            return;
        }

        room.Status = status;
        var frame = Frame("update", update?.LastId ?? after, update ?? new LiveUpdate(after, [], [], status));
        Subscription[] subscribers;
        lock (room)
        {
            room.LastId = Math.Max(room.LastId, update?.LastId ?? after);
            subscribers = [.. room.Subscribers];
        }

        foreach (var s in subscribers)
        {
            if (!s.Channel.Writer.TryWrite(frame))
            {
                // Too slow to read: closed; its browser reconnects with Last-Event-ID and catches up.
                s.Channel.Writer.TryComplete();
            }
        }

        Log.Delivered(_logger, room.ArticleId, update?.Entries.Count ?? 0, subscribers.Length);
    }

    private void Leave(Subscription subscription)
    {
        var room = subscription.Room;
        lock (room)
        {
            if (room.Subscribers.Remove(subscription) && room.Subscribers.Count == 0)
            {
                room.Closed = true;
                _rooms.TryRemove(new KeyValuePair<int, Room>(room.ArticleId, room));
            }
        }

        Interlocked.Decrement(ref _streams);
    }

    internal sealed class Room(int articleId, long lastId, DateTime openedAt)
    {
        public int ArticleId { get; } = articleId;
        public List<Subscription> Subscribers { get; } = [];
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public long LastId = lastId;
        public int Pending;
        public DateTime? RemovedCheckedAt = openedAt - RemovalOverlap;
        public string? Status = "live";

        /// <summary>Set (under the room's lock) when its last reader leaves: a joiner then opens a new room.</summary>
        public bool Closed;

        /// <summary>Removals already sent to this room's streams (touched only under the room's gate).</summary>
        public HashSet<long> RemovedSent { get; } = [];
    }

    /// <summary>One reader's open stream; disposing it leaves the room.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly LiveHub _hub;
        private int _disposed;

        internal Subscription(LiveHub hub, Room room, Channel<string> channel) => (_hub, Room, Channel) = (hub, room, channel);

        internal Room Room { get; }

        internal Channel<string> Channel { get; }

        public ChannelReader<string> Frames => Channel.Reader;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _hub.Leave(this);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2701, EventName = "LiveHub.Delivered", Level = LogLevel.Debug, Message = "Live article {ArticleId}: {Entries} new entries to {Streams} streams")]
        public static partial void Delivered(ILogger logger, int articleId, int entries, int streams);

        [LoggerMessage(EventId = 2702, EventName = "LiveHub.RefreshFailed", Level = LogLevel.Warning, Message = "Could not read live article {ArticleId}'s new entries; the next change or a reconnect catches up")]
        public static partial void RefreshFailed(ILogger logger, Exception e, int articleId);
    }
}
