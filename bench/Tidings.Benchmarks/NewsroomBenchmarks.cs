using System.Text;
using BenchmarkDotNet.Attributes;
using SkiaSharp;
using Tidings.Core.Media;
using Tidings.Core.Newsroom;
using Tidings.Core.Text;

namespace Tidings.Benchmarks;

/// <summary>
/// The newsroom's CPU-heavy steps (issue #9): turning a phone photo (12 MP JPEG) into the six cover variants, rendering
/// and sanitizing a long Markdown article, and the revision diff of a long article with a few scattered edits.
/// </summary>
[MemoryDiagnoser]
public class NewsroomBenchmarks
{
    private const string Paragraph =
        "本报讯　昨天上午，市政府召开全市经济工作会议，总结今年经济运行情况，部署明年重点工作。会议指出，" +
        "今年全市地区生产总值预计增长百分之五点六，港口吞吐量、外贸进出口和社会消费品零售总额均创历史新高。" +
        "会议强调，明年要把扩大有效投资、稳住外贸基本盘和促进消费放在突出位置，加快城际铁路和新港区建设。";

    private byte[] _photo = null!;
    private string _markdown = null!;
    private string _before = null!;
    private string _after = null!;
    private string _covers = null!;

    [GlobalSetup]
    public void Setup()
    {
        // A photo-like picture: gradients plus noise, so JPEG cannot compress it to nothing.
        using var bitmap = new SKBitmap(4000, 3000);
        var random = new Random(20261202);
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var n = random.Next(-24, 24);
                bitmap.SetPixel(x, y, new SKColor((byte)Math.Clamp((x * 255 / 4000) + n, 0, 255), (byte)Math.Clamp((y * 255 / 3000) + n, 0, 255), (byte)Math.Clamp(128 + n, 0, 255)));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        _photo = data.ToArray();

        var sb = new StringBuilder();
        for (var i = 0; i < 60; i++)
        {
            sb.Append(i % 10 == 0 ? "## 第" + i + "部分\n\n" : string.Empty).Append("**要点**：").Append(Paragraph).Append("\n\n");
        }

        _markdown = sb.ToString();
        _before = _markdown;
        // Five one-character fixes spread over the text, as a copy editor makes them.
        var chars = _before.ToCharArray();
        foreach (var at in new[] { 300, 2_000, 4_500, 7_000, 9_000 })
        {
            chars[at] = '改';
        }

        _after = new string(chars);
        _covers = Path.Combine(Path.GetTempPath(), "tidings-bench-covers");
    }

    [Benchmark]
    public StoredCover? CoverFromPhoto()
    {
        // The files are named by content; remove them so every run encodes all variants again.
        if (Directory.Exists(_covers))
        {
            Directory.Delete(_covers, recursive: true);
        }

        return CoverImages.Store(_photo, _covers).Cover;
    }

    [Benchmark]
    public string MarkdownToSafeHtml() => ArticleMarkdown.ToSafeHtml(_markdown);

    [Benchmark]
    public int RevisionDiffOfLongArticle() => RevisionDiff.Compute(_before, _after).Count;

    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_covers))
        {
            Directory.Delete(_covers, recursive: true);
        }
    }
}
