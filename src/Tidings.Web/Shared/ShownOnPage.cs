using Tidings.Web.Features.Articles;

namespace Tidings.Web.Shared;

/// <summary>
/// Keeps one story from appearing twice on a page: not the same article in two modules, and not two reprints of the
/// same story (near-duplicates share a story cluster).
/// </summary>
public sealed class ShownOnPage
{
    private readonly HashSet<int> _ids = [];
    private readonly HashSet<int> _stories = [];

    public void Mark(int id, int? storyId = null)
    {
        _ids.Add(id);
        if (storyId is not null)
        {
            _stories.Add(storyId.Value);
        }
    }

    /// <summary>Takes up to <paramref name="count"/> items not yet shown, and marks them shown.</summary>
    public List<ArticleCard> Take(IEnumerable<ArticleCard> candidates, int count)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var taken = new List<ArticleCard>(count);
        foreach (var item in candidates)
        {
            if (taken.Count == count)
            {
                break;
            }

            if (_ids.Contains(item.Id) || (item.StoryId is { } story && _stories.Contains(story)))
            {
                continue;
            }

            Mark(item.Id, item.StoryId);
            taken.Add(item);
        }

        return taken;
    }
}
