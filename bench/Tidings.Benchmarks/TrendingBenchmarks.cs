using BenchmarkDotNet.Attributes;
using Tidings.Core.Trending;

namespace Tidings.Benchmarks;

/// <summary>
/// The trending pipeline without HTTP: replay 1M reader signals (10,000 articles on a Zipf curve, 300,000 visitors
/// behind 200,000 addresses, spread over 24 hours) through the event gate and the scorer, and read the top 50 of
/// 10,000 active articles. Events per second = 1,000,000 / mean time of Replay.
/// </summary>
[MemoryDiagnoser]
public class TrendingBenchmarks
{
    private const int Events = 1_000_000;
    private const int ArticleCount = 10_000;

    private ReaderEvent[] _events = null!;
    private TrendingScorer _scored = null!;
    private readonly TrendingOptions _options = new();
    private DateTimeOffset _end;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261125);
        var start = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
        // Zipf over articles: cumulative weights 1/k.
        var cumulative = new double[ArticleCount];
        var sum = 0.0;
        for (var k = 0; k < ArticleCount; k++)
        {
            sum += 1.0 / (k + 1);
            cumulative[k] = sum;
        }

        _events = new ReaderEvent[Events];
        for (var i = 0; i < Events; i++)
        {
            var article = Array.BinarySearch(cumulative, random.NextDouble() * sum);
            article = (article < 0 ? ~article : article) + 1;
            var visitor = random.Next(300_000);
            var signal = random.Next(10) switch { < 7 => ReaderSignal.View, < 9 => ReaderSignal.Read, _ => ReaderSignal.Share };
            _events[i] = new ReaderEvent(signal, article, "v" + visitor, "a" + (visitor % 200_000), start.AddSeconds(i * 86_400.0 / Events));
        }

        _end = _events[^1].At;
        _scored = Replay();
    }

    [Benchmark]
    public TrendingScorer Replay()
    {
        var gate = new EventGate(_options);
        var scorer = new TrendingScorer(_options);
        foreach (var e in _events)
        {
            scorer.Record(e, gate.Weigh(e), e.ArticleId % 11, e.ArticleId % 3);
        }

        return scorer;
    }

    [Benchmark]
    public int TopSiteDay() => _scored.Top(TrendingScope.Site, TrendingWindow.Day, 50, _end).Count;

    [Benchmark]
    public int TopChannelWeek() => _scored.Top(TrendingScope.Channel(3), TrendingWindow.Week, 50, _end).Count;
}
