using System.Globalization;
using StackExchange.Redis;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Cluster;

/// <summary>
/// Token buckets in Redis, one hash per bucket and key, refilled continuously by Redis's own clock (the nodes' clocks
/// may differ) in one script call. When Redis cannot be reached the node falls back to its own buckets: limits are
/// per node for that while, never off and never an error for the reader.
/// </summary>
internal sealed partial class RedisTokenBuckets(IConnectionMultiplexer redis, RedisKeys keys, LocalTokenBuckets local, TimeProvider time, ILogger<RedisTokenBuckets> logger) : ITokenBuckets
{
    // ARGV: key, burst, period in ms. Returns 0 when a token was taken, else the milliseconds until there is one.
    private const string TakeScript = """
        local key, burst, period = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local b = redis.call('HMGET', key, 'tokens', 'at')
        local tokens = tonumber(b[1]) or burst
        local at = tonumber(b[2]) or now
        tokens = math.min(burst, tokens + math.max(0, now - at) / period)
        local wait = 0
        if tokens >= 1 then
          tokens = tokens - 1
        else
          wait = math.ceil((1 - tokens) * period)
        end
        redis.call('HSET', key, 'tokens', tokens, 'at', now)
        redis.call('PEXPIRE', key, math.ceil(burst * period) + 1000)
        return wait
        """;

    private long _loggedAtTicks;

    public async ValueTask<TimeSpan?> TakeAsync(string bucket, string key, int burst, TimeSpan period)
    {
        try
        {
            var wait = (long)await redis.GetDatabase().ScriptEvaluateAsync(TakeScript, values:
            [
                keys.Prefix + "rl:" + bucket + ":" + key,
                burst,
                Math.Max(1, (long)period.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            ]);
            return wait == 0 ? null : TimeSpan.FromMilliseconds(wait);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            var now = time.GetUtcNow().UtcTicks;
            var last = Interlocked.Read(ref _loggedAtTicks);
            if (now - last > TimeSpan.TicksPerMinute && Interlocked.CompareExchange(ref _loggedAtTicks, now, last) == last)
            {
                Log.FallingBack(logger, e);
            }

            return local.Take(bucket, key, burst, period);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 301, EventName = "RedisTokenBuckets.FallingBack", Level = LogLevel.Warning, Message = "Redis is unreachable: rate limits are kept per node until it returns")]
        public static partial void FallingBack(ILogger logger, Exception e);
    }
}
