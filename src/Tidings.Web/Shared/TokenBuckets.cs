using System.Collections.Concurrent;
using System.Threading.RateLimiting;

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

/// <summary>The buckets of this process (<see cref="System.Threading.RateLimiting"/> token buckets).</summary>
public sealed class LocalTokenBuckets : ITokenBuckets, IDisposable
{
    private readonly ConcurrentDictionary<(string Bucket, int Burst, TimeSpan Period), PartitionedRateLimiter<string>> _limiters = new();

    public ValueTask<TimeSpan?> TakeAsync(string bucket, string key, int burst, TimeSpan period) => ValueTask.FromResult(Take(bucket, key, burst, period));

    public TimeSpan? Take(string bucket, string key, int burst, TimeSpan period)
    {
        var limiter = _limiters.GetOrAdd((bucket, burst, period), static b => PartitionedRateLimiter.Create<string, string>(key =>
            RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = b.Burst,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = b.Period,
                QueueLimit = 0,
                AutoReplenishment = true,
            })));
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : period;
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
