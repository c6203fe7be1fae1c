using Tidings.Core.Trending;

namespace Tidings.Tests.Trending;

public sealed class TrendingStoriesTests
{
    private static List<(int Id, double Score)> Pairs(IReadOnlyList<TrendingEntry> list) => list.Select(e => (e.ArticleId, e.Score)).ToList();

    [Fact]
    public void ThreeOutletsCopiesOfOneStory_CountOnce_WithTheirReadersAddedUp()
    {
        // Story 7 is reported by 3, 4 and 5; each copy alone ranks below article 1, together they lead.
        IReadOnlyList<TrendingEntry> ranked = [new(1, 10), new(3, 6), new(2, 5), new(4, 4), new(5, 3)];
        var folded = TrendingStories.Fold(ranked, new Dictionary<int, int> { [3] = 7, [4] = 7, [5] = 7 }, new HashSet<int>());
        Assert.Equal([(3, 13), (1, 10), (2, 5)], Pairs(folded));
    }

    [Fact]
    public void APinnedCopy_StandsForItsStory()
    {
        IReadOnlyList<TrendingEntry> ranked = [new(3, 6), new(1, 5), new(4, 1)];
        var folded = TrendingStories.Fold(ranked, new Dictionary<int, int> { [3] = 3, [4] = 3 }, new HashSet<int> { 4 });
        Assert.Equal([(4, 7), (1, 5)], Pairs(folded));
    }

    [Fact]
    public void StoriesOfOne_AndTies_KeepTheStoresOrder()
    {
        IReadOnlyList<TrendingEntry> ranked = [new(1, 5), new(2, 5), new(3, 4), new(9, 1)];
        Assert.Same(ranked, TrendingStories.Fold(ranked, new Dictionary<int, int>(), new HashSet<int>()));
        var folded = TrendingStories.Fold(ranked, new Dictionary<int, int> { [3] = 3, [9] = 3 }, new HashSet<int>());
        Assert.Equal([(1, 5), (2, 5), (3, 5)], Pairs(folded));
    }
}
