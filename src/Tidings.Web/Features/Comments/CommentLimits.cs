using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Tidings.Web.Features.Comments;

/// <summary>
/// Token buckets for posting (per poster and per address, both must allow) and for votes and reports (per poster).
/// Shared by the form and the API, so neither is a way around the other.
/// </summary>
public sealed class CommentLimits : IDisposable
{
    private readonly PartitionedRateLimiter<Poster> _posting;
    private readonly PartitionedRateLimiter<Poster> _voting;
    private readonly TimeSpan _postingPeriod;
    private readonly TimeSpan _votingPeriod;

    public CommentLimits(IOptions<CommentsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        _postingPeriod = TimeSpan.FromMinutes(1.0 / o.PosterPerMinute);
        _votingPeriod = TimeSpan.FromMinutes(1.0 / o.VotePerMinute);
        var addressPeriod = TimeSpan.FromMinutes(1.0 / o.AddressPerMinute);
        _posting = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<Poster, string>(p => RateLimitPartition.GetTokenBucketLimiter(p.Key, _ => Bucket(o.PosterBurst, _postingPeriod))),
            PartitionedRateLimiter.Create<Poster, string>(p => RateLimitPartition.GetTokenBucketLimiter(p.Address, _ => Bucket(o.AddressBurst, addressPeriod))));
        // Per address too: fresh cookies are free, so a per-poster bucket alone limits nothing.
        _voting = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<Poster, string>(p => RateLimitPartition.GetTokenBucketLimiter(p.Key, _ => Bucket(o.VoteBurst, _votingPeriod))),
            PartitionedRateLimiter.Create<Poster, string>(p => RateLimitPartition.GetTokenBucketLimiter(p.Address, _ => Bucket(o.VoteBurst * 4, _votingPeriod / 4))));
    }

    /// <summary>Null when allowed, else how long to wait.</summary>
    public TimeSpan? TryPost(Poster poster) => Acquire(_posting, poster, _postingPeriod);

    public TimeSpan? TryVote(Poster poster) => Acquire(_voting, poster, _votingPeriod);

    public void Dispose()
    {
        _posting.Dispose();
        _voting.Dispose();
    }

    private static TimeSpan? Acquire(PartitionedRateLimiter<Poster> limiter, Poster poster, TimeSpan period)
    {
        using var lease = limiter.AttemptAcquire(poster);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) && retry > TimeSpan.Zero ? retry : period;
    }

    private static TokenBucketRateLimiterOptions Bucket(int burst, TimeSpan period) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = period,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
