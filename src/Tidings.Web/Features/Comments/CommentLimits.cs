using Microsoft.Extensions.Options;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Comments;

/// <summary>
/// Token buckets for posting (per poster and per address, both must allow) and for votes and reports (per poster and
/// per address). Shared by the form and the API, so neither is a way around the other.
/// </summary>
public sealed class CommentLimits(IOptions<CommentsOptions> options, ITokenBuckets buckets)
{
    private readonly CommentsOptions _o = options.Value;

    private TimeSpan PostingPeriod => TimeSpan.FromMinutes(1.0 / _o.PosterPerMinute);

    private TimeSpan VotingPeriod => TimeSpan.FromMinutes(1.0 / _o.VotePerMinute);

    /// <summary>Null when allowed, else how long to wait.</summary>
    public async ValueTask<TimeSpan?> TryPostAsync(Poster poster)
    {
        ArgumentNullException.ThrowIfNull(poster);
        return await buckets.TakeAsync("comment-poster", poster.Key, _o.PosterBurst, PostingPeriod)
            ?? await buckets.TakeAsync("comment-address", poster.AddressKey, _o.AddressBurst, TimeSpan.FromMinutes(1.0 / _o.AddressPerMinute));
    }

    public async ValueTask<TimeSpan?> TryVoteAsync(Poster poster)
    {
        ArgumentNullException.ThrowIfNull(poster);
        // Per address too: fresh cookies are free, so a per-poster bucket alone limits nothing.
        return await buckets.TakeAsync("vote-poster", poster.Key, _o.VoteBurst, VotingPeriod)
            ?? await buckets.TakeAsync("vote-address", poster.AddressKey, _o.VoteBurst * 4, VotingPeriod / 4);
    }
}
