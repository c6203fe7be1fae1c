using SkiaSharp;
using Tidings.Core.Media;

namespace Tidings.Tests.Newsroom;

public sealed class CoverImagesTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tidings-covers-" + Guid.NewGuid().ToString("N"));

    public static byte[] Picture(int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SeaGreen);
            using var paint = new SKPaint { Color = SKColors.Gold };
            canvas.DrawRect(0, 0, width / 2f, height / 2f, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    [Fact]
    public void Store_LargePicture_WritesEveryWidthInWebpAndJpeg()
    {
        var (cover, refusal) = CoverImages.Store(Picture(2000, 1000), _dir);
        Assert.Equal(CoverRefusal.None, refusal);
        Assert.NotNull(cover);
        Assert.Equal((1600, 800), (cover.Width, cover.Height));
        var variants = CoverImages.Variants(cover.Url);
        Assert.Equal([480, 960, 1600], variants.Select(v => v.Width).ToList());
        foreach (var (width, jpeg, webp) in variants)
        {
            using var decodedJpeg = SKBitmap.Decode(Path.Combine(_dir, Path.GetFileName(jpeg)));
            using var decodedWebp = SKBitmap.Decode(Path.Combine(_dir, Path.GetFileName(webp)));
            Assert.Equal(width, decodedJpeg.Width);
            Assert.Equal(width, decodedWebp.Width);
            Assert.Equal(width / 2, decodedWebp.Height);
        }
    }

    [Fact]
    public void Store_SmallPicture_IsNotEnlarged()
    {
        var (cover, _) = CoverImages.Store(Picture(600, 400, SKEncodedImageFormat.Jpeg), _dir);
        Assert.NotNull(cover);
        Assert.Equal(600, cover.Width);
        Assert.Equal([480, 600], CoverImages.Variants(cover.Url).Select(v => v.Width).ToList());
    }

    [Fact]
    public void Store_SamePictureTwice_HasTheSameUrl()
    {
        var bytes = Picture(800, 450);
        Assert.Equal(CoverImages.Store(bytes, _dir).Cover!.Url, CoverImages.Store(bytes, _dir).Cover!.Url);
    }

    [Theory]
    [InlineData("not an image at all")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")]
    [InlineData("GIF89a")]
    public void Store_NonImage_IsRefusedAndNothingWritten(string content)
    {
        var (cover, refusal) = CoverImages.Store(System.Text.Encoding.UTF8.GetBytes(content), _dir);
        Assert.Null(cover);
        Assert.Equal(CoverRefusal.NotAnImage, refusal);
        Assert.False(Directory.Exists(_dir) && Directory.EnumerateFiles(_dir).Any());
    }

    [Fact]
    public void Store_RefusesEmptyTinyAndOversizedUploads()
    {
        Assert.Equal(CoverRefusal.Empty, CoverImages.Store([], _dir).Refusal);
        Assert.Equal(CoverRefusal.TooSmall, CoverImages.Store(Picture(100, 80), _dir).Refusal);
        Assert.Equal(CoverRefusal.TooLarge, CoverImages.Store(new byte[CoverImages.MaxBytes + 1], _dir).Refusal);
    }

    /// <summary>A few hundred bytes of WebP that declare 4000 × 4000: refused from the header, never decoded.</summary>
    [Fact]
    public void Store_TinyFileDeclaringAHugeCanvas_IsRefusedUnread()
    {
        using var bitmap = new SKBitmap(4000, 4000);
        bitmap.Erase(SKColors.SeaGreen);
        using var image = SKImage.FromBitmap(bitmap);
        using var bomb = image.Encode(SKEncodedImageFormat.Webp, 100);
        Assert.True(bomb.Size < 16_000, $"{bomb.Size} bytes");
        Assert.Equal(CoverRefusal.Implausible, CoverImages.Store(bomb.AsSpan(), _dir).Refusal);
        Assert.False(Directory.Exists(_dir) && Directory.EnumerateFiles(_dir).Any());
    }

    [Fact]
    public void Store_TruncatedPicture_IsRefused()
    {
        var whole = Noise(900, 600);
        Assert.Equal(CoverRefusal.Truncated, CoverImages.Store(whole.AsSpan(0, whole.Length / 2), _dir).Refusal);
        Assert.Equal(CoverRefusal.None, CoverImages.Store(whole, _dir).Refusal);
    }

    /// <summary>A photograph-sized JPEG is decoded at a reduced scale and still gives the full-width variant.</summary>
    [Fact]
    public void Store_LargeJpeg_IsDecodedScaledDownToTheLargestVariant()
    {
        using var bitmap = new SKBitmap(5000, 3400);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(5000, 3400), [SKColors.SeaGreen, SKColors.Gold, SKColors.Navy], SKShaderTileMode.Clamp) })
        {
            canvas.DrawRect(0, 0, 5000, 3400, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        Assert.True(5000L * 3400 > CoverImages.MaxDecodedPixels);
        var (cover, refusal) = CoverImages.Store(jpeg.AsSpan(), _dir);
        Assert.Equal(CoverRefusal.None, refusal);
        Assert.Equal(1600, cover!.Width);
    }

    private static byte[] Noise(int width, int height)
    {
        var random = new Random(3);
        using var bitmap = new SKBitmap(width, height);
        var pixels = new byte[width * height * 4];
        random.NextBytes(pixels);
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 80);
        return data.ToArray();
    }

    [Fact]
    public void Variants_OfAForeignUrl_AreNone()
    {
        Assert.Empty(CoverImages.Variants("/img/covers/harbour.svg"));
        Assert.Empty(CoverImages.Variants(null));
        Assert.Empty(CoverImages.Variants("/media/covers/abc-x.jpg"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
