namespace Tidings.Core.Aggregation;

/// <summary>The syndication formats a partner feed may use.</summary>
public enum FeedFormat
{
    Rss,
    Atom,
    JsonFeed,
}

/// <summary>A partner feed as read: its entries in document order, and what was left out and why.</summary>
public sealed record FeedDocument(FeedFormat Format, string Title, Uri? Link, IReadOnlyList<FeedEntry> Entries, IReadOnlyList<string> Skipped);

/// <summary>
/// One item of a feed. <see cref="Key"/> identifies it across polls: the feed's own id (RSS guid, Atom id, JSON Feed
/// id), else its link, else a hash of its title and text (an item with none of them can still be taken once).
/// Title and author are plain text; content and summary are the partner's HTML, not yet sanitised.
/// </summary>
public sealed record FeedEntry(
    string Key,
    string Title,
    Uri? Link,
    string? ContentHtml,
    string? SummaryHtml,
    DateTimeOffset? Published,
    DateTimeOffset? Updated,
    string? Author);

/// <summary>The bytes are not a feed this reader understands; the message says why, for the feed's last error.</summary>
public sealed class FeedFormatException : Exception
{
    public FeedFormatException()
    {
    }

    public FeedFormatException(string message)
        : base(message)
    {
    }

    public FeedFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
