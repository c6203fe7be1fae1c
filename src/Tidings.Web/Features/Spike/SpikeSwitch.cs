using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidings.Core.Data;
using Tidings.Core.Newsroom;
using Tidings.Core.Spike;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Infrastructure;

namespace Tidings.Web.Features.Spike;

public sealed class SpikeOptions
{
    /// <summary>Spike mode from configuration: on for as long as the setting says so (a known big day, a drill).</summary>
    public bool On { get; set; }

    /// <summary>With <see cref="On"/>: "PreModerate" (先审后发) or "ReadOnly" for the hottest articles' comments.</summary>
    public SpikeComments Comments { get; set; } = SpikeComments.PreModerate;

    /// <summary>Article pages' shared lifetime while on (usually <c>Tidings:Cache:ArticleSeconds</c>).</summary>
    public int ArticleSeconds { get; set; } = 300;

    /// <summary>Home and list pages' shared lifetime while on (usually <c>Tidings:Cache:PageSeconds</c>).</summary>
    public int PageSeconds { get; set; } = 15;

    /// <summary>How many of the day's most-read articles count as "the hottest" for the comment rule.</summary>
    public int HotArticles { get; set; } = 10;

    /// <summary>How often trending lists are recomputed while on (usually every 2 s).</summary>
    public int TrendingListSeconds { get; set; } = 15;

    /// <summary>How often each node reads the switch.</summary>
    public int PollSeconds { get; set; } = 2;
}

/// <summary>
/// The spike mode switch as every node sees it: the newsroom's setting (a row every node polls) unless configuration
/// turns it on. A change of the effective mode makes this node's cached pages stale (they show the comment notice and
/// take the new lifetimes), and the mode ends by itself at its end time: the first node to notice writes the audit
/// entry, with a conditional update so only one does.
/// </summary>
public sealed partial class SpikeSwitch(
    IServiceScopeFactory scopes, IOptionsMonitor<SpikeOptions> options, ContentChanges changes, TimeProvider time, ILogger<SpikeSwitch> logger) : BackgroundService
{
    public const string SystemActor = "system";

    private SpikeState _stored = SpikeState.Off;
    private string? _storedValue;
    private (bool Active, SpikeComments Comments) _effective;

    public SpikeOptions Options => options.CurrentValue;

    /// <summary>The effective state: configuration first, else the newsroom's switch.</summary>
    public SpikeState Current => Options.On
        ? new SpikeState(true, Options.Comments, null, null, "configuration", FromConfiguration: true)
        : Volatile.Read(ref _stored);

    public bool IsActive => Current.IsActive(time.GetUtcNow().UtcDateTime);

    /// <summary>Turns it on or renews it from the newsroom; returns the error for the form, or null.</summary>
    public async Task<string?> TurnOnAsync(ClaimsPrincipal user, SpikeComments comments, double hours, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = time.GetUtcNow().UtcDateTime;
        var before = Current;
        var next = SpikeMode.TurnOn(comments, hours, user.DisplayName(), now, before, out var error);
        if (next is null)
        {
            return error;
        }

        var renewing = before.IsActive(now) && !before.FromConfiguration;
        await WriteAsync(next, user.DisplayName(), renewing ? "spike-renew" : "spike-on", Describe(next), ct);
        return null;
    }

    public async Task TurnOffAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        await WriteAsync(SpikeState.Off, user.DisplayName(), "spike-off", null, ct);
    }

    /// <summary>Reads the switch now (the poll does this every few seconds; a change made on this node does it at once).</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
        var row = await db.SiteSettings.AsNoTracking().Where(s => s.Key == SpikeMode.SettingKey).Select(s => s.Value).FirstOrDefaultAsync(ct);
        if (row != _storedValue)
        {
            _storedValue = row;
            Volatile.Write(ref _stored, SpikeMode.Parse(row));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var stored = Volatile.Read(ref _stored);
        if (stored.On && !stored.IsActive(now) && row is not null)
        {
            // Its time is up: switched off once, by whichever node gets here first.
            var off = SpikeMode.Serialize(SpikeState.Off);
            if (await db.SiteSettings.Where(s => s.Key == SpikeMode.SettingKey && s.Value == row)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Value, off).SetProperty(x => x.UpdatedAt, now).SetProperty(x => x.UpdatedBy, SystemActor), ct) == 1)
            {
                db.AuditLog.Add(new AuditEntry { At = now, Actor = SystemActor, Action = "spike-expired", Detail = Describe(stored) });
                await db.SaveChangesAsync(ct);
                Log.Expired(logger);
            }
        }

        var active = IsActive;
        var effective = (active, active ? Current.Comments : SpikeComments.PreModerate);
        if (effective != _effective)
        {
            _effective = effective;
            Log.Switched(logger, active, Current.Comments);
            // Pages rendered under the other mode turn stale: notices, forms and lifetimes follow within one render.
            await changes.ChangedHereAsync(ct);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, Options.PollSeconds)), time);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database away: the last known mode stays in force until it answers again.
                Log.PollFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static string Describe(SpikeState state) => string.Create(
        CultureInfo.InvariantCulture,
        $"comments {(state.Comments == SpikeComments.ReadOnly ? "read-only" : "pre-moderated")}{(state.Until is { } until ? "; until " + until.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : string.Empty)}");

    private async Task WriteAsync(SpikeState state, string actor, string action, string? detail, CancellationToken ct)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
            var now = time.GetUtcNow().UtcDateTime;
            var value = SpikeMode.Serialize(state);
            var row = await db.SiteSettings.FirstOrDefaultAsync(s => s.Key == SpikeMode.SettingKey, ct);
            if (row is null)
            {
                db.SiteSettings.Add(new SiteSetting { Key = SpikeMode.SettingKey, Value = value, UpdatedAt = now, UpdatedBy = actor });
            }
            else
            {
                row.Value = value;
                row.UpdatedAt = now;
                row.UpdatedBy = actor;
            }

            db.AuditLog.Add(new AuditEntry { At = now, Actor = actor, Action = action, Detail = detail });
            await db.SaveChangesAsync(ct);
        }

        await RefreshAsync(ct);
        // Other nodes read the switch within PollSeconds; telling them content changed makes their pages stale now.
        await changes.ChangedAsync(ct);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 901, EventName = "SpikeSwitch.Switched", Level = LogLevel.Warning, Message = "Spike mode is now {Active} (comments on the hottest articles: {Comments})")]
        public static partial void Switched(ILogger logger, bool active, SpikeComments comments);

        [LoggerMessage(EventId = 902, EventName = "SpikeSwitch.Expired", Level = LogLevel.Information, Message = "Spike mode reached its end time and was switched off")]
        public static partial void Expired(ILogger logger);

        [LoggerMessage(EventId = 903, EventName = "SpikeSwitch.PollFailed", Level = LogLevel.Warning, Message = "Could not read the spike mode switch; keeping the last known state")]
        public static partial void PollFailed(ILogger logger, Exception e);
    }
}
