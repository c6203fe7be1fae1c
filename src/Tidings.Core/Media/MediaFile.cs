namespace Tidings.Core.Media;

/// <summary>
/// An uploaded file's bytes in the database (a cover variant), so every node can serve what one node received; each
/// node keeps a copy on its own disk after the first request. Names are content hashes, so a row never changes.
/// </summary>
public sealed class MediaFile
{
    public const int PathMaxLength = 200;

    /// <summary>The path under <c>/media/</c>, e.g. <c>covers/3f2a…-960.webp</c>.</summary>
    public required string Path { get; set; }

    public required string ContentType { get; set; }

    public required byte[] Bytes { get; set; }

    public DateTime CreatedAt { get; set; }
}
