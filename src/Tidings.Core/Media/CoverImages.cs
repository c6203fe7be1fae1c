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
        if ((long)codec.Info.Width * codec.Info.Height > MaxPixels)
        {
            return (null, CoverRefusal.TooManyPixels);
        }

        using var decoded = Decode(codec);
        if (decoded is null)
        {
            return (null, CoverRefusal.NotAnImage);
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

    private static SKBitmap? Decode(SKCodec codec)
    {
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is SKCodecResult.Success or SKCodecResult.IncompleteInput)
        {
            return bitmap;
        }

        bitmap.Dispose();
        return null;
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
