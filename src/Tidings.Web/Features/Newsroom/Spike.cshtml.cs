using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidings.Core.Accounts;
using Tidings.Core.Spike;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Features.Spike;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Newsroom;

/// <summary>/newsroom/spike: 突发新闻模式, for admins: on for a set time (renewable), off, and what it is doing.</summary>
public sealed class SpikeModel(SpikeSwitch spike, [FromKeyedServices(Throttle.Newsroom)] Throttle throttle) : PageModel
{
    public static readonly double[] HourChoices = [0.5, 1, 2, 4, 8, 12, 24];

    public SpikeState State { get; private set; } = SpikeState.Off;
    public bool Active { get; private set; }
    public SpikeOptions Settings => spike.Options;

    [TempData]
    public string? Flash { get; set; }

    public IActionResult OnGet()
    {
        if (!User.Can(Permission.Spike))
        {
            return Forbid();
        }

        Load();
        return Page();
    }

    public async Task<IActionResult> OnPostOnAsync(string? comments, string? hours, CancellationToken ct)
    {
        if (await GuardAsync() is { } refused)
        {
            return refused;
        }

        var mode = comments switch
        {
            "ReadOnly" => SpikeComments.ReadOnly,
            "PreModerate" => SpikeComments.PreModerate,
            _ => (SpikeComments?)null,
        };
        if (mode is null)
        {
            ModelState.AddModelError("comments", Ui.ErrorUnknownChoice);
        }

        if (!double.TryParse(hours, NumberStyles.Float, CultureInfo.InvariantCulture, out var h))
        {
            ModelState.AddModelError("hours", NewsroomText.ErrorSpikeHours);
        }

        if (ModelState.ErrorCount == 0 && await spike.TurnOnAsync(User, mode!.Value, h, ct) is not null)
        {
            ModelState.AddModelError("hours", NewsroomText.ErrorSpikeHours);
        }

        if (ModelState.ErrorCount > 0)
        {
            Load();
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        Flash = NewsroomText.SpikeTurnedOn;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostOffAsync(CancellationToken ct)
    {
        if (await GuardAsync() is { } refused)
        {
            return refused;
        }

        await spike.TurnOffAsync(User, ct);
        Flash = NewsroomText.SpikeTurnedOff;
        return RedirectToPage();
    }


    private void Load()
    {
        ViewData["Section"] = "spike";
        ViewData.SetMeta(new PageMeta { Title = Ui.SpikeMode, NoIndex = true });
        State = spike.Current;
        Active = spike.IsActive;
    }

    private async Task<IActionResult?> GuardAsync()
    {
        if (!User.Can(Permission.Spike))
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
