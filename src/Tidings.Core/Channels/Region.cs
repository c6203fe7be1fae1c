namespace Tidings.Core.Channels;

/// <summary>A regional sub-site such as 潮讯山东; its articles sit in the local channel with this region set.</summary>
public sealed class Region
{
    public const int SlugMaxLength = 64;
    public const int NameMaxLength = 32;

    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }

    /// <summary>The sub-site's own name, shown in its breadcrumb and header (潮讯山东).</summary>
    public required string SiteName { get; set; }

    public string? Description { get; set; }
    public int SortOrder { get; set; }
}
