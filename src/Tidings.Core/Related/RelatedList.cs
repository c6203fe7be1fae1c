namespace Tidings.Core.Related;

/// <summary>
/// An article's stored 相关推荐 list. Pages read this row and never compute; it is written when the article is
/// imported or published, and marked stale when a newer article may belong in it.
/// </summary>
public sealed class RelatedList
{
    public int ArticleId { get; set; }

    public DateTime ComputedAt { get; set; }

    /// <summary>A newer article may belong in this list; the background refresher recomputes it.</summary>
    public bool Stale { get; set; }

    /// <summary>The key terms written for the article (space-separated), so re-indexing can delete exactly those rows.</summary>
    public string KeyTerms { get; set; } = string.Empty;

    /// <summary>JSON array of <see cref="RelatedItem"/>, best first.</summary>
    public string Items { get; set; } = "[]";
}

/// <summary>One related article and why it was chosen.</summary>
/// <param name="Id">The related article.</param>
/// <param name="Score">Final score after topic, tag, region and recency adjustments.</param>
/// <param name="Terms">Shared key terms, heaviest first.</param>
/// <param name="SameTopic">Both articles are in the same channel (given, or the likeliest suggestion).</param>
/// <param name="SameRegion">Both belong to the same sub-site.</param>
/// <param name="SharedTags">How many tags they share.</param>
/// <param name="ChannelFill">Chosen from the channel because too few articles share key terms (no shared term).</param>
public sealed record RelatedItem(int Id, double Score, IReadOnlyList<string> Terms, bool SameTopic, bool SameRegion, int SharedTags, bool ChannelFill = false);
