using Tidings.Core.Media;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Newsroom;

/// <summary>
/// A picture posted with a newsroom form (an article's cover, a topic's cover, a live entry's photograph), read into
/// memory for <see cref="CoverImages"/>: nothing when no file came, and the field's message when the file alone is
/// over the limit (the form limit stops larger requests before they are read).
/// </summary>
internal static class PictureUploads
{
    public static async Task<(byte[]? Bytes, string? TooLarge)> ReadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is not { Length: > 0 })
        {
            return (null, null);
        }

        if (file.Length > CoverImages.MaxBytes)
        {
            return (null, Phrase.Format(NewsroomText.ErrorCoverTooLarge, CoverImages.MaxBytes / 1024 / 1024));
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        return (buffer.ToArray(), null);
    }
}
