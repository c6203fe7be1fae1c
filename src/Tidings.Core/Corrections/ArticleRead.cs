namespace Tidings.Core.Corrections;

/// <summary>
/// The first time a visitor opened an article, kept only so a later correction can reach them (更正提醒). The visitor is
/// the trending signals' random first-party id folded to 64 bits (<see cref="CorrectionNotices.VisitorKey"/>): no
/// account, address or device, and nothing for a reader who sends DNT or Sec-GPC. Rows older than the retention
/// (<see cref="CorrectionOptions.ReadDays"/>) are deleted.
/// </summary>
public sealed class ArticleRead
{
    public long Visitor { get; set; }
    public int ArticleId { get; set; }
    public DateTime At { get; set; }
}

/// <summary>What the corrections features may keep and show (<c>Tidings:Corrections</c>).</summary>
public sealed class CorrectionOptions
{
    /// <summary>How long a visitor's reads are kept, and so how old a read a correction can still reach.</summary>
    public int ReadDays { get; set; } = 30;

    /// <summary>A correction older than this is not announced any more (it is still on the article and /corrections).</summary>
    public int NoticeDays { get; set; } = 30;

    /// <summary>The most notices one check returns.</summary>
    public int MaxNotices { get; set; } = 5;

    /// <summary>
    /// How often a reader's browser asks whether something they read was corrected (at most once per this many
    /// seconds, on their next page); 0 asks on every page.
    /// </summary>
    public int CheckSeconds { get; set; } = 300;
}

/// <summary>One correction to tell a visitor about.</summary>
public sealed record CorrectionNotice(int CorrectionId, int ArticleId, string? Slug, string Title, DateTime CorrectedAt, string Text);
