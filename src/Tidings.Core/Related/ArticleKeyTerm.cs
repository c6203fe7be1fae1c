namespace Tidings.Core.Related;

/// <summary>
/// One of an article's key terms: the words that best tell it apart (title-boosted tf-idf), with its weight in the
/// article's unit-length term vector as an integer impact (weight × <see cref="ImpactScale"/>). The related-articles
/// engine is an inverted index over these rows, ordered by (term, impact): a lookup reads a term's heaviest postings
/// first and stops after a fixed number, so its cost does not grow with the archive.
/// </summary>
public sealed class ArticleKeyTerm
{
    public const int TermMaxLength = 40;
    public const int ImpactScale = 10_000;

    public required string Term { get; set; }

    public int Impact { get; set; }

    public int ArticleId { get; set; }

    public static int ToImpact(float weight) => Math.Clamp((int)Math.Round(weight * ImpactScale), 1, ImpactScale);
}
