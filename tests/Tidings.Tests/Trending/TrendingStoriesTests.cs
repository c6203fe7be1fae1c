using Tidings.Core.Trending;

namespace Tidings.Tests.Trending;

public sealed class TrendingStoriesTests
{
    // The stores' scale: ln(1 + weighted signals).
    private static double Reads(double n) => Math.Log(1 + n);

    private static List<int> Ids(IReadOnlyList<TrendingEntry> list) => list.Select(e => e.ArticleId).ToList();

    [Fact]
    public void ThreeOutletsCopiesOfOneStory_CountOnce_WithTheirReadersAddedUp()
    {
        // Story 7 is reported by 3, 4 and 5 (6 + 4 + 3 reads); each copy alone ranks below article 1 (10 reads).
        IReadOnlyList<TrendingEntry> ranked = [new(1, Reads(10)), new(3, Reads(6)), new(2, Reads(5)), new(4, Reads(4)), new(5, Reads(3))];
        var folded = TrendingStories.Fold(ranked, new Dictionary<int, int> { [3] = 7, [4] = 7, [5] = 7 }, new HashSet<int>());
        Assert.Equal([3, 1, 2], Ids(folded));
        Assert.Equal(Reads(13), folded[0].Score, 9);
    }

    [Fact]
    public void ManyCopiesReadOnceEach_DoNotOutrankAStoryReadByMore()
    {
        // Five copies read once each are five reads, not 2⁵ = 32: a story of one read by six stays ahead.
        IReadOnlyList<TrendingEntry> ranked = [new(9, Reads(6)), .. Enumerable.Range(1, 5).Select(i => new TrendingEntry(i, Reads(1)))];
        var folded = TrendingStories.Fold(ranked, Enumerable.Range(1, 5).ToDictionary(i => i, _ => 1), new HashSet<int>());
        Assert.Equal([9, 1], Ids(folded));
        Assert.Equal(Reads(5), folded[1].Score, 9);
    }

    [Fact]
    public void APinnedCopy_StandsForItsStory()
    {
        IReadOnlyList<TrendingEntry> ranked = [new(3, Reads(6)), new(1, Reads(5)), new(4, Reads(1))];
        var folded = TrendingStories.Fold(ranked, new Dictionary<int, int> { [3] = 3, [4] = 3 }, new HashSet<int> { 4 });
        Assert.Equal([4, 1], Ids(folded));
        Assert.Equal(Reads(7), folded[0].Score, 9);
    }

    [Fact]
    public void StoriesOfOne_AndTies_KeepTheStoresOrder()
    {
        IReadOnlyList<TrendingEntry> ranked = [new(1, Reads(5)), new(2, Reads(5)), new(3, Reads(4)), new(9, Reads(0.5))];
        Assert.Same(ranked, TrendingStories.Fold(ranked, new Dictionary<int, int>(), new HashSet<int>()));
        var folded = TrendingStories.Fold(ranked, new Dictionary<int, int> { [3] = 3, [9] = 3 }, new HashSet<int>());
        Assert.Equal([1, 2, 3], Ids(folded));
    }
}
