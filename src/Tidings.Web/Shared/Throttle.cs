using System.Threading.RateLimiting;

namespace Tidings.Web.Shared;

/// <summary>
/// A token bucket per key (an address, an account) for write paths that answer with a page rather than through the
/// rate-limiting middleware's JSON: the page shows the wait in words and keeps what the user typed.
/// </summary>
public sealed class Throttle(int burst, TimeSpan refill) : IDisposable
{
    /// <summary>Service key of the sign-in and registration throttle (per address).</summary>
    public const string SignIn = "sign-in";

    /// <summary>Service key of the newsroom write throttle (per account).</summary>
    public const string Newsroom = "newsroom";

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = refill,
            QueueLimit = 0,
        }));

    /// <summary>Takes one token for <paramref name="key"/>; false, with the seconds to wait, when none is left.</summary>
    public bool TryAcquire(string key, out int retryAfterSeconds)
    {
        using var lease = _limiter.AttemptAcquire(key);
        retryAfterSeconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
            : Math.Max(1, (int)Math.Ceiling(refill.TotalSeconds));
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
