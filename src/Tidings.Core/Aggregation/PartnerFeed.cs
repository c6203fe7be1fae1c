using Tidings.Core.Sources;

namespace Tidings.Core.Aggregation;

/// <summary>
/// A partner outlet's feed that a source account is subscribed to, with its settings and what the poller knows of it:
/// its validators for conditional GET, when to poll next, and how it has been doing (shown to editors).
/// </summary>
public sealed class PartnerFeed
{
    public const int UrlMaxLength = 2000;
    public const int TitleMaxLength = 200;
    public const int ErrorMaxLength = 500;
    public const int ETagMaxLength = 200;

    /// <summary>A feed that failed this many polls in a row shows as unhealthy.</summary>
    public const int UnhealthyAfterFailures = 3;

    public int Id { get; set; }

    public required string Url { get; set; }

    /// <summary>The feed's own title, as last read.</summary>
    public string? Title { get; set; }

    /// <summary>来源: the account its articles appear under.</summary>
    public int SourceId { get; set; }

    public Source? Source { get; set; }

    /// <summary>The channel its articles go to; null lets the channel model suggest one per article.</summary>
    public int? ChannelId { get; set; }

    public int? RegionId { get; set; }

    public int PollMinutes { get; set; }

    /// <summary>New items wait in the newsroom's review queue instead of being published at once.</summary>
    public bool Review { get; set; }

    /// <summary>The partner's licence lets us show the full text; otherwise a summary and 阅读原文.</summary>
    public bool FullText { get; set; }

    public bool Paused { get; set; }

    public string? ETag { get; set; }

    public DateTime? LastModified { get; set; }

    public DateTime NextPollAt { get; set; }

    /// <summary>Set while a node (or a "poll now") polls the feed; nobody else polls it until then or until it is given back.</summary>
    public DateTime? LeasedUntil { get; set; }

    public DateTime? LastPolledAt { get; set; }

    public DateTime? LastSuccessAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>Failed polls in a row (0 after a success); drives the back-off.</summary>
    public int Failures { get; set; }

    /// <summary>Articles added from this feed, ever.</summary>
    public int ItemsTaken { get; set; }

    public DateTime CreatedAt { get; set; }

    public bool Unhealthy => Failures >= UnhealthyAfterFailures;
}
