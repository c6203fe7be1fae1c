namespace Tidings.Core.Channels;

/// <summary>A section of the portal (要闻, 财经 ...); regions use the local channel for their own news.</summary>
public sealed class Channel
{
    public const int SlugMaxLength = 64;
    public const int NameMaxLength = 32;

    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }

    /// <summary>The heading of the channel's top list in sidebars (财经要闻, 本地新闻, 公开课 ...).</summary>
    public required string ListTitle { get; set; }

    public int SortOrder { get; set; }
}
