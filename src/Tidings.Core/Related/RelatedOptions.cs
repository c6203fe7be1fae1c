namespace Tidings.Core.Related;

/// <summary>How related lists are chosen (configuration section Tidings:Related).</summary>
public sealed class RelatedOptions
{
    /// <summary>Items kept per stored list; pages show 10 and need spares for what the page already shows.</summary>
    public int StoredItems { get; set; } = 20;

    /// <summary>At most this many items from one source account in any 10 consecutive items.</summary>
    public int MaxPerSource { get; set; } = 1;

    /// <summary>Key terms kept per article.</summary>
    public int KeyTerms { get; set; } = 24;

    /// <summary>Postings read per key term, heaviest first: bounds the cost of common terms.</summary>
    public int PostingsPerTerm { get; set; } = 100;

    /// <summary>The heaviest key terms of an article that look for candidates (all of them still explain matches).</summary>
    public int QueryTerms { get; set; } = 16;

    /// <summary>Lexical candidates re-scored per list.</summary>
    public int Candidates { get; set; } = 100;

    /// <summary>Weight of topic similarity (the candidate's channel under the article's topic distribution).</summary>
    public double TopicWeight { get; set; } = 1.0;

    public double TagWeight { get; set; } = 0.3;

    public double RegionWeight { get; set; } = 0.15;

    /// <summary>Candidates published within this many days of the article are preferred.</summary>
    public int RecentWindowDays { get; set; } = 30;

    /// <summary>Within the window, closeness in time still counts, halving over this many days.</summary>
    public double RecencyHalfLifeDays { get; set; } = 14;

    /// <summary>Score factor for candidates outside the recent window: they fill lists only when nothing recent matches.</summary>
    public double OutsideWindowFactor { get; set; } = 0.3;

    /// <summary>
    /// The most of the time background maintenance spends working through a backlog of lists (after a bulk import or
    /// a large first poll of partner feeds), so readers keep the machine; 1 works without pause.
    /// </summary>
    public double BackgroundShare { get; set; } = 0.25;

    /// <summary>The same settings with the topic signal off (pure lexical), for evaluations.</summary>
    public RelatedOptions WithoutTopics()
    {
        var copy = (RelatedOptions)MemberwiseClone();
        copy.TopicWeight = 0;
        return copy;
    }
}
