namespace Tidings.Core.Newsroom;

/// <summary>
/// How long an editor's placement may last: a 头条 or channel pin, and a pin or suppression in a trending list. The
/// same bound at every door (the newsroom, the API and the CLI), so a forgotten placement always lapses: a story pinned
/// and forgotten would otherwise head the site long after it stopped being news.
/// </summary>
public static class PlacementLifetime
{
    /// <summary>Thirty days.</summary>
    public const double MaxHours = 24 * 30;

    /// <summary>Used when the API or CLI names no lifetime: the longest allowed, the nearest to "until removed".</summary>
    public const double DefaultHours = MaxHours;

    /// <summary>More than zero and at most <see cref="MaxHours"/> (NaN and infinities are not).</summary>
    public static bool IsValid(double hours) => hours is > 0 and <= MaxHours;
}
