using Tidings.Core.Search;

namespace Tidings.Tests.Search;

public sealed class KnownItemEvaluationTests
{
    [Fact]
    public async Task RunAsync_ComputesHitAt10AndMrr()
    {
        KnownItemQuery[] queries = [new(1, "a"), new(2, "b"), new(3, "c"), new(4, "d")];
        var ranked = new Dictionary<string, IReadOnlyList<int>?>
        {
            ["a"] = [1, 9],                                  // rank 1
            ["b"] = [9, 2],                                  // rank 2
            ["c"] = [.. Enumerable.Range(100, 10), 3],       // rank 11: a miss
            ["d"] = null,                                    // not searchable: a miss
        };
        var report = await KnownItemEvaluation.RunAsync(queries, (q, _) => Task.FromResult(ranked[q]), ct: TestContext.Current.CancellationToken);
        Assert.Equal(2, report.Hits);
        Assert.Equal(0.5, report.HitAt10);
        Assert.Equal((1.0 + 0.5) / 4, report.Mrr, 6);
        Assert.Equal([3, 4], report.Misses.Select(m => m.ArticleId));
    }

    [Fact]
    public void Percentile_NearestRank() =>
        Assert.Equal(95, KnownItemEvaluation.Percentile([.. Enumerable.Range(1, 100).Select(i => (double)i)], 0.95));
}
