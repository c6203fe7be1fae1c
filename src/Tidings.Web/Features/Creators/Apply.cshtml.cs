using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Creators;
using Tidings.Core.Data;
using Tidings.Core.Media;
using Tidings.Core.Sources;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Features.Newsroom;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Creators;

/// <summary>The form fields of /creators/apply, bound as posted.</summary>
public sealed class ApplyFields
{
    public string? Name { get; set; }
    public string? Slug { get; set; }
    public string? Bio { get; set; }
    public int? ChannelId { get; set; }
    public int? RegionId { get; set; }
    public AccountKind? Kind { get; set; }
    public string? Contact { get; set; }
    public string? Credential { get; set; }
    public bool AcceptTerms { get; set; }

    public ApplicationForm ToForm() => new(Name, Slug, Bio, ChannelId, RegionId, Kind, Contact, Credential, AcceptTerms);

    public static ApplyFields From(CreatorApplication a) => new()
    {
        Name = a.Name,
        Slug = a.Slug,
        Bio = a.Bio,
        ChannelId = a.ChannelId,
        RegionId = a.RegionId,
        Kind = a.Kind,
        Contact = a.Contact,
        Credential = a.Credential,
    };
}

/// <summary>
/// 自媒体入驻 for a signed-in reader: the application form, then its status and the admins' reason; while the admins
/// wait on the applicant, the form comes back filled in to edit and send again.
/// </summary>
[Authorize]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class ApplyModel(
    TidingsDbContext db,
    CreatorApplications applications,
    [FromKeyedServices(Throttle.Newsroom)] Throttle throttle) : PageModel
{
    private const int MaxRequestBytes = (int)CoverImages.MaxBytes + (1024 * 1024);

    [BindProperty]
    public ApplyFields Fields { get; set; } = new();

    [BindProperty]
    public IFormFile? Avatar { get; set; }

    [TempData]
    public string? Flash { get; set; }

    public CreatorApplication? Latest { get; private set; }

    public bool IsCreator { get; private set; }

    public IReadOnlyList<Choice> Channels { get; private set; } = [];

    public IReadOnlyList<Choice> Regions { get; private set; } = [];

    /// <summary>Whether the form is shown: no application yet, one the admins wait on, or a closed one to follow with a new one.</summary>
    public bool ShowForm => !IsCreator && (Latest is null || ApplicationRules.CanEdit(Latest.Status) || Latest.Status is ApplicationStatus.Rejected or ApplicationStatus.Withdrawn);

    public static string StatusName(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Pending => CreatorsText.StatusPending,
        ApplicationStatus.ChangesRequested => CreatorsText.StatusChangesRequested,
        ApplicationStatus.Approved => CreatorsText.StatusApproved,
        ApplicationStatus.Rejected => CreatorsText.StatusRejected,
        _ => CreatorsText.StatusWithdrawn,
    };

    public static string KindName(AccountKind kind) => Following.SourceProfile.KindName(kind);

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Latest is { } latest && ApplicationRules.CanEdit(latest.Status))
        {
            Fields = ApplyFields.From(latest);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await throttle.TryAcquireAsync("user:" + User.UserId()) is { } wait)
        {
            await LoadAsync(ct);
            return this.TooFast(wait);
        }

        byte[]? upload = null;
        if (Avatar is { Length: > 0 } file)
        {
            using var buffer = new MemoryStream((int)Math.Min(file.Length, CoverImages.MaxBytes + 1));
            await file.CopyToAsync(buffer, ct);
            upload = buffer.ToArray();
        }

        var outcome = await applications.SubmitAsync(User, Fields.ToForm(), upload, ct);
        if (outcome.Succeeded)
        {
            Flash = CreatorsText.ApplySent;
            return RedirectToPage();
        }

        foreach (var (field, message) in outcome.Fields)
        {
            ModelState.AddModelError(field == "Avatar" ? nameof(Avatar) : "Fields." + field, message);
        }

        if (outcome.Error is { } error)
        {
            ModelState.AddModelError(string.Empty, error);
        }

        await LoadAsync(ct);
        return this.Refused(outcome.Status);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(int id, CancellationToken ct)
    {
        var outcome = await applications.WithdrawAsync(User, id, ct);
        if (!outcome.Succeeded)
        {
            ModelState.AddModelError(string.Empty, outcome.Error ?? CreatorsText.ApplyWrongState);
            await LoadAsync(ct);
            return this.Refused(outcome.Status);
        }

        Flash = CreatorsText.ApplyWithdrawn;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        ViewData.SetMeta(new PageMeta { Title = CreatorsText.ApplyTitle, NoIndex = true });
        Response.Headers.CacheControl = "private, no-store";
        var me = User.UserId()!.Value;
        Latest = await applications.LatestAsync(me, ct);
        IsCreator = User.SourceId() is not null || await db.Users.AnyAsync(u => u.Id == me && u.SourceId != null, ct);
        Channels = await db.Channels.AsNoTracking().OrderBy(c => c.SortOrder).Select(c => new Choice(c.Id, c.Name)).ToListAsync(ct);
        Regions = await db.Regions.AsNoTracking().OrderBy(r => r.SortOrder).Select(r => new Choice(r.Id, r.Name)).ToListAsync(ct);
    }
}
