using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tidings.Core.Spike;

/// <summary>What happens to 跟贴 on the hottest articles while spike mode is on: the operator's choice.</summary>
public enum SpikeComments
{
    /// <summary>先审后发: comments are taken and held for a moderator.</summary>
    PreModerate,

    /// <summary>Read-only: the thread stays visible, new comments are politely refused.</summary>
    ReadOnly,
}

/// <summary>What a comment on an article meets under the current mode.</summary>
public enum CommentGate
{
    Open,
    Held,
    Closed,
}

/// <summary>
/// 突发新闻模式: the switch an operator throws on a big news day. <see cref="Until"/> ends it by itself unless renewed;
/// a switch in configuration (<see cref="FromConfiguration"/>) has no end and cannot be turned off from the newsroom.
/// </summary>
public sealed record SpikeState(bool On, SpikeComments Comments, DateTime? Since, DateTime? Until, string? By, bool FromConfiguration = false)
{
    public static readonly SpikeState Off = new(false, SpikeComments.PreModerate, null, null, null);

    public bool IsActive(DateTime now) => On && (Until is null || now < Until);
}

/// <summary>The rules of spike mode, one place for every door (newsroom, configuration, comment API and forms, pages).</summary>
public static class SpikeMode
{
    public const string SettingKey = "spike";
    public const double MinHours = 0.25;
    public const double MaxHours = 24;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Which articles' comments the mode touches: the hottest only; elsewhere readers talk as usual.</summary>
    public static CommentGate Gate(SpikeState state, DateTime now, bool articleIsHot)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!articleIsHot || !state.IsActive(now))
        {
            return CommentGate.Open;
        }

        return state.Comments == SpikeComments.ReadOnly ? CommentGate.Closed : CommentGate.Held;
    }

    /// <summary>A page's shared lifetime: the longer spike lifetime while the mode is on, never shorter than usual.</summary>
    public static TimeSpan Lifetime(SpikeState state, DateTime now, TimeSpan usual, TimeSpan spike)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.IsActive(now) && spike > usual ? spike : usual;
    }

    /// <summary>Turning it on (or renewing it) from the newsroom: for a bounded time, so a forgotten switch ends.</summary>
    public static SpikeState? TurnOn(SpikeComments comments, double hours, string by, DateTime now, SpikeState current, out string? error)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (double.IsNaN(hours) || hours < MinHours || hours > MaxHours)
        {
            error = $"hours must be between {MinHours} and {MaxHours}";
            return null;
        }

        if (!Enum.IsDefined(comments))
        {
            error = "unknown comment mode";
            return null;
        }

        error = null;
        // A renewal keeps when it began, so the dashboard says how long the site has been in this mode.
        var since = current.IsActive(now) && current.Since is { } s ? s : now;
        return new SpikeState(true, comments, since, now.AddHours(hours), by);
    }

    public static string Serialize(SpikeState state) => JsonSerializer.Serialize(state with { FromConfiguration = false }, Json);

    /// <summary>A stored value that cannot be read counts as off: a damaged row must not lock the site in spike mode.</summary>
    public static SpikeState Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return SpikeState.Off;
        }

        try
        {
            var state = JsonSerializer.Deserialize<SpikeState>(value, Json);
            // Only configuration may be on without an end; a stored switch always has one.
            return state is { On: true, Until: not null } ? state with { FromConfiguration = false } : SpikeState.Off;
        }
        catch (JsonException)
        {
            return SpikeState.Off;
        }
    }
}
