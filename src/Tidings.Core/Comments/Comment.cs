namespace Tidings.Core.Comments;

public enum CommentStatus
{
    /// <summary>Waiting for a moderator: pre-moderation (先审后发) or a suspect term.</summary>
    Pending = 0,
    Published = 1,
    Rejected = 2,
}

/// <summary>A reader's comment (跟贴). Plain text; rendered through <see cref="CommentText.ToHtml"/>.</summary>
public sealed class Comment
{
    public const int NicknameMaxLength = 20;
    public const int BodyMaxLength = 1_000;
    public const int KeyMaxLength = 64;
    public const int AddressMaxLength = 45;
    public const int RegionMaxLength = 20;
    public const int NoteMaxLength = 200;

    /// <summary>The most floors a quote chain keeps: the first and the latest ones (a 盖楼 of hundreds is a joke
    /// that would make every reply heavier).</summary>
    public const int MaxFloors = 50;

    public long Id { get; set; }
    public int ArticleId { get; set; }

    /// <summary>The comment this one replies to, if any.</summary>
    public long? ParentId { get; set; }

    /// <summary>The quoted chain, root first, ending with the parent: comma-separated ids (see <see cref="CommentChain"/>).</summary>
    public string? Chain { get; set; }

    /// <summary>Floors in the full chain, including any dropped from the middle of <see cref="Chain"/>.</summary>
    public int Floors { get; set; }

    public required string Nickname { get; set; }
    public required string Body { get; set; }
    public CommentStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>顶 and 踩.</summary>
    public int Up { get; set; }
    public int Down { get; set; }

    /// <summary>The "hot" order key (<see cref="CommentRanking.HotKey"/>); constant between votes, so it is indexed.</summary>
    public double HotKey { get; set; }

    public int ReportCount { get; set; }

    /// <summary>Hash of the folded body, for duplicate-post detection.</summary>
    public long ContentHash { get; set; }

    /// <summary>Who posted: the visitor id, or "ip:" plus the address for clients without one. For bans and limits.</summary>
    public required string PosterKey { get; set; }
    public required string Address { get; set; }

    /// <summary>IP属地, from the operator's range table at posting time.</summary>
    public string? RegionLabel { get; set; }

    /// <summary>The sensitive-list term that held or flagged it, kept for audit.</summary>
    public string? MatchedTerm { get; set; }

    /// <summary>Why it is pending or rejected, in the moderator's or the filter's words.</summary>
    public string? ModerationNote { get; set; }

    public DateTime? ModeratedAt { get; set; }
    public string? ModeratedBy { get; set; }
}

public sealed class CommentVote
{
    /// <summary>Votes on one comment from one address beyond this count are refused (cookie dropping).</summary>
    public const int MaxPerAddress = 3;

    public long CommentId { get; set; }
    public required string VoterKey { get; set; }

    /// <summary>Kept so that fresh cookies from one address cannot stuff a comment's votes.</summary>
    public required string Address { get; set; }
    public bool Up { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class CommentReport
{
    public const int ReasonMaxLength = 200;

    public long Id { get; set; }
    public long CommentId { get; set; }
    public required string ReporterKey { get; set; }

    /// <summary>One report per address counts: fresh cookies cannot take a comment down.</summary>
    public required string Address { get; set; }
    public string? Reason { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum BanKind
{
    /// <summary>One visitor id (or "ip:" key).</summary>
    Poster = 0,

    /// <summary>An address range in CIDR notation.</summary>
    Network = 1,
}

public sealed class CommentBan
{
    public const int ValueMaxLength = 64;

    public int Id { get; set; }
    public BanKind Kind { get; set; }
    public required string Value { get; set; }
    public string? Reason { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
}
