namespace Tidings.Core.Related;

/// <summary>
/// One of an article's key terms: the words that best tell it apart (title-boosted tf-idf), with a weight from a
/// unit-length vector. The related-articles engine is an inverted index over these rows: two articles are similar
/// when they share heavy key terms.
/// </summary>
public sealed class ArticleKeyTerm
{
    public const int TermMaxLength = 40;

    public required string Term { get; set; }

    public int ArticleId { get; set; }

    public float Weight { get; set; }
}
