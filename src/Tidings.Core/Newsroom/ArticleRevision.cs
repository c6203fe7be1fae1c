namespace Tidings.Core.Newsroom;

/// <summary>
/// One saved version of an article's text. Every save that changes the title, summary or body adds one, so the desk
/// can see who changed what and bring an earlier version back.
/// </summary>
public sealed class ArticleRevision
{
    public const int NoteMaxLength = 200;

    public long Id { get; set; }
    public int ArticleId { get; set; }

    /// <summary>1, 2, 3 ... per article.</summary>
    public int Number { get; set; }

    public DateTime CreatedAt { get; set; }
    public int? UserId { get; set; }
    public required string UserName { get; set; }
    public required string Title { get; set; }
    public required string Summary { get; set; }

    /// <summary>The body as the writer typed it (Markdown, or HTML for imported articles).</summary>
    public required string Body { get; set; }

    public string? Note { get; set; }
}

/// <summary>更正: a dated correction note shown under a published article and in its JSON-LD.</summary>
public sealed class ArticleCorrection
{
    public const int TextMaxLength = 500;

    public int Id { get; set; }
    public int ArticleId { get; set; }
    public DateTime At { get; set; }
    public required string Text { get; set; }
    public required string EditorName { get; set; }
}
