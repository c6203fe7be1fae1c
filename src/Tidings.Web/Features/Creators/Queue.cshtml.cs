using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Accounts;
using Tidings.Core.Creators;
using Tidings.Core.Data;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Creators;

public sealed record ApplicationRow(CreatorApplication Application, string ApplicantName, string ApplicantUserName, string? Channel, string? Region);

/// <summary>入驻审核: the admins' queue of self-media applications, oldest waiting first, with approve, refuse and ask for changes.</summary>
[Authorize(Policy = AccountsExtensions.PolicyPrefix + nameof(Permission.Creators))]
public sealed class QueueModel(
    TidingsDbContext db,
    CreatorApplications applications,
    [FromKeyedServices(Throttle.Newsroom)] Throttle throttle) : PageModel
{
    public const int PageSize = 50;

    public static IReadOnlyList<(string Key, ApplicationStatus? Status, string Label)> Tabs =>
    [
        ("pending", ApplicationStatus.Pending, CreatorsText.StatusPending),
        ("changes", ApplicationStatus.ChangesRequested, CreatorsText.StatusChangesRequested),
        ("approved", ApplicationStatus.Approved, CreatorsText.StatusApproved),
        ("rejected", ApplicationStatus.Rejected, CreatorsText.StatusRejected),
        ("withdrawn", ApplicationStatus.Withdrawn, CreatorsText.StatusWithdrawn),
    ];

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? StatusKey { get; set; }

    [TempData]
    public string? Flash { get; set; }

    public string? Error { get; private set; }

    public IReadOnlyList<ApplicationRow> Rows { get; private set; } = [];

    public IReadOnlyDictionary<ApplicationStatus, int> Counts { get; private set; } = new Dictionary<ApplicationStatus, int>();

    public string Current => Tabs.Any(t => t.Key == StatusKey) ? StatusKey! : "pending";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (StatusKey is not null && Tabs.All(t => t.Key != StatusKey))
        {
            return NotFound();
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDecideAsync(int id, string? decision, string? reason, CancellationToken ct)
    {
        if (await throttle.TryAcquireAsync("user:" + User.UserId()) is { } wait)
        {
            await LoadAsync(ct);
            return this.TooFast(wait);
        }

        ApplicationDecision? parsed = decision switch
        {
            "approve" => ApplicationDecision.Approve,
            "reject" => ApplicationDecision.Reject,
            "changes" => ApplicationDecision.AskForChanges,
            _ => null,
        };
        if (parsed is null)
        {
            Error = Ui.ErrorUnknownChoice;
            await LoadAsync(ct);
            return this.Refused(StatusCodes.Status400BadRequest);
        }

        var outcome = await applications.DecideAsync(User, id, parsed.Value, reason, ct);
        if (!outcome.Succeeded)
        {
            Error = outcome.Error ?? string.Join(' ', outcome.Fields.Values);
            await LoadAsync(ct);
            return this.Refused(outcome.Status);
        }

        Flash = Phrase.Format(CreatorsText.CreatorDecided, $"{outcome.Application!.Name} · {ApplyModel.StatusName(outcome.Application.Status)}");
        return RedirectToPage(new { status = StatusKey });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        ViewData["Section"] = "creators";
        ViewData.SetMeta(new PageMeta { Title = Ui.CreatorQueue, NoIndex = true });
        var status = Tabs.First(t => t.Key == Current).Status!.Value;
        Counts = await db.CreatorApplications.AsNoTracking().GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var query = db.CreatorApplications.AsNoTracking().Where(a => a.Status == status);
        // The queue is first come, first served; the closed lists show the latest decisions first.
        query = status is ApplicationStatus.Pending or ApplicationStatus.ChangesRequested
            ? query.OrderBy(a => a.UpdatedAt).ThenBy(a => a.Id)
            : query.OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id);
        Rows = await query.Take(PageSize)
            .Select(a => new ApplicationRow(
                a,
                db.Users.Where(u => u.Id == a.ApplicantId).Select(u => u.DisplayName).FirstOrDefault() ?? string.Empty,
                db.Users.Where(u => u.Id == a.ApplicantId).Select(u => u.UserName).FirstOrDefault() ?? string.Empty,
                db.Channels.Where(c => c.Id == a.ChannelId).Select(c => c.Name).FirstOrDefault(),
                db.Regions.Where(r => r.Id == a.RegionId).Select(r => r.Name).FirstOrDefault()))
            .ToListAsync(ct);
    }

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
