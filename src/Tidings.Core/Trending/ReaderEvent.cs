namespace Tidings.Core.Trending;

/// <summary>What a reader did with an article.</summary>
public enum ReaderSignal
{
    /// <summary>The article page was shown.</summary>
    View = 0,

    /// <summary>The reader reached the end or stayed a while.</summary>
    Read = 1,

    /// <summary>The reader used 分享至.</summary>
    Share = 2,

    /// <summary>A comment was accepted (counted by the server, never sent by browsers).</summary>
    Comment = 3,
}

/// <summary>
/// One reader signal as the gate sees it. <paramref name="Visitor"/> is the signed first-party visitor id, or null for
/// a client that asked not to be tracked (DNT / Sec-GPC); <paramref name="Client"/> is the client address, used only
/// in memory, within the hour, to limit what one network can count.
/// </summary>
public sealed record ReaderEvent(ReaderSignal Signal, int ArticleId, string? Visitor, string Client, DateTimeOffset At);
