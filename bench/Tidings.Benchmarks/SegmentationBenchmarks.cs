using BenchmarkDotNet.Attributes;
using Tidings.Core.Demo;
using Tidings.Core.Search;
using Tidings.Core.Text;

namespace Tidings.Benchmarks;

/// <summary>
/// Segmentation throughput on real article text (the demo corpus, ~1,000 characters per article). Characters per
/// second = text length / mean time; the target is at least 1 M chars/s on one core.
/// </summary>
[MemoryDiagnoser]
public class SegmentationBenchmarks
{
    private ChineseSegmenter _segmenter = null!;
    private SearchTextBuilder _builder = null!;
    private string _text = null!;
    private DemoArticle _article = null!;

    [GlobalSetup]
    public void Setup()
    {
        _segmenter = new ChineseSegmenter();
        _builder = new SearchTextBuilder(_segmenter);
        var articles = DemoContent.LoadArticles().ToList();
        _article = articles[0];
        // 20 articles of running text, about 11,000 characters: long enough to amortise per-call overhead.
        _text = string.Join('\n', articles.Take(20).SelectMany(a => a.Paragraphs));
        Console.WriteLine($"// text length: {_text.Length} chars");
    }

    [GlobalCleanup]
    public void Cleanup() => _segmenter.Dispose();

    [Benchmark(Baseline = true)]
    public int Cut() => _segmenter.Cut(_text).Count();

    [Benchmark]
    public int Words() => _segmenter.Words(_text).Count();

    /// <summary>Everything done per article at write time: HTML to text, segmentation, sub-words, joining.</summary>
    [Benchmark]
    public int BuildSearchTextForOneArticle() =>
        _builder.Build(_article.Title, _article.Summary, ArticleHtml.FromParagraphs(_article.Paragraphs), "潮讯网", _article.Tags).Body.Length;
}
