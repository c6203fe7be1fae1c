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

    /// <summary>SimHash of the body's words (the title's when there is no body); see <see cref="Text.SimHash"/>.</summary>
    public long Fingerprint
    {
        get;
        set
        {
            field = value;
            (Band0, Band1, Band2, Band3) = (Text.SimHash.Band(value, 0), Text.SimHash.Band(value, 1), Text.SimHash.Band(value, 2), Text.SimHash.Band(value, 3));
        }
    }

    public int Band0 { get; private set; }
    public int Band1 { get; private set; }
    public int Band2 { get; private set; }
    public int Band3 { get; private set; }

    /// <summary>How many words the fingerprint was computed from; short texts must match exactly.</summary>
    public int FingerprintWords { get; set; }

    /// <summary>The story this article belongs to: the lowest article id among it and its near-duplicates.</summary>
    public int? ClusterId { get; set; }

    /// <summary>
    /// Puts freshly built text on an article, keeping the stored row (and its cluster) when there is one; a changed
    /// fingerprint clears the cluster, so the article is clustered again from scratch after the save.
    /// </summary>
    public static void ApplyTo(Articles.Article article, ArticleSearchText text)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(text);
        if (article.SearchText is null)
        {
            article.SearchText = text;
            return;
        }

        article.SearchText.Title = text.Title;
        article.SearchText.Body = text.Body;
        article.SearchText.Extra = text.Extra;
        if (article.SearchText.Fingerprint != text.Fingerprint)
        {
            article.SearchText.Fingerprint = text.Fingerprint;
            article.SearchText.FingerprintWords = text.FingerprintWords;
            article.SearchText.ClusterId = null;
        }
    }
}
