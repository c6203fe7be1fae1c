namespace Tidings.Core.Creators;

/// <summary>One sampled shingle of one article: the posting list of the originality index (key: hash, then article).</summary>
public sealed class ArticleFingerprint
{
    public long Hash { get; set; }

    public int ArticleId { get; set; }
}

/// <summary>
/// The sample an article was last indexed with, kept so its rows can be replaced by their full keys (no second index
/// on the article id), and the change time it was indexed at.
/// </summary>
public sealed class ArticleFingerprintSet
{
    public int ArticleId { get; set; }

    /// <summary>The sampled hashes, packed (<see cref="Shingles.Pack"/>).</summary>
    public required byte[] Hashes { get; set; }

    public DateTime IndexedAt { get; set; }
}

public enum MatchKind
{
    /// <summary>Found when the article was declared 原创: the earlier article it overlaps.</summary>
    Declared = 0,

    /// <summary>A later article by another account that copies an 原创 article.</summary>
    LaterCopy = 1,
}

/// <summary>An overlap the editors are shown: <see cref="ArticleId"/> repeats <see cref="Share"/> of its text from <see cref="EarlierId"/>.</summary>
public sealed class OriginalityMatch
{
    public long Id { get; set; }

    public int ArticleId { get; set; }

    public int EarlierId { get; set; }

    public double Share { get; set; }

    public MatchKind Kind { get; set; }

    public DateTime DetectedAt { get; set; }
}

/// <summary>How the originality check weighs overlaps (configuration section Tidings:Originality).</summary>
public sealed class OriginalityOptions
{
    /// <summary>An overlap at least this large is shown to editors (0–1).</summary>
    public double FlagShare { get; set; } = 0.2;

    /// <summary>An overlap at least this large refuses the 原创 label (0–1).</summary>
    public double RefuseShare { get; set; } = 0.5;

    /// <summary>
    /// A shingle found in more articles than this is boilerplate (a standard sign-off, a disclaimer), not evidence of
    /// copying: it is skipped, which also bounds the work of a check.
    /// </summary>
    public int MaxPostingsPerShingle { get; set; } = 200;
}
