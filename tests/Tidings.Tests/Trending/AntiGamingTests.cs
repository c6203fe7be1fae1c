using Microsoft.Extensions.Time.Testing;
using Tidings.Core.Trending;

namespace Tidings.Tests.Trending;

/// <summary>
/// The acceptance scenario: 50 articles ranked by organic traffic from many visitors and addresses (a Zipf
/// curve, as real readership is), then a burst of 1,000 views on a low-ranked article.
/// </summary>
public sealed class AntiGamingTests
{
    private const int Articles = 50;
    private const int Target = 40;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 6, 0, 0, TimeSpan.Zero));
    private readonly TrendingOptions _options = new();
    private readonly EventGate _gate;
    private readonly TrendingScorer _scorer;

    public AntiGamingTests()
    {
        _gate = new EventGate(_options);
        _scorer = new TrendingScorer(_options);
        var random = new Random(20261125);
        // Three hours of organic reading: article k gets 6,000 / k views an hour, each from its own visitor and a
        // random address out of 16 million; a third of them read to the end.
        for (var hour = 0; hour < 3; hour++)
        {
            var events = new List<ReaderEvent>();
            for (var k = 1; k <= Articles; k++)
            {
                for (var v = 0; v < 6_000 / k; v++)
                {
                    var visitor = $"h{hour}-a{k}-v{v}";
                    var client = "10." + random.Next(1 << 24);
                    var at = _time.GetUtcNow().AddSeconds(random.Next(3_600));
                    events.Add(new ReaderEvent(ReaderSignal.View, k, visitor, client, at));
                    if (v % 3 == 0)
                    {
                        events.Add(new ReaderEvent(ReaderSignal.Read, k, visitor, client, at.AddSeconds(30)));
                    }
                }
            }

            foreach (var e in events.OrderBy(e => e.At))
            {
                Apply(e);
            }

            _time.Advance(TimeSpan.FromHours(1));
        }

        // Ranked 20 minutes into the next hour; bursts land in the 17 minutes before that.
        _time.Advance(TimeSpan.FromMinutes(20));
    }

    private DateTimeOffset BurstAt(int i) => _time.GetUtcNow().AddSeconds(i - 1_000);

    private void Apply(ReaderEvent e)
    {
        _scorer.Record(e, _gate.Weigh(e), channelId: null, regionId: null);
    }

    private int RankOf(int article, TrendingWindow window) =>
        _scorer.Top(TrendingScope.Site, window, Articles, _time.GetUtcNow()).Select(e => e.ArticleId).ToList().IndexOf(article) + 1;

    [Theory]
    [InlineData(TrendingWindow.Hour)]
    [InlineData(TrendingWindow.Day)]
    public void ABurstFromOneVisitor_MovesTheArticleAtMostOneRank(TrendingWindow window)
    {
        var before = RankOf(Target, window);
        Assert.InRange(before, Target - 1, Target + 1);
        for (var i = 0; i < 1_000; i++)
        {
            Apply(new ReaderEvent(ReaderSignal.View, Target, "the-same-visitor", "192.0.2.1", BurstAt(i)));
        }

        Assert.InRange(RankOf(Target, window), before - 1, before);
    }

    [Theory]
    [InlineData(TrendingWindow.Hour)]
    [InlineData(TrendingWindow.Day)]
    public void ABurstFromOneAddressWithFreshCookies_MovesTheArticleAtMostOneRank(TrendingWindow window)
    {
        var before = RankOf(Target, window);
        Assert.InRange(before, Target - 1, Target + 1);
        for (var i = 0; i < 1_000; i++)
        {
            Apply(new ReaderEvent(ReaderSignal.View, Target, "fresh-cookie-" + i, "192.0.2.1", BurstAt(i)));
        }

        Assert.InRange(RankOf(Target, window), before - 1, before);
    }

    [Fact]
    public void FakeEngagementFromOneAddress_AddsABoundedAmount()
    {
        var now = _time.GetUtcNow();
        var before = Math.Exp(_scorer.Score(Target, TrendingScope.Site, TrendingWindow.Hour, now));
        for (var i = 0; i < 1_000; i++)
        {
            var e = new ReaderEvent(ReaderSignal.View, Target, "fresh-cookie-" + i, "192.0.2.1", BurstAt(i));
            Apply(e);
            Apply(e with { Signal = ReaderSignal.Read });
            Apply(e with { Signal = ReaderSignal.Share });
        }

        // Each kind of signal adds at most π²/6 weighted readers: (1 + 2 + 3) × 1.645 ≈ 9.9 points, whatever the burst.
        var added = Math.Exp(_scorer.Score(Target, TrendingScope.Site, TrendingWindow.Hour, now)) - before;
        Assert.InRange(added, 1, 6 * Math.PI * Math.PI / 6);
    }

    [Fact]
    public void TheSameBurstFromRealReaders_WouldMoveIt()
    {
        for (var i = 0; i < 1_000; i++)
        {
            Apply(new ReaderEvent(ReaderSignal.View, Target, "new-reader-" + i, "10.1." + i, BurstAt(i)));
        }

        Assert.True(RankOf(Target, TrendingWindow.Hour) < Target - 10);
    }
}
