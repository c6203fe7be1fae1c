using System.Security.Cryptography;
using SkiaSharp;

namespace Tidings.Core.Media;

/// <summary>A stored cover: its largest JPEG's URL and size; the other variants follow from the name.</summary>
public sealed record StoredCover(string Url, int Width, int Height);

/// <summary>Why an upload was refused.</summary>
public enum CoverRefusal
{
    None,
    Empty,
    TooLarge,
    NotAnImage,
    TooManyPixels,
    TooSmall,

    /// <summary>The file stops before the picture does.</summary>
    Truncated,

    /// <summary>A few bytes that claim a canvas no photograph compresses into: a decompression bomb.</summary>
    Implausible,
}

/// <summary>
/// Cover images uploaded in the newsroom: checked, decoded once (never trusting the file name or the declared type),
/// turned upright, and stored as resized WebP and JPEG variants named by content hash, so the same picture uploaded
/// twice is stored once and a URL never changes meaning. Files are written under a temporary name and renamed, so a
/// failed upload leaves nothing half-written.
/// </summary>
public static class CoverImages
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const long MaxPixels = 40_000_000;

    /// <summary>
    /// The most pixels decoded into memory (64 MB as RGBA). JPEGs larger than this are decoded at a reduced scale,
    /// which their decoder does natively; other formats this large are refused.
    /// </summary>
    public const long MaxDecodedPixels = 16_000_000;

    /// <summary>
    /// Pixels per byte of file beyond which a picture is refused unread. Photographs carry far more than a byte per
    /// thousand pixels; a canvas of one colour does not, and a 20 KB WebP declaring 8000 × 5000 would cost seconds
    /// and 160 MB to decode.
    /// </summary>
    public const int MaxPixelsPerByte = 1000;
    public const int MinWidth = 200;
    public const string UrlPrefix = "/media/covers/";

    /// <summary>The variant widths; a picture narrower than one of them is not enlarged.</summary>
    public static readonly IReadOnlyList<int> Widths = [480, 960, 1600];

    public static (StoredCover? Cover, CoverRefusal Refusal) Store(ReadOnlySpan<byte> data, string coversDirectory)
    {
        ArgumentNullException.ThrowIfNull(coversDirectory);
        if (data.IsEmpty)
        {
            return (null, CoverRefusal.Empty);
        }

        if (data.Length > MaxBytes)
        {
            return (null, CoverRefusal.TooLarge);
        }

        using var skData = SKData.CreateCopy(data);
        using var codec = SKCodec.Create(skData);
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            return (null, CoverRefusal.NotAnImage);
        }

        // Checked before decoding: a small file can declare a huge canvas (a decompression bomb).
        var declared = (long)codec.Info.Width * codec.Info.Height;
        if (declared > MaxPixels)
        {
            return (null, CoverRefusal.TooManyPixels);
        }

        if (declared > 1_000_000 && declared / data.Length > MaxPixelsPerByte)
        {
            return (null, CoverRefusal.Implausible);
        }

        // Nothing wider than the largest variant is ever stored, so a big JPEG is decoded straight to a size that
        // still covers it (JPEG decoders scale by 1/2, 1/4, 1/8 while decoding, at a fraction of the time and memory).
        var size = codec.Info.Size;
        for (var eighths = 1; eighths < 8; eighths++)
        {
            var scaled = codec.GetScaledDimensions(eighths / 8f);
            if (Math.Min(scaled.Width, scaled.Height) >= Widths[^1])
            {
                size = scaled;
                break;
            }
        }
        if ((long)size.Width * size.Height > MaxDecodedPixels)
        {
            return (null, CoverRefusal.TooManyPixels);
        }

        var (decoded, result) = Decode(codec, size);
        using var owned = decoded;
        if (decoded is null)
        {
            return (null, result == SKCodecResult.IncompleteInput ? CoverRefusal.Truncated : CoverRefusal.NotAnImage);
        }

        using var upright = Orient(decoded, codec.EncodedOrigin);
        if (upright.Width < MinWidth)
        {
            return (null, CoverRefusal.TooSmall);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(data))[..20];
        var widths = Widths.Where(w => w < upright.Width).Append(Math.Min(upright.Width, Widths[^1])).Distinct().Order().ToList();
        var largest = widths[^1];
        var height = 0;
        foreach (var width in widths)
        {
            var h = Math.Max(1, (int)Math.Round(upright.Height * (double)width / upright.Width));
            using var resized = width == upright.Width ? upright.Copy() : upright.Resize(new SKImageInfo(width, h), new SKSamplingOptions(SKCubicResampler.Mitchell));
            using var image = SKImage.FromBitmap(resized);
            Write(coversDirectory, FileName(hash, width, "jpg"), image, SKEncodedImageFormat.Jpeg, 82);
            Write(coversDirectory, FileName(hash, width, "webp"), image, SKEncodedImageFormat.Webp, 80);
            if (width == largest)
            {
                height = h;
            }
        }

        return (new StoredCover(UrlPrefix + FileName(hash, largest, "jpg"), largest, height), CoverRefusal.None);
    }

    /// <summary>The variants of a stored cover URL (same picture, each width, WebP and JPEG); empty for other URLs.</summary>
    public static IReadOnlyList<(int Width, string Jpeg, string Webp)> Variants(string? coverUrl)
    {
        if (coverUrl is null || !coverUrl.StartsWith(UrlPrefix, StringComparison.Ordinal) || !coverUrl.EndsWith(".jpg", StringComparison.Ordinal))
        {
            return [];
        }

        var name = coverUrl[UrlPrefix.Length..^4];
        var dash = name.LastIndexOf('-');
        if (dash <= 0 || !int.TryParse(name[(dash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var largest))
        {
            return [];
        }

        var hash = name[..dash];
        return Widths.Where(w => w < largest).Append(largest)
            .Select(w => (w, UrlPrefix + FileName(hash, w, "jpg"), UrlPrefix + FileName(hash, w, "webp")))
            .ToList();
    }

    private static string FileName(string hash, int width, string extension) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{hash}-{width}.{extension}");

    /// <summary>
    /// The whole picture at <paramref name="size"/>, or null with the decoder's reason. A file that ends early is
    /// refused: the decoder would fill the rest with grey and the desk would publish half a picture.
    /// </summary>
    private static (SKBitmap? Bitmap, SKCodecResult Result) Decode(SKCodec codec, SKSizeI size)
    {
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result == SKCodecResult.Success)
        {
            return (bitmap, result);
        }

        bitmap.Dispose();
        return (null, result);
    }

    /// <summary>Phones store pictures sideways with an EXIF note; browsers would show the stripped variants sideways.</summary>
    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft)
        {
            return source.Copy();
        }

        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var result = new SKBitmap(swap ? source.Height : source.Width, swap ? source.Width : source.Height, source.ColorType, source.AlphaType);
        using var canvas = new SKCanvas(result);
        switch (origin)
        {
            case SKEncodedOrigin.TopRight:
                canvas.Scale(-1, 1, source.Width / 2f, 0);
                break;
            case SKEncodedOrigin.BottomRight:
                canvas.RotateDegrees(180, source.Width / 2f, source.Height / 2f);
                break;
            case SKEncodedOrigin.BottomLeft:
                canvas.Scale(1, -1, 0, source.Height / 2f);
                break;
            case SKEncodedOrigin.LeftTop:
                canvas.RotateDegrees(90);
                canvas.Scale(1, -1);
                break;
            case SKEncodedOrigin.RightTop:
                canvas.Translate(result.Width, 0);
                canvas.RotateDegrees(90);
                break;
            case SKEncodedOrigin.RightBottom:
                canvas.Translate(result.Width, 0);
                canvas.RotateDegrees(90);
                canvas.Scale(-1, 1);
                canvas.Translate(-source.Width, 0);
                break;
            case SKEncodedOrigin.LeftBottom:
                canvas.Translate(0, result.Height);
                canvas.RotateDegrees(270);
                break;
        }

        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, SKSamplingOptions.Default, null);
        return result;
    }

    private static void Write(string directory, string name, SKImage image, SKEncodedImageFormat format, int quality)
    {
        var path = Path.Combine(directory, name);
        if (File.Exists(path))
        {
            return;
        }

        using var encoded = image.Encode(format, quality) ?? throw new InvalidOperationException($"Could not encode {format}.");
        AtomicFile.Write(path, encoded.SaveTo);
    }
}
