namespace Tidings.Core.Newsroom;

/// <summary>
/// An editor's pin: an article held at a position in 头条要闻 (no channel) or in a channel's top stories until it
/// expires. Automatic lists fill the positions around it.
/// </summary>
public sealed class CuratedSlot
{
    public const int MaxPosition = 10;

    public int Id { get; set; }

    /// <summary>Null: the home page's 头条要闻.</summary>
    public int? ChannelId { get; set; }

    public int ArticleId { get; set; }

    /// <summary>1 is the top.</summary>
    public int Position { get; set; }

    public DateTime ExpiresAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// The automatic list with the pinned items placed at their positions (1-based; a position past the end goes
    /// last) and taken out of where they would otherwise stand, so nothing shows twice.
    /// </summary>
    public static List<T> Place<T>(IEnumerable<T> automatic, IEnumerable<(int Position, T Item)> pinned, Func<T, int> id)
    {
        ArgumentNullException.ThrowIfNull(automatic);
        ArgumentNullException.ThrowIfNull(pinned);
        ArgumentNullException.ThrowIfNull(id);
        var pins = pinned.OrderBy(p => p.Position).ToList();
        var pinnedIds = pins.Select(p => id(p.Item)).ToHashSet();
        var list = automatic.Where(item => !pinnedIds.Contains(id(item))).ToList();
        foreach (var (position, item) in pins)
        {
            list.Insert(Math.Clamp(position - 1, 0, list.Count), item);
        }

        return list;
    }
}
