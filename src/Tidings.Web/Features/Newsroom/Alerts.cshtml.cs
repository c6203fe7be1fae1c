using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidings.Core.Accounts;
using Tidings.Core.Breaking;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Features.Alerts;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Newsroom;

/// <summary>
/// /newsroom/alerts: the 突发 banner (editors: text, link, end) and 哀悼日 (admins, as with 突发新闻模式: now or
/// scheduled, with an end). Both are in force on every node within a poll and audited.
/// </summary>
public sealed class AlertsModel(AlertSwitch alerts, SiteContext site, [FromKeyedServices(Throttle.Newsroom)] Throttle throttle) : PageModel
{
    public BreakingBanner? Banner { get; private set; }
    public bool BannerShown { get; private set; }
    public MourningDay? Mourning { get; private set; }
    public bool MourningNow { get; private set; }
    public bool MayMourn { get; private set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public string? Link { get; set; }

    [BindProperty]
    public string? Until { get; set; }

    [BindProperty]
    public string? From { get; set; }

    [BindProperty]
    public string? MourningUntil { get; set; }

    [TempData]
    public string? Flash { get; set; }

    public IActionResult OnGet()
    {
        if (!User.Can(Permission.Publish))
        {
            return Forbid();
        }

        Load();
        Until ??= site.Field(site.UtcNow.AddHours(2));
        MourningUntil ??= site.Field(site.UtcNow.AddHours(24));
        return Page();
    }

    public async Task<IActionResult> OnPostBannerAsync(CancellationToken ct)
    {
        if (await GuardAsync(Permission.Publish) is { } refused)
        {
            return refused;
        }

        if (!site.TryParseField(Until, out var until))
        {
            ModelState.AddModelError(nameof(Until), NewsroomText.ErrorTimeFormat);
        }
        else if (await alerts.SetBannerAsync(User, Text, Link, until, ct) is { } error)
        {
            var (field, message) = error switch
            {
                "url" => (nameof(Link), NewsroomText.ErrorBannerUrl),
                "until" => (nameof(Until), NewsroomText.ErrorBannerUntil),
                _ => (nameof(Text), NewsroomText.ErrorBannerText),
            };
            ModelState.AddModelError(field, message);
        }

        if (ModelState.ErrorCount > 0)
        {
            Load();
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        Flash = NewsroomText.BannerSaved;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostClearBannerAsync(CancellationToken ct)
    {
        if (await GuardAsync(Permission.Publish) is { } refused)
        {
            return refused;
        }

        await alerts.ClearBannerAsync(User, ct);
        Flash = NewsroomText.BannerCleared;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostMourningAsync(CancellationToken ct)
    {
        if (await GuardAsync(Permission.Spike) is { } refused)
        {
            return refused;
        }

        if (!site.TryParseField(From, out var from) || !site.TryParseField(MourningUntil, out var until))
        {
            ModelState.AddModelError(nameof(MourningUntil), NewsroomText.ErrorTimeFormat);
        }
        else if (await alerts.SetMourningAsync(User, from, until, ct) is not null)
        {
            ModelState.AddModelError(nameof(MourningUntil), NewsroomText.ErrorMourningTimes);
        }

        if (ModelState.ErrorCount > 0)
        {
            Load();
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        Flash = NewsroomText.MourningSaved;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEndMourningAsync(CancellationToken ct)
    {
        if (await GuardAsync(Permission.Spike) is { } refused)
        {
            return refused;
        }

        await alerts.EndMourningAsync(User, ct);
        Flash = NewsroomText.MourningEnded;
        return RedirectToPage();
    }

    private void Load()
    {
        ViewData["Section"] = "alerts";
        ViewData.SetMeta(new PageMeta { Title = Ui.AlertsPage, NoIndex = true });
        var now = site.UtcNow;
        Banner = alerts.StoredBanner is { } b && b.IsActive(now) ? b : null;
        BannerShown = alerts.Banner is not null;
        Mourning = alerts.StoredMourning is { } m && now < m.Until ? m : null;
        // From the same instant as the line above: a mourning day ending between two looks must not read as scheduled.
        MourningNow = Mourning?.IsActive(now) == true;
        MayMourn = User.Can(Permission.Spike);
    }

    private async Task<IActionResult?> GuardAsync(Permission permission)
    {
        if (!User.Can(permission))
        {
            return Forbid();
        }

        if (await throttle.TryAcquireAsync("user:" + User.UserId()) is { } wait)
        {
            Load();
            return this.TooFast(wait);
        }

        return null;
    }
}
