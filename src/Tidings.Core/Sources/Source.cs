namespace Tidings.Core.Sources;

public enum SourceKind
{
    Media = 0,
    SelfMedia = 1,
}

/// <summary>An account that publishes: a media outlet or a self-media (自媒体) account.</summary>
public sealed class Source
{
    public const int SlugMaxLength = 64;
    public const int NameMaxLength = 64;
    public const int BioMaxLength = 500;

    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public SourceKind Kind { get; set; }
    public string? AvatarUrl { get; set; }
    public string? Bio { get; set; }
}
