using System.Globalization;

namespace Tidings.Core.Comments;

/// <summary>
/// The 盖楼 chain a reply quotes: its parent's chain plus the parent. Stored as ids on the reply so a page loads every
/// floor it shows in one query, without walking parents. Past <see cref="Comment.MaxFloors"/> the middle floors go,
/// the first and the latest stay (what a reader sees when the chain is collapsed anyway).
/// </summary>
public static class CommentChain
{
    public static IReadOnlyList<long> Parse(string? chain)
    {
        if (string.IsNullOrEmpty(chain))
        {
            return [];
        }

        var parts = chain.Split(',');
        var ids = new List<long>(parts.Length);
        foreach (var part in parts)
        {
            if (long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>The chain and floor count of a reply to <paramref name="parent"/>.</summary>
    public static (string Chain, int Floors) ReplyTo(Comment parent)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var ids = Parse(parent.Chain).Append(parent.Id).ToList();
        if (ids.Count > Comment.MaxFloors)
        {
            ids = [ids[0], .. ids.Skip(ids.Count - (Comment.MaxFloors - 1))];
        }

        return (string.Join(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture))), parent.Floors + 1);
    }
}
