namespace Tidings.Web.Shared;

/// <summary>
/// A token bucket per key (an address, an account) for write paths that answer with a page rather than through the
/// rate-limiting middleware's JSON: the page shows the wait in words and keeps what the user typed.
/// </summary>
public sealed class Throttle(ITokenBuckets buckets, string name, int burst, TimeSpan refill)
{
    /// <summary>Service key of the sign-in and registration throttle (per address).</summary>
    public const string SignIn = "sign-in";

    /// <summary>Service key of the throttle on password guesses for one account name from one address.</summary>
    public const string SignInGuesses = "sign-in-guesses";

    /// <summary>Service key of the newsroom write throttle (per account).</summary>
    public const string Newsroom = "newsroom";

    /// <summary>
    /// Service key of the throttle on the newsroom pages that cost real work to show (the editor with its channel
    /// suggestion, revisions with their diffs), per account.
    /// </summary>
    public const string NewsroomReads = "newsroom-reads";

    /// <summary>Service key of the 关注 throttle, per reader (account or visitor id).</summary>
    public const string Follow = "follow";

    /// <summary>
    /// Service key of the 关注 throttle per address: a script that starts a new visitor id for each follow would
    /// otherwise add followers without end.
    /// </summary>
    public const string FollowAddress = "follow-address";

    /// <summary>Service key of the 举报 throttle, per client address.</summary>
    public const string Report = "report";

    /// <summary>Takes one token for <paramref name="key"/>; null when allowed, else the whole seconds to wait.</summary>
    public async ValueTask<int?> TryAcquireAsync(string key) =>
        await buckets.TakeAsync(name, key, burst, refill) is { } wait ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : null;
}
