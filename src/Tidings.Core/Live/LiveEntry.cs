using Tidings.Core.Text;

namespace Tidings.Core.Live;

/// <summary>Whether an article is a live coverage (滚动直播), and whether it is still running.</summary>
public enum LiveStatus
{
    /// <summary>An ordinary article.</summary>
    None = 0,

    /// <summary>直播中: entries arrive; readers see them without reloading.</summary>
    Live = 1,

    /// <summary>直播结束: the entries stay, newest first under the summary; nothing more arrives.</summary>
    Ended = 2,
}

public enum LiveEntryKind
{
    Text = 0,

    /// <summary>A quotation, with who said it.</summary>
    Quote = 1,

    /// <summary>One of the site's own articles, shown as a card.</summary>
    Embed = 2,

    /// <summary>A photograph (stored like a cover, in resized variants), described for screen readers, with an optional caption.</summary>
    Image = 3,
}

/// <summary>
/// One timestamped entry of a live coverage. Entries are separate rows, so several editors post at once without
/// conflicts; each is sanitised like an article body. Removing one keeps the row (Deleted) so readers' pages and
/// the SSE stream can drop it.
/// </summary>
public sealed class LiveEntry
{
    public const int BodyMaxLength = 5_000;
    public const int AttributionMaxLength = 100;
    public const int ImageAltMaxLength = 200;

    public long Id { get; set; }
    public int ArticleId { get; set; }
    public DateTime At { get; set; }
    public LiveEntryKind Kind { get; set; }

    /// <summary>What the editor typed (Markdown).</summary>
    public required string BodyMarkdown { get; set; }

    /// <summary>Sanitised HTML, safe to render as is.</summary>
    public required string BodyHtml { get; set; }

    public string? Attribution { get; set; }
    public int? EmbedArticleId { get; set; }

    /// <summary>An image entry's largest JPEG (the other variants follow from its name, <see cref="Media.CoverImages.Variants"/>).</summary>
    public string? ImageUrl { get; set; }

    public int? ImageWidth { get; set; }
    public int? ImageHeight { get; set; }

    /// <summary>What the picture shows, for readers who cannot see it; required with a picture.</summary>
    public string? ImageAlt { get; set; }

    /// <summary>要点: shown above the stream while the coverage runs and after it ends.</summary>
    public bool Pinned { get; set; }

    public bool Deleted { get; set; }
    public int AuthorId { get; set; }
    public required string AuthorName { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>What is wrong with an entry as posted.</summary>
public enum LiveEntryProblem
{
    None,
    Empty,
    TooLong,
    AttributionTooLong,
    NoEmbed,
    NotLive,
    NoImage,
    ImageAltMissing,
    ImageAltTooLong,
}

/// <summary>The rules of live coverage, one place for every door (the newsroom's form, its API, tests).</summary>
public static class LiveRules
{
    /// <summary>The most entries a page shows (older ones stay in the database and the feed's history).</summary>
    public const int PageEntries = 200;

    /// <summary>The most 要点.</summary>
    public const int MaxPinned = 10;

    /// <summary>
    /// Checks an entry before anything is stored. An image entry needs its picture and a description of it (the body is
    /// then an optional caption); an embed needs the article; text and quotes need text.
    /// </summary>
    public static LiveEntryProblem Check(
        LiveStatus status, LiveEntryKind kind, string body, string? attribution, int? embedArticleId, bool hasImage = false, string? imageAlt = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (status != LiveStatus.Live)
        {
            return LiveEntryProblem.NotLive;
        }

        if (body.Length > LiveEntry.BodyMaxLength)
        {
            return LiveEntryProblem.TooLong;
        }

        switch (kind)
        {
            case LiveEntryKind.Embed:
                return embedArticleId is > 0 ? LiveEntryProblem.None : LiveEntryProblem.NoEmbed;
            case LiveEntryKind.Image:
                var alt = (imageAlt ?? string.Empty).Trim();
                return !hasImage ? LiveEntryProblem.NoImage
                    : alt.Length == 0 ? LiveEntryProblem.ImageAltMissing
                    : alt.Length > LiveEntry.ImageAltMaxLength ? LiveEntryProblem.ImageAltTooLong
                    : LiveEntryProblem.None;
        }

        if (body.Trim().Length == 0)
        {
            return LiveEntryProblem.Empty;
        }

        return (attribution ?? string.Empty).Trim().Length > LiveEntry.AttributionMaxLength ? LiveEntryProblem.AttributionTooLong : LiveEntryProblem.None;
    }

    /// <summary>An entry's text as typed: repaired Unicode, trimmed, Windows line ends folded.</summary>
    public static string Clean(string? text) => UnicodeText.Repair(text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
