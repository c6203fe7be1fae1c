namespace Tidings.Core.Search;

/// <summary>One known-item query: the reader remembers a few words of an article and expects to find it.</summary>
public sealed record KnownItemQuery(int ArticleId, string Query);

public sealed record KnownItemReport(int Queries, int Hits, double HitAt10, double Mrr, double P50Ms, double P95Ms, double P99Ms, IReadOnlyList<KnownItemQuery> Misses);

/// <summary>
/// Known-item search quality: for each query, the rank of its article in the top 10. hit@10 is the share found;
/// MRR the mean of 1/rank (0 when not in the top 10). Latency is measured one query at a time.
/// </summary>
public static class KnownItemEvaluation
{
    public static async Task<KnownItemReport> RunAsync(
        IReadOnlyList<KnownItemQuery> queries,
        Func<string, CancellationToken, Task<IReadOnlyList<int>?>> search,
        IProgress<int>? progress = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(search);
        var reciprocal = 0.0;
        var hits = 0;
        var latencies = new double[queries.Count];
        var misses = new List<KnownItemQuery>();
        for (var i = 0; i < queries.Count; i++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var ids = await search(queries[i].Query, ct);
            latencies[i] = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var rank = ids is null ? -1 : IndexOf(ids, queries[i].ArticleId);
            if (rank is >= 0 and < 10)
            {
                hits++;
                reciprocal += 1.0 / (rank + 1);
            }
            else if (misses.Count < 50)
            {
                misses.Add(queries[i]);
            }

            if (i % 100 == 99)
            {
                progress?.Report(i + 1);
            }
        }

        Array.Sort(latencies);
        var n = Math.Max(1, queries.Count);
        return new KnownItemReport(queries.Count, hits, (double)hits / n, reciprocal / n, Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99), misses);
    }

    public static double Percentile(double[] sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Length == 0)
        {
            return 0;
        }

        var index = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    private static int IndexOf(IReadOnlyList<int> ids, int id)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] == id)
            {
                return i;
            }
        }

        return -1;
    }
}
