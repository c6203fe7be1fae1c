using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidings.Core.Breaking;
using Tidings.Core.Data;
using Tidings.Core.Newsroom;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Infrastructure;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Alerts;

public sealed class AlertOptions
{
    /// <summary>How often each node reads the banner and the 哀悼日 switch (and notices a scheduled start or end).</summary>
    public int PollSeconds { get; set; } = 2;

    /// <summary>Show the 突发 banner in 关怀版 too; an operator may keep care mode free of it.</summary>
    public bool BannerInCareMode { get; set; } = true;
}

/// <summary>
/// The 突发 banner and 哀悼日 as every node sees them: two site settings each node polls. Both are rendered into the
/// pages themselves (cached ones included); whenever what a page should show changes — an editor's change, or a
/// scheduled start or end the poll notices — the node's cached pages turn stale, so no page shows an old banner for
/// longer than one poll.
/// </summary>
public sealed partial class AlertSwitch(
    IServiceScopeFactory scopes, IOptions<AlertOptions> options, ContentChanges changes, TimeProvider time, SiteContext site, ILogger<AlertSwitch> logger) : BackgroundService
{
    private (string? Banner, string? Mourning) _stored;
    private BreakingBanner? _banner;
    private MourningDay? _mourning;
    private (string? Banner, bool Mourning) _shown;

    public AlertOptions Options => options.Value;

    /// <summary>The stored banner, whether or not its time is up (the newsroom shows it).</summary>
    public BreakingBanner? StoredBanner => Volatile.Read(ref _banner);

    public MourningDay? StoredMourning => Volatile.Read(ref _mourning);

    /// <summary>The banner pages show now: none after its end, and none on a 哀悼日.</summary>
    public BreakingBanner? Banner
    {
        get
        {
            var now = time.GetUtcNow().UtcDateTime;
            return StoredBanner is { } b && b.IsActive(now) && !MourningNow ? b : null;
        }
    }

    public bool MourningNow => StoredMourning is { } m && m.IsActive(time.GetUtcNow().UtcDateTime);

    public async Task<string?> SetBannerAsync(ClaimsPrincipal user, string? text, string? url, DateTime? until, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var banner = SiteAlerts.Banner(text, url, until, user.DisplayName(), time.GetUtcNow().UtcDateTime, out var error);
        if (banner is null)
        {
            return error;
        }

        await WriteAsync(SiteAlerts.BannerKey, SiteAlerts.Serialize(banner), user.DisplayName(), "banner-on", $"{banner.Text} → {banner.Url}{Ui.InSiteLanguage(() => Ui.Semicolon)}{site.Minute(banner.Until)}", ct);
        return null;
    }

    public Task ClearBannerAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        return WriteAsync(SiteAlerts.BannerKey, null, user.DisplayName(), "banner-off", StoredBanner?.Text, ct);
    }

    public async Task<string?> SetMourningAsync(ClaimsPrincipal user, DateTime? from, DateTime? until, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var day = SiteAlerts.Mourning(from, until, user.DisplayName(), time.GetUtcNow().UtcDateTime, out var error);
        if (day is null)
        {
            return error;
        }

        var detail = (day.From is { } start ? site.Minute(start) : Ui.MourningNow) + " → " + site.Minute(day.Until);
        await WriteAsync(SiteAlerts.MourningKey, SiteAlerts.Serialize(day), user.DisplayName(), "mourning-on", detail, ct);
        return null;
    }

    public Task EndMourningAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        return WriteAsync(SiteAlerts.MourningKey, null, user.DisplayName(), "mourning-off", null, ct);
    }

    /// <summary>Reads both switches now (the poll does this every few seconds; a change made here does it at once).</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
            var rows = await db.SiteSettings.AsNoTracking()
                .Where(s => s.Key == SiteAlerts.BannerKey || s.Key == SiteAlerts.MourningKey)
                .ToDictionaryAsync(s => s.Key, s => s.Value, ct);
            var stored = (rows.GetValueOrDefault(SiteAlerts.BannerKey), rows.GetValueOrDefault(SiteAlerts.MourningKey));
            if (stored != _stored)
            {
                _stored = stored;
                Volatile.Write(ref _banner, SiteAlerts.Parse<BreakingBanner>(stored.Item1));
                Volatile.Write(ref _mourning, SiteAlerts.Parse<MourningDay>(stored.Item2));
            }
        }

        var shown = (Banner is { } b ? SiteAlerts.Serialize(b) : null, MourningNow);
        if (shown != _shown)
        {
            _shown = shown;
            Log.Changed(logger, shown.Item1 is not null, shown.MourningNow);
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
                // The database away: the last known banner and mode stay until it answers again.
                Log.PollFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task WriteAsync(string key, string? value, string actor, string action, string? detail, CancellationToken ct)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
            var now = time.GetUtcNow().UtcDateTime;
            var row = await db.SiteSettings.FirstOrDefaultAsync(s => s.Key == key, ct);
            if (value is null)
            {
                if (row is not null)
                {
                    db.SiteSettings.Remove(row);
                }
            }
            else if (row is null)
            {
                db.SiteSettings.Add(new SiteSetting { Key = key, Value = value, UpdatedAt = now, UpdatedBy = actor });
            }
            else
            {
                (row.Value, row.UpdatedAt, row.UpdatedBy) = (value, now, actor);
            }

            db.AuditLog.Add(new AuditEntry { At = now, Actor = actor, Action = action, Detail = detail });
            await db.SaveChangesAsync(ct);
        }

        await RefreshAsync(ct);
        // Other nodes read the switches within PollSeconds; this makes their pages stale at once as well.
        await changes.ChangedAsync(ct);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2501, EventName = "AlertSwitch.Changed", Level = LogLevel.Information, Message = "Site alerts changed: banner shown {Banner}, 哀悼日 {Mourning}")]
        public static partial void Changed(ILogger logger, bool banner, bool mourning);

        [LoggerMessage(EventId = 2502, EventName = "AlertSwitch.PollFailed", Level = LogLevel.Warning, Message = "Could not read the banner and 哀悼日 switches; keeping the last known state")]
        public static partial void PollFailed(ILogger logger, Exception e);
    }
}
