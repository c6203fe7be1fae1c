namespace Tidings.Core.Sources;

/// <summary>
/// One reader following one account (关注). The follower is a signed-in account ("u:42") or, for a reader who has not
/// signed in, the signed visitor id the trending signals already use ("v:…"); signing in moves a visitor's follows to
/// the account.
/// </summary>
public sealed class SourceFollow
{
    public const int FollowerKeyMaxLength = 40;

    public int SourceId { get; set; }

    public required string FollowerKey { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>An account's follower count at the end of a day (site time), for the creator's chart of followers over time.</summary>
public sealed class SourceFollowerDay
{
    public int SourceId { get; set; }

    /// <summary>Days since 1970-01-01 in the site's time zone.</summary>
    public int Day { get; set; }

    public int Count { get; set; }
}
