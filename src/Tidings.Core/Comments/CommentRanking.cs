namespace Tidings.Core.Comments;

/// <summary>
/// "Hot" comments: the Wilson lower bound of the 顶 share (confidence that readers like it, not just a raw count),
/// decayed by age. Because the decay factor 2^(-(now - created)/halfLife) is the same multiplier for every comment at
/// a given moment, the order only depends on ln(score) + ln2·created/halfLife: a key computed at vote time and indexed,
/// so a 10,000-comment thread is ordered without scoring it per request.
/// </summary>
public static class CommentRanking
{
    /// <summary>z for a 95 % interval.</summary>
    private const double Z = 1.96;

    /// <summary>Keeps unvoted comments comparable (ordered by recency) instead of all at minus infinity.</summary>
    private const double Floor = 0.01;

    private static readonly DateTime Epoch = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static double WilsonLowerBound(int up, int down)
    {
        var n = (double)up + down;
        if (n <= 0)
        {
            return 0;
        }

        var p = up / n;
        var z2 = Z * Z;
        return (p + (z2 / (2 * n)) - (Z * Math.Sqrt(((p * (1 - p)) + (z2 / (4 * n))) / n))) / (1 + (z2 / n));
    }

    public static double HotKey(int up, int down, DateTime createdAt, double halfLifeHours)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(halfLifeHours);
        var hours = (createdAt - Epoch).TotalHours;
        return Math.Log(WilsonLowerBound(up, down) + Floor) + (Math.Log(2) * hours / halfLifeHours);
    }

    /// <summary>The decayed score at <paramref name="now"/>, for display and tests (the order equals HotKey's).</summary>
    public static double HotScore(int up, int down, DateTime createdAt, DateTime now, double halfLifeHours) =>
        (WilsonLowerBound(up, down) + Floor) * Math.Pow(2, -(now - createdAt).TotalHours / halfLifeHours);
}
