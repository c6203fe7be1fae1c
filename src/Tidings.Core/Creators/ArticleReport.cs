namespace Tidings.Core.Creators;

public enum ReportReason
{
    /// <summary>抄袭或侵权: copied from someone else.</summary>
    Copied = 0,

    /// <summary>虚假信息.</summary>
    False = 1,

    /// <summary>低俗或不当.</summary>
    Inappropriate = 2,

    /// <summary>广告营销.</summary>
    Advertising = 3,

    Other = 4,
}

/// <summary>
/// A reader's 举报 of an article: once per reader and article (the reader as the 跟贴 code knows them: account, signed
/// visitor id, else address). Enough distinct reports put the article in front of editors and lower its account's
/// standing once.
/// </summary>
public sealed class ArticleReport
{
    public const int NoteMaxLength = 200;
    public const int ReporterKeyMaxLength = 64;

    public long Id { get; set; }

    public int ArticleId { get; set; }

    public required string ReporterKey { get; set; }

    public ReportReason Reason { get; set; }

    public string? Note { get; set; }

    public DateTime CreatedAt { get; set; }
}
