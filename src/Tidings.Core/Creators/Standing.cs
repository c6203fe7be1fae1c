namespace Tidings.Core.Creators;

/// <summary>What lowered an account's standing.</summary>
public enum StandingReason
{
    /// <summary>The 原创 label was refused: the text copies an earlier article of another account.</summary>
    CopyRefused = 0,

    /// <summary>An editor took a published article of the account down (撤稿).</summary>
    Unpublished = 1,

    /// <summary>An editor sent a submission back to the account (退回).</summary>
    Returned = 2,

    /// <summary>Enough readers reported an article of the account.</summary>
    ReaderReports = 3,

    /// <summary>A moderator removed a comment the account posted.</summary>
    CommentRemoved = 4,
}

/// <summary>One thing that lowered an account's standing, and by how much when it happened.</summary>
public sealed class StandingEvent
{
    public const int NoteMaxLength = 200;

    public long Id { get; set; }

    public int SourceId { get; set; }

    public DateTime At { get; set; }

    public StandingReason Reason { get; set; }

    /// <summary>Points taken off (negative), before time restores them.</summary>
    public int Points { get; set; }

    public int? ArticleId { get; set; }

    public string? Note { get; set; }
}

/// <summary>How standing is kept (configuration section Tidings:Standing).</summary>
public sealed class StandingOptions
{
    /// <summary>Days after which a penalty counts half (and a quarter after twice as long): time restores standing.</summary>
    public double HalfLifeDays { get; set; } = 30;

    /// <summary>Below this an account is hidden from 热点推荐 and every submission goes to review.</summary>
    public int Low { get; set; } = 60;

    /// <summary>Distinct readers' reports of one article that count against its account (once per article).</summary>
    public int ReportsToPenalize { get; set; } = 5;

    /// <summary>
    /// At or above this a creator may publish their own articles without review (先发后审); 0, the default, keeps
    /// 先审后发 for every creator whatever their standing.
    /// </summary>
    public int Trusted { get; set; }
}

/// <summary>
/// 信用分: every account starts at 100; each event takes its points off, and each penalty halves every
/// <see cref="StandingOptions.HalfLifeDays"/>, so an account that stops offending recovers. One rule for the creator's
/// page, the trending lists and the editorial workflow.
/// </summary>
public static class Standing
{
    public const int Full = 100;

    /// <summary>Events older than this weigh less than a point in a hundred (with the default half-life): not read.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(365);

    public static int PointsFor(StandingReason reason) => reason switch
    {
        StandingReason.CopyRefused => -20,
        StandingReason.Unpublished => -10,
        StandingReason.ReaderReports => -5,
        StandingReason.CommentRemoved => -3,
        StandingReason.Returned => -2,
        _ => 0,
    };

    public static double Weight(DateTime at, DateTime utcNow, double halfLifeDays) =>
        Math.Pow(0.5, Math.Max(0, (utcNow - at).TotalDays) / halfLifeDays);

    /// <summary>The score now (0–100, whole points) after <paramref name="events"/>.</summary>
    public static int Score(IEnumerable<(DateTime At, int Points)> events, DateTime utcNow, double halfLifeDays)
    {
        ArgumentNullException.ThrowIfNull(events);
        var score = Full + events.Sum(e => e.Points * Weight(e.At, utcNow, halfLifeDays));
        return (int)Math.Clamp(Math.Round(score), 0, Full);
    }

    public static bool IsLow(int score, StandingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return score < options.Low;
    }

    /// <summary>Whether a creator with this score may publish without review.</summary>
    public static bool IsTrusted(int score, StandingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Trusted > 0 && score >= options.Trusted && score >= options.Low;
    }
}
