using System.Collections.Concurrent;

namespace Tidings.Web.Shared;

/// <summary>
/// Token buckets for the write paths (comments, votes, sign-in, newsroom): <c>burst</c> tokens, one more every
/// <c>period</c>. In process by default; shared by every node through Redis when it is configured, so a client that
/// is spread over several nodes by the load balancer gets the same limit as on one.
/// </summary>
public interface ITokenBuckets
{
    /// <summary>Takes one token from bucket <paramref name="bucket"/> of <paramref name="key"/>; null when allowed, else how long to wait.</summary>
    ValueTask<TimeSpan?> TakeAsync(string bucket, string key, int burst, TimeSpan period);
}

/// <summary>
/// The buckets of this process. The arithmetic is the Redis script's (<c>RedisTokenBuckets</c>), token for token, so
/// a node that falls back to these while Redis is away limits exactly as the cluster did. Written here rather than
/// on <see cref="System.Threading.RateLimiting"/> because that library reads its own clock and refills on a timer:
/// these read the injected <see cref="TimeProvider"/>, so tests move time on instead of sleeping through a refill.
/// </summary>
public sealed class LocalTokenBuckets(TimeProvider time) : ITokenBuckets
{
    /// <summary>How many takes between sweeps of the buckets that have filled up again.</summary>
    private const int SweepEvery = 4_096;

    private readonly ConcurrentDictionary<(string Bucket, string Key), State> _buckets = new();
    private long _takes;

    /// <summary>Buckets in memory: a key is forgotten once its bucket is full again, which is the same as never seen.</summary>
    public int Count => _buckets.Count;

    public ValueTask<TimeSpan?> TakeAsync(string bucket, string key, int burst, TimeSpan period) => ValueTask.FromResult(Take(bucket, key, burst, period));

    public TimeSpan? Take(string bucket, string key, int burst, TimeSpan period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        var now = time.GetTimestamp();
        if (Interlocked.Increment(ref _takes) % SweepEvery == 0)
        {
            Sweep(now);
        }

        var state = _buckets.GetOrAdd((bucket, key), static (_, a) => new State(a.Burst, a.Now), (Burst: burst, Now: now));
        lock (state)
        {
            // Another thread may have taken a later timestamp first: time never runs backwards for a bucket (the
            // Redis script's math.max(0, now - at)).
            var elapsed = Math.Max(0, time.GetElapsedTime(state.At, now).Ticks);
            var tokens = Math.Min(burst, state.Tokens + ((double)elapsed / period.Ticks));
            state.At = Math.Max(state.At, now);
            if (tokens >= 1)
            {
                state.Tokens = tokens - 1;
                state.FullAfter = period * (burst - state.Tokens);
                return null;
            }

            state.Tokens = tokens;
            state.FullAfter = period * (burst - tokens);
            return TimeSpan.FromMilliseconds(Math.Ceiling((1 - tokens) * period.TotalMilliseconds));
        }
    }

    /// <summary>
    /// Drops the buckets that are full again, so memory follows the keys seen in the last burst × period rather than
    /// every address ever seen. A take racing the removal may land on the dropped (full) bucket: at worst one token
    /// more, once.
    /// </summary>
    private void Sweep(long now)
    {
        foreach (var entry in _buckets)
        {
            bool full;
            lock (entry.Value)
            {
                full = time.GetElapsedTime(entry.Value.At, now) >= entry.Value.FullAfter;
            }

            if (full)
            {
                _buckets.TryRemove(entry);
            }
        }
    }

    private sealed class State(int burst, long at)
    {
        public double Tokens { get; set; } = burst;

        public long At { get; set; } = at;

        public TimeSpan FullAfter { get; set; }
    }
}
