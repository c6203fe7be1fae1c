using Tidings.Core.Related;

namespace Tidings.Tests.Related;

public sealed class RelatedPickerTests
{
    private static RelatedCandidate C(int id, int source, int? cluster = null) => new(id, source, cluster, 100 - id);

    private static List<int> Ids(IEnumerable<RelatedCandidate> picked) => [.. picked.Select(p => p.Id)];

    [Fact]
    public void TheBestComeFirst_UpToTheCount()
    {
        var ranked = Enumerable.Range(1, 30).Select(i => C(i, source: i)).ToList();
        Assert.Equal(Enumerable.Range(1, 12).ToList(), Ids(RelatedPicker.Pick(ranked, ownStory: null, count: 12, maxPerSource: 1)));
    }

    [Fact]
    public void OneStory_IsReportedOnce_AndTheArticlesOwnStoryNever()
    {
        var ranked = new[] { C(1, 1, cluster: 7), C(2, 2, cluster: 9), C(3, 3, cluster: 9), C(4, 4), C(5, 5, cluster: 7) };
        Assert.Equal([2, 4], Ids(RelatedPicker.Pick(ranked, ownStory: 7, count: 10, maxPerSource: 1)));
    }

    [Fact]
    public void AtMostNPerSource_InEachBlockOfTen()
    {
        // Source 1 writes the best half of everything; with one per ten, it appears once in each block.
        var ranked = Enumerable.Range(1, 40).Select(i => C(i, source: i % 2 == 1 ? 1 : i)).ToList();
        var picked = RelatedPicker.Pick(ranked, ownStory: null, count: 20, maxPerSource: 1);
        Assert.Equal(20, picked.Count);
        Assert.Equal(1, picked.Take(10).Count(p => p.SourceId == 1));
        Assert.Equal(1, picked.Skip(10).Count(p => p.SourceId == 1));

        var two = RelatedPicker.Pick(ranked, ownStory: null, count: 10, maxPerSource: 2);
        Assert.Equal(2, two.Count(p => p.SourceId == 1));
    }

    [Fact]
    public void AReportHeldBackByItsSource_LeavesItsStoryToAnotherSource()
    {
        // 2 is held back (source 1 already has 1); 3 reports the same story from another source and is taken.
        var ranked = new[] { C(1, 1), C(2, 1, cluster: 5), C(3, 2, cluster: 5) };
        Assert.Equal([1, 3], Ids(RelatedPicker.Pick(ranked, ownStory: null, count: 10, maxPerSource: 1)));
    }

    [Fact]
    public void FewCandidates_GiveAShortList_NotAnError() =>
        Assert.Empty(RelatedPicker.Pick([], ownStory: 3, count: 10, maxPerSource: 1));
}
