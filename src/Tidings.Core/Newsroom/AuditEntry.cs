namespace Tidings.Core.Newsroom;

/// <summary>One editorial or moderation action: who did what to which article, comment or ban, and when.</summary>
public sealed class AuditEntry
{
    public const int ActorMaxLength = 40;
    public const int ActionMaxLength = 32;
    public const int DetailMaxLength = 300;

    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public int? ArticleId { get; set; }
    public long? CommentId { get; set; }
    public int? BanId { get; set; }
    public string? Detail { get; set; }
}
