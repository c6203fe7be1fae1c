namespace Tidings.Core.Search;

/// <summary>
/// An article's text, segmented once when it is written: words are separated by <see cref="Separator"/> (U+200B),
/// which full-text tokenizers treat as a boundary and readers never see. Removing the separator gives the folded
/// original back, so snippets need no second copy of the text. The engine indexes these columns.
/// </summary>
public sealed class ArticleSearchText
{
    public const char Separator = '\u200B';

    public int ArticleId { get; set; }

    public required string Title { get; set; }

    /// <summary>Summary and body as plain text.</summary>
    public required string Body { get; set; }

    /// <summary>Words that are not in the running text: dictionary words inside long words, source and tags.</summary>
    public required string Extra { get; set; }
}
