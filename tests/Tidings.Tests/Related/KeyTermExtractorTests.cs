using Tidings.Core.Related;
using Tidings.Tests.Search;

namespace Tidings.Tests.Related;

public sealed class KeyTermExtractorTests(SegmenterFixture fixture) : IClassFixture<SegmenterFixture>
{
    private IReadOnlyList<(string Term, float Weight)> Extract(string title, string body, int max = 24)
    {
        var extractor = new KeyTermExtractor(fixture.Segmenter);
        return extractor.Extract(fixture.Segmenter.Cut(title), fixture.Segmenter.Cut(body), max);
    }

    [Fact]
    public void Extract_FavoursTitleWordsAndRareWords_OverCommonOnes()
    {
        var terms = Extract("深远海网箱养殖金枪鱼首次收获", "我们今天在这里说，这个项目是一个很大的项目，渔民说今年收获不错，大家都很高兴。");
        var names = terms.Select(t => t.Term).ToList();
        Assert.Contains("金枪鱼", names.Take(3));
        Assert.DoesNotContain("我们", names);
        Assert.DoesNotContain("这个", names);
    }

    [Fact]
    public void Extract_SkipsSingleCharactersAndNumbers_AndReturnsAUnitVector()
    {
        var terms = Extract("2026年GDP增长5.2%", "全年经济增长 5.2%，同比 2025 年提高 0.3 个百分点。");
        Assert.DoesNotContain(terms, t => t.Term.All(c => char.IsDigit(c) || c is '.' or '%'));
        Assert.DoesNotContain(terms, t => t.Term.Length < 2);
        Assert.Contains("gdp", terms.Select(t => t.Term));
        Assert.Equal(1.0, Math.Sqrt(terms.Sum(t => (double)t.Weight * t.Weight)), 3);
    }

    [Fact]
    public void Extract_KeepsAtMostTheRequestedNumber_HeaviestFirst()
    {
        var terms = Extract("城市更新", "旧厂房改造成创意园区，街巷整治、管网更新、口袋公园建设同步推进，社区居民参与议事，商户回流，夜间经济活跃。", max: 5);
        Assert.Equal(5, terms.Count);
        Assert.True(terms.Zip(terms.Skip(1)).All(p => p.First.Weight >= p.Second.Weight));
    }

    [Fact]
    public void Extract_NothingToSay_IsEmpty() =>
        Assert.Empty(Extract("。。。", "，，，"));
}
