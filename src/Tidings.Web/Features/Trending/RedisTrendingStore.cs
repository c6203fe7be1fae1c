using System.Globalization;
using System.Security.Cryptography;
using StackExchange.Redis;
using Tidings.Core.Data;
using Tidings.Core.Trending;
using Tidings.Web.Features.Cluster;

using Tidings.Web.Shared;

namespace Tidings.Web.Features.Trending;

/// <summary>
/// Trending shared by every node through Redis, with the same rules and scores as the in-process store:
/// <list type="bullet">
/// <item>The gate: per hour, a hash of visitors per article and client (the k-th counts 1/k²) and a set of what was
/// seen, both expiring after two hours. Client addresses are kept only as SHA-1 with a random salt of the hour.</item>
/// <item>Counts: per hour, a hash of each article's four signals, and sorted sets (site, each channel, each region)
/// holding the hour's capped, weighted count per article. A list is the union of the hours in its window, each
/// weighted by its overlap with the window and its decay, computed in Redis; its score is log(1 + sum).</item>
/// <item>Durability: changed article-hours are collected in a set and saved to <c>TrendingBuckets</c> by one node at a
/// time. A Redis that comes back empty is refilled from there by the first node that notices, before anything is
/// saved again, so a Redis restart loses at most one flush interval.</item>
/// </list>
/// Scripts build key names from the prefix, so this needs a standalone Redis (or a primary with replicas), not
/// Redis Cluster.
/// </summary>
internal sealed partial class RedisTrendingStore(
    IConnectionMultiplexer redis, RedisKeys keys, IServiceScopeFactory scopes, TimeProvider time, TrendingOptions options, ILogger<RedisTrendingStore> logger) : ITrendingStore
{
    /// <summary>The gate remembers the current and the previous hour (late beacons), with some slack.</summary>
    private const int GateSeconds = (2 * 3600) + 600;

    /// <summary>Counts live as long as the longest window reaches back, and a little more.</summary>
    private const int KeepSeconds = (TrendingSnapshots.KeptHours + 2) * 3600;

    /// <summary>Events per script call: one call holds Redis for well under a millisecond.</summary>
    private const int EventsPerCall = 500;

    // Adds to one article's count of one signal in one hour, then rewrites the article's capped weight for that hour
    // in the hour's site, channel and region sets (the same formula as TrendingScorer).
    private const string CountFunction = """
        local function count(p, hour, article, signal, amount, channel, region, w, keep)
          local ck = p .. 'tr:c:' .. hour
          redis.call('HINCRBYFLOAT', ck, article .. ':' .. signal, amount)
          redis.call('EXPIRE', ck, keep)
          local c = redis.call('HMGET', ck, article .. ':0', article .. ':1', article .. ':2', article .. ':3')
          local v, r, s, m = tonumber(c[1] or 0), tonumber(c[2] or 0), tonumber(c[3] or 0), tonumber(c[4] or 0)
          local score = w[1] * v + w[2] * r + w[3] * math.min(s, w[5] * v) + w[4] * math.min(m, w[6] * v)
          local hk = p .. 'tr:h:' .. hour .. ':'
          redis.call('ZADD', hk .. 's', score, article)
          redis.call('EXPIRE', hk .. 's', keep)
          if channel ~= '' then
            redis.call('ZADD', hk .. 'c' .. channel, score, article)
            redis.call('EXPIRE', hk .. 'c' .. channel, keep)
          end
          if region ~= '' then
            redis.call('ZADD', hk .. 'r' .. region, score, article)
            redis.call('EXPIRE', hk .. 'r' .. region, keep)
          end
          redis.call('SET', p .. 'tr:m:' .. article, channel .. ':' .. region, 'EX', keep)
          redis.call('SADD', p .. 'tr:dirty', article .. ':' .. hour)
        end
        local p = ARGV[1]
        local w = {tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])}
        local keep = tonumber(ARGV[8])

        """;

    // ARGV: prefix, six weights, keep, max visitors, gate seconds, salt candidate, then per event: hour, article,
    // client, visitor ('' without one), signal, channel, region ('' when none).
    private const string RecordScript = CountFunction + """
        local maxv = tonumber(ARGV[9])
        local gate = tonumber(ARGV[10])
        local salts = {}
        local counted = 0
        for i = 12, #ARGV, 7 do
          local hour, article, client, who, signal, channel, region = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], ARGV[i + 5], ARGV[i + 6]
          local salt = salts[hour]
          if not salt then
            local saltKey = p .. 'tr:salt:' .. hour
            redis.call('SET', saltKey, ARGV[11], 'NX', 'EX', gate)
            salt = redis.call('GET', saltKey)
            salts[hour] = salt
          end
          local c = redis.sha1hex(salt .. client)
          local gk = p .. 'tr:g:' .. hour .. ':' .. article .. ':' .. c
          local k = tonumber(redis.call('HGET', gk, who) or '0')
          if k == 0 then
            local n = redis.call('HLEN', gk)
            if n < maxv then
              k = n + 1
              redis.call('HSET', gk, who, k)
              redis.call('EXPIRE', gk, gate)
            end
          end
          if k > 0 then
            local sk = p .. 'tr:s:' .. hour
            if redis.call('SADD', sk, c .. ':' .. who .. ':' .. article .. ':' .. signal) == 1 then
              redis.call('EXPIRE', sk, gate)
              count(p, hour, article, signal, 1 / (k * k), channel, region, w, keep)
              counted = counted + 1
            end
          end
        end
        return counted
        """;

    // ARGV: prefix, six weights, keep, then per saved bucket: hour, article, signal, count, channel, region.
    private const string RestoreScript = CountFunction + """
        for i = 9, #ARGV, 6 do
          count(p, ARGV[i], ARGV[i + 1], ARGV[i + 2], tonumber(ARGV[i + 3]), ARGV[i + 4], ARGV[i + 5], w, keep)
        end
        return 0
        """;

    // ARGV: prefix, scope suffix, how many, then per hour of the window: hour, weight.
    private const string TopScript = """
        local p, scope, n = ARGV[1], ARGV[2], tonumber(ARGV[3])
        local tmp = p .. 'tr:tmp'
        local args = {'ZUNIONSTORE', tmp, 0}
        local weights = {'WEIGHTS'}
        for i = 4, #ARGV, 2 do
          table.insert(args, p .. 'tr:h:' .. ARGV[i] .. ':' .. scope)
          table.insert(weights, ARGV[i + 1])
        end
        args[3] = #weights - 1
        if args[3] == 0 then
          return {}
        end
        for _, x in ipairs(weights) do
          table.insert(args, x)
        end
        redis.call(unpack(args))
        local top = redis.call('ZREVRANGE', tmp, 0, n - 1, 'WITHSCORES')
        redis.call('DEL', tmp)
        return top
        """;

    private readonly string _node = Guid.NewGuid().ToString("N");

    private string Key(string name) => keys.Prefix + "tr:" + name;

    private IDatabase Db => redis.GetDatabase();

    public Task RestoreAsync(CancellationToken ct) => EnsureLoadedAsync(ct);

    /// <summary>Refills an empty Redis from the saved counts; true once Redis holds them (now or before).</summary>
    private async Task<bool> EnsureLoadedAsync(CancellationToken ct)
    {
        var db = Db;
        if (await db.KeyExistsAsync(Key("loaded")))
        {
            return true;
        }

        // One node refills; the others see "loaded" on a later round and hold their saves until then.
        var lockKey = Key("restoring");
        if (!await db.LockTakeAsync(lockKey, _node, TimeSpan.FromMinutes(5)))
        {
            return false;
        }

        try
        {
            if (await db.KeyExistsAsync(Key("loaded")))
            {
                return true;
            }

            List<TrendingBucket> rows;
            await using (var scope = scopes.CreateAsyncScope())
            {
                rows = await TrendingSnapshots.LoadAsync(scope.ServiceProvider.GetRequiredService<TidingsDbContext>(), time.GetUtcNow(), ct);
            }

            foreach (var chunk in rows.Chunk(EventsPerCall))
            {
                var args = CommonArguments();
                foreach (var b in chunk)
                {
                    args.Add(b.Hour);
                    args.Add(b.ArticleId);
                    args.Add((int)b.Signal);
                    args.Add(b.Count);
                    args.Add(Section(b.ChannelId));
                    args.Add(Section(b.RegionId));
                }

                await db.ScriptEvaluateAsync(RestoreScript, values: [.. args]);
            }

            await db.StringSetAsync(Key("loaded"), time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            Log.Restored(logger, rows.Count);
            return true;
        }
        finally
        {
            await db.LockReleaseAsync(lockKey, _node);
        }
    }

    public async Task RecordAsync(IReadOnlyList<SectionedEvent> events, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(events);
        var db = Db;
        var salt = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        foreach (var chunk in events.Chunk(EventsPerCall))
        {
            var args = CommonArguments();
            args.Add(options.MaxVisitorsPerClientPerArticleHour);
            args.Add(GateSeconds);
            args.Add(salt);
            foreach (var (e, channel, region) in chunk)
            {
                args.Add(e.At.ToUnixTimeSeconds() / 3600);
                args.Add(e.ArticleId);
                args.Add(e.Client);
                args.Add(e.Visitor ?? string.Empty);
                args.Add((int)e.Signal);
                args.Add(Section(channel));
                args.Add(Section(region));
            }

            await db.ScriptEvaluateAsync(RecordScript, values: [.. args]);
        }
    }

    public async Task<IReadOnlyList<TrendingEntry>> TopAsync(TrendingScope scope, TrendingWindow window, int limit, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var halfLife = scope.Kind == TrendingScopeKind.Site ? options.SiteHalfLifeHours : options.SectionHalfLifeHours;
        var nowHours = now.ToUnixTimeSeconds() / 3600.0;
        var start = nowHours - (int)window;

        // Sections are checked against each article's current channel and region below, so ask for some spare.
        var wanted = scope.Kind == TrendingScopeKind.Site ? limit : (limit * 2) + 10;
        var args = new List<RedisValue> { keys.Prefix, ScopeSuffix(scope), wanted };
        for (var hour = (long)Math.Floor(start); hour <= (long)Math.Floor(nowHours); hour++)
        {
            // As in TrendingScorer: the share of the hour inside the window, and its decay from the hour's middle.
            var end = Math.Min(hour + 1, nowHours);
            var overlap = (end - Math.Max(hour, start)) / Math.Max(end - hour, 1e-9);
            if (overlap <= 0)
            {
                continue;
            }

            var age = Math.Max(0, nowHours - (hour + 0.5));
            args.Add(hour);
            args.Add(Math.Min(1, overlap) * Math.Pow(0.5, age / halfLife));
        }

        var result = (RedisValue[]?)await Db.ScriptEvaluateAsync(TopScript, values: [.. args]) ?? [];
        var entries = new List<TrendingEntry>(result.Length / 2);
        for (var i = 0; i + 1 < result.Length; i += 2)
        {
            var sum = double.Parse((string)result[i + 1]!, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (sum > 0)
            {
                entries.Add(new TrendingEntry(int.Parse((string)result[i]!, CultureInfo.InvariantCulture), Math.Log(1 + sum)));
            }
        }

        if (scope.Kind != TrendingScopeKind.Site && entries.Count > 0)
        {
            // An article moved to another channel or region leaves its old lists, as in the in-process store.
            var sections = await Db.StringGetAsync([.. entries.Select(e => (RedisKey)Key("m:" + e.ArticleId))]);
            var expected = scope.Id.ToString(CultureInfo.InvariantCulture);
            entries = entries.Where((e, i) => sections[i].HasValue && ((string)sections[i]!).Split(':')[scope.Kind == TrendingScopeKind.Channel ? 0 : 1] == expected).ToList();
        }

        return entries.OrderByDescending(e => e.Score).ThenByDescending(e => e.ArticleId).Take(limit).ToList();
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        // Redis restarted empty: refill it first, or the saves below would overwrite the saved counts with new ones.
        if (!await EnsureLoadedAsync(ct))
        {
            return;
        }

        var db = Db;
        var lockKey = Key("saving");
        if (!await db.LockTakeAsync(lockKey, _node, TimeSpan.FromSeconds(60)))
        {
            return;
        }

        try
        {
            while (true)
            {
                var dirty = await db.SetPopAsync(Key("dirty"), 2_000);
                if (dirty.Length == 0)
                {
                    break;
                }

                try
                {
                    await SaveAsync(db, dirty, ct);
                }
                catch
                {
                    await db.SetAddAsync(Key("dirty"), dirty);
                    throw;
                }
            }
        }
        finally
        {
            await db.LockReleaseAsync(lockKey, _node);
        }
    }

    private async Task SaveAsync(IDatabase db, RedisValue[] dirty, CancellationToken ct)
    {
        var buckets = dirty.Select(d => ((string)d!).Split(':'))
            .Select(p => (Article: int.Parse(p[0], CultureInfo.InvariantCulture), Hour: long.Parse(p[1], CultureInfo.InvariantCulture)))
            .ToList();
        var counts = new Task<RedisValue[]>[buckets.Count];
        for (var i = 0; i < buckets.Count; i++)
        {
            var (article, hour) = buckets[i];
            counts[i] = db.HashGetAsync(Key("c:" + hour), [$"{article}:0", $"{article}:1", $"{article}:2", $"{article}:3"]);
        }

        var sections = await db.StringGetAsync([.. buckets.Select(b => (RedisKey)Key("m:" + b.Article))]);
        await Task.WhenAll(counts);
        var rows = new List<TrendingBucket>();
        for (var i = 0; i < buckets.Count; i++)
        {
            var section = sections[i].HasValue ? ((string)sections[i]!).Split(':') : ["", ""];
            var values = await counts[i];
            for (var signal = 0; signal < values.Length; signal++)
            {
                if (values[signal].HasValue && double.Parse((string)values[signal]!, NumberStyles.Float, CultureInfo.InvariantCulture) is var count and > 0)
                {
                    rows.Add(new TrendingBucket
                    {
                        ArticleId = buckets[i].Article,
                        Hour = buckets[i].Hour,
                        Signal = (ReaderSignal)signal,
                        Count = count,
                        ChannelId = ParseSection(section[0]),
                        RegionId = ParseSection(section[1]),
                    });
                }
            }
        }

        await using var scope = scopes.CreateAsyncScope();
        await TrendingSnapshots.SaveAsync(scope.ServiceProvider.GetRequiredService<TidingsDbContext>(), rows, time.GetUtcNow(), scope.ServiceProvider.GetRequiredService<SiteContext>().Zone, ct);
    }

    private List<RedisValue> CommonArguments() =>
    [
        keys.Prefix,
        options.ViewWeight, options.ReadWeight, options.ShareWeight, options.CommentWeight, options.MaxSharesPerView, options.MaxCommentsPerView,
        KeepSeconds,
    ];

    private static string ScopeSuffix(TrendingScope scope) => scope.Kind switch
    {
        TrendingScopeKind.Channel => "c" + scope.Id.ToString(CultureInfo.InvariantCulture),
        TrendingScopeKind.Region => "r" + scope.Id.ToString(CultureInfo.InvariantCulture),
        _ => "s",
    };

    private static string Section(int? id) => id?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static int? ParseSection(string value) => int.TryParse(value, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, EventName = "RedisTrendingStore.Restored", Level = LogLevel.Information, Message = "Trending: Redis was empty; refilled it with {Buckets} saved buckets")]
        public static partial void Restored(ILogger logger, int buckets);
    }
}
