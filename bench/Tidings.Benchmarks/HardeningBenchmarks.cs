using System.Text;
using BenchmarkDotNet.Attributes;
using SkiaSharp;
using Tidings.Core.Media;
using Tidings.Core.Newsroom;
using Tidings.Core.Text;

namespace Tidings.Benchmarks;

/// <summary>
/// What the inputs from the hardening review (issue #19) cost now that their paths are bounded, each beside what the
/// same input costs the unbounded library call it used to reach, in one run: a body of nested list items (sanitized
/// by the newsroom preview and save), two 80 KB revisions that differ everywhere (the revisions page), and a WebP
/// that declares 8000 × 5000 in a few kilobytes (a cover upload). The unbounded references use a quarter of the
/// attack's size, as the full size takes tens of seconds per operation.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class HardeningBenchmarks
{
    private static readonly Ganss.Xss.HtmlSanitizer Plain = new();

    private string _nestedFull = null!;
    private string _nestedQuarter = null!;
    private string _article = null!;
    private string _revisionA = null!;
    private string _revisionB = null!;
    private byte[] _bomb = null!;
    private string _covers = null!;

    [GlobalSetup]
    public void Setup()
    {
        _nestedFull = string.Concat(Enumerable.Repeat("<ul><li>", 200_000 / 8));
        _nestedQuarter = string.Concat(Enumerable.Repeat("<ul><li>", 50_000 / 8));
        var sb = new StringBuilder();
        for (var i = 0; i < 400; i++)
        {
            sb.Append(i % 20 == 0 ? "## 第" + i + "部分\n\n" : string.Empty).Append("> 引用的话。\n\n- 要点一\n  - 细节\n\n**要点**：本报讯　市政府召开全市经济工作会议，部署明年重点工作。\n\n");
        }

        _article = sb.ToString();
        var random = new Random(19);
        string Lines(char seed) => string.Join('\n', Enumerable.Range(0, 2_000).Select(_ => new string(Enumerable.Range(0, 40).Select(_ => (char)(seed + random.Next(10))).ToArray())));
        _revisionA = Lines('a');
        _revisionB = Lines('k');

        using var bitmap = new SKBitmap(8000, 5000);
        bitmap.Erase(SKColors.SeaGreen);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Webp, 100);
        _bomb = data.ToArray();
        _covers = Path.Combine(Path.GetTempPath(), "tidings-bench-covers-" + Guid.NewGuid().ToString("N"));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_covers))
        {
            Directory.Delete(_covers, recursive: true);
        }
    }

    [Benchmark(Description = "nested body, 200 KB: bounded preview (depth check, shown flat)")]
    public string NestedBodyBounded() => ArticleMarkdown.ToSafeHtml(_nestedFull);

    [Benchmark(Description = "nested body, 50 KB: the sanitizer alone, as before")]
    public string NestedBodyUnbounded() => Plain.Sanitize(_nestedQuarter);

    [Benchmark(Description = "depth check of a 40 KB real article (added to every save)")]
    public bool DepthCheckOfRealArticle() => MarkupDepth.Exceeds(_article);

    [Benchmark(Description = "two 80 KB revisions differing everywhere: bounded diff")]
    public int RevisionDiffBounded() => RevisionDiff.Compute(_revisionA, _revisionB).Count;

    [Benchmark(Description = "WebP declaring 8000 x 5000 in a few KB: refused from its header")]
    public CoverRefusal CoverBombRefused() => CoverImages.Store(_bomb, _covers).Refusal;

    [Benchmark(Description = "the same WebP decoded, as before")]
    public int CoverBombDecoded()
    {
        using var bitmap = SKBitmap.Decode(_bomb);
        return bitmap.Width;
    }
}
