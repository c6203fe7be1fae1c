namespace Tidings.Core.Related;

/// <summary>A scored candidate for a related list: its story (near-duplicate cluster, if any) and source.</summary>
public readonly record struct RelatedCandidate(int Id, int SourceId, int? ClusterId, double Score);

/// <summary>
/// The picking step of a related list, apart from the scoring: best first, never the article's own story, one report
/// per story, and at most <c>maxPerSource</c> items of one source in each block of ten, so a prolific account cannot
/// fill the list (the reference page's 相关推荐 mixes outlets). A candidate held back by the source rule does not use
/// up its story: another report of the same story from another source may still come.
/// </summary>
public static class RelatedPicker
{
    public const int BlockSize = 10;

    /// <param name="ranked">Candidates best first (ties broken by the caller).</param>
    /// <param name="ownStory">The subject's cluster; its other reports are never related items.</param>
    public static IReadOnlyList<RelatedCandidate> Pick(IEnumerable<RelatedCandidate> ranked, int? ownStory, int count, int maxPerSource)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        var picked = new List<RelatedCandidate>(count);
        var stories = new HashSet<int>();
        var perSource = new Dictionary<(int Block, int Source), int>();
        foreach (var c in ranked)
        {
            if (picked.Count >= count)
            {
                break;
            }

            // An article without a cluster is a story of its own (negative ids cannot meet cluster ids).
            var story = c.ClusterId ?? -c.Id;
            if ((ownStory is not null && c.ClusterId == ownStory) || stories.Contains(story))
            {
                continue;
            }

            var key = (picked.Count / BlockSize, c.SourceId);
            if (perSource.GetValueOrDefault(key) >= maxPerSource)
            {
                continue;
            }

            stories.Add(story);
            perSource[key] = perSource.GetValueOrDefault(key) + 1;
            picked.Add(c);
        }

        return picked;
    }
}
