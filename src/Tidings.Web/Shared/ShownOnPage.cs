using Tidings.Web.Features.Articles;

namespace Tidings.Web.Shared;

/// <summary>Keeps one story from appearing in two modules of the same page.</summary>
public sealed class ShownOnPage
{
    private readonly HashSet<int> _ids = [];

    public void Mark(int id) => _ids.Add(id);

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

            if (_ids.Add(item.Id))
            {
                taken.Add(item);
            }
        }

        return taken;
    }
}
