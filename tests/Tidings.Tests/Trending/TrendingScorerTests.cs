using Microsoft.Extensions.Time.Testing;
using Tidings.Core.Trending;

namespace Tidings.Tests.Trending;

public sealed class TrendingScorerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 8, 30, 0, TimeSpan.Zero));
    private readonly TrendingOptions _options = new() { SiteHalfLifeHours = 6, SectionHalfLifeHours = 24 };

    private void Views(TrendingScorer scorer, int article, int count, int? channel = null, int? region = null)
    {
        for (var i = 0; i < count; i++)
        {
            scorer.Record(new ReaderEvent(ReaderSignal.View, article, "v" + i, "c" + i, _time.GetUtcNow()), 1, channel, region);
        }
    }

    /// <summary>The decayed weighted sum behind a score (the score is its logarithm).</summary>
    private static double Raw(double score) => Math.Exp(score) - 1;

    [Fact]
    public void Score_HalvesAfterOneHalfLife_SiteWideFasterThanPerChannel()
    {
        var scorer = new TrendingScorer(_options);
        Views(scorer, 1, 100, channel: 5);
        _time.Advance(TimeSpan.FromMinutes(30));
        var site = Raw(scorer.Score(1, TrendingScope.Site, TrendingWindow.Week, _time.GetUtcNow()));
        var channel = Raw(scorer.Score(1, TrendingScope.Channel(5), TrendingWindow.Week, _time.GetUtcNow()));

        _time.Advance(TimeSpan.FromHours(6));
        Assert.Equal(site / 2, Raw(scorer.Score(1, TrendingScope.Site, TrendingWindow.Week, _time.GetUtcNow())), 6);
        Assert.Equal(channel * Math.Pow(0.5, 6.0 / 24), Raw(scorer.Score(1, TrendingScope.Channel(5), TrendingWindow.Week, _time.GetUtcNow())), 6);
    }

    [Fact]
    public void Windows_LookBackOnlyTheirSpan()
    {
        var scorer = new TrendingScorer(_options);
        Views(scorer, 1, 50);
        _time.Advance(TimeSpan.FromHours(3));
        Views(scorer, 2, 10);
        var now = _time.GetUtcNow();

        Assert.Equal([2], scorer.Top(TrendingScope.Site, TrendingWindow.Hour, 10, now).Select(e => e.ArticleId));
        Assert.Equal([1, 2], scorer.Top(TrendingScope.Site, TrendingWindow.Day, 10, now).Select(e => e.ArticleId));
        _time.Advance(TimeSpan.FromDays(2));
        Assert.Empty(scorer.Top(TrendingScope.Site, TrendingWindow.Day, 10, _time.GetUtcNow()));
        Assert.Equal(2, scorer.Top(TrendingScope.Site, TrendingWindow.Week, 10, _time.GetUtcNow()).Count);
    }

    [Fact]
    public void SharesAndComments_AreCappedByTheViewsOfTheirHour()
    {
        var scorer = new TrendingScorer(_options);
        Views(scorer, 1, 10);
        Views(scorer, 2, 10);
        for (var i = 0; i < 500; i++)
        {
            scorer.Record(new ReaderEvent(ReaderSignal.Share, 2, "s" + i, "c" + i, _time.GetUtcNow()), 1, null, null);
        }

        var now = _time.GetUtcNow();
        // 10 views + at most 5 shares × 3, against 10 views.
        Assert.Equal(25.0, Raw(scorer.Score(2, TrendingScope.Site, TrendingWindow.Hour, now)), 6);
        Assert.Equal(10.0, Raw(scorer.Score(1, TrendingScope.Site, TrendingWindow.Hour, now)), 6);
    }

    [Fact]
    public void Scopes_RankOnlyTheirArticles_AndPruneForgetsOldHours()
    {
        var scorer = new TrendingScorer(_options);
        Views(scorer, 1, 30, channel: 5, region: 7);
        Views(scorer, 2, 20, channel: 6, region: 7);
        Views(scorer, 3, 10, channel: 5);
        var now = _time.GetUtcNow();
        Assert.Equal([1, 3], scorer.Top(TrendingScope.Channel(5), TrendingWindow.Day, 10, now).Select(e => e.ArticleId));
        Assert.Equal([1, 2], scorer.Top(TrendingScope.Region(7), TrendingWindow.Day, 10, now).Select(e => e.ArticleId));

        _time.Advance(TimeSpan.FromDays(8));
        scorer.Prune(_time.GetUtcNow());
        Assert.Equal(0, scorer.Articles);
    }

    [Fact]
    public void Counts_RestoreTheSameRanking()
    {
        var scorer = new TrendingScorer(_options);
        Views(scorer, 1, 30, channel: 5);
        Views(scorer, 2, 20, region: 7);
        var copy = new TrendingScorer(_options);
        foreach (var c in scorer.Counts())
        {
            copy.Add(c.ArticleId, c.ChannelId, c.RegionId, c.Hour, c.Signal, c.Count);
        }

        var now = _time.GetUtcNow();
        Assert.Equal(scorer.Top(TrendingScope.Site, TrendingWindow.Day, 10, now), copy.Top(TrendingScope.Site, TrendingWindow.Day, 10, now));
    }
}
