using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Accounts;
using Tidings.Core.Data;
using Tidings.Core.Live;
using Tidings.Core.Media;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Features.Newsroom;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Live;

public sealed record LiveEntryRow(long Id, DateTime At, LiveEntryKind Kind, string Body, string? Attribution, int? Embed, bool Pinned, string AuthorName, string? ImageUrl, string? ImageAlt);

// Outside /Newsroom, so the folder's policy does not cover it: the page says who may open it (its handlers check too).
/// <summary>/newsroom/articles/{id}/live: the desk's side of a 滚动直播 — start or end it, post entries, pin 要点, remove.</summary>
[Authorize(Policy = AccountsExtensions.PolicyPrefix + nameof(Permission.Publish))]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class LiveNewsroomModel(TidingsDbContext db, LiveDesk desk, [FromKeyedServices(Throttle.Newsroom)] Throttle throttle) : PageModel
{
    // A picture at the covers' limit and the entry's text beside it.
    private const int MaxRequestBytes = (int)CoverImages.MaxBytes + (64 * 1024);

    public int ArticleId { get; private set; }
    public string Title { get; private set; } = string.Empty;
    public LiveStatus Status { get; private set; }
    public DateTime? EndedAt { get; private set; }
    public IReadOnlyList<LiveEntryRow> Entries { get; private set; } = [];
    public string? Error { get; private set; }

    [TempData]
    public string? Flash { get; set; }

    [BindProperty]
    public LiveEntryKind Kind { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public string? Attribution { get; set; }

    [BindProperty]
    public string? Embed { get; set; }

    [BindProperty]
    public bool Confirm { get; set; }

    [BindProperty]
    public IFormFile? ImageFile { get; set; }

    [BindProperty]
    public string? ImageAlt { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        !User.Can(Permission.Publish) ? Forbid() : await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostStartAsync(int id, CancellationToken ct) => StatusAsync(id, LiveStatus.Live, ct);

    public Task<IActionResult> OnPostEndAsync(int id, CancellationToken ct) => StatusAsync(id, LiveStatus.Ended, ct);

    public async Task<IActionResult> OnPostEntryAsync(int id, CancellationToken ct)
    {
        if (await GuardAsync(id, ct) is { } refused)
        {
            return refused;
        }

        var (image, tooLarge) = Kind == LiveEntryKind.Image ? await PictureUploads.ReadAsync(ImageFile, ct) : (null, null);
        if (tooLarge is not null)
        {
            return await OutcomeAsync(id, DeskOutcome.Invalid(new Dictionary<string, string> { [nameof(ImageFile)] = tooLarge }), null, ct);
        }

        return await OutcomeAsync(id, await desk.PostAsync(User, id, Kind, Body, Attribution, Embed, Confirm, ct, image, ImageAlt), LiveText.LivePosted, ct);
    }

    public async Task<IActionResult> OnPostPinAsync(int id, long entry, bool pinned, CancellationToken ct)
    {
        if (await GuardAsync(id, ct) is { } refused)
        {
            return refused;
        }

        return await OutcomeAsync(id, await desk.ChangeEntryAsync(User, id, entry, pinned, delete: false, ct), null, ct);
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, long entry, CancellationToken ct)
    {
        if (await GuardAsync(id, ct) is { } refused)
        {
            return refused;
        }

        return await OutcomeAsync(id, await desk.ChangeEntryAsync(User, id, entry, null, delete: true, ct), null, ct);
    }

    private async Task<IActionResult> StatusAsync(int id, LiveStatus status, CancellationToken ct)
    {
        if (await GuardAsync(id, ct) is { } refused)
        {
            return refused;
        }

        return await OutcomeAsync(id, await desk.SetStatusAsync(User, id, status, ct), null, ct);
    }

    private async Task<IActionResult> OutcomeAsync(int id, DeskOutcome outcome, string? flash, CancellationToken ct)
    {
        if (outcome.Succeeded)
        {
            Flash = flash;
            return Redirect($"/newsroom/articles/{id}/live");
        }

        if (outcome.Status == StatusCodes.Status404NotFound || !await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Error = outcome.Error;
        foreach (var (field, message) in outcome.Fields ?? new Dictionary<string, string>())
        {
            ModelState.AddModelError(field, message);
        }

        return this.Refused(outcome.Status);
    }

    private async Task<IActionResult?> GuardAsync(int id, CancellationToken ct)
    {
        if (!User.Can(Permission.Publish))
        {
            return Forbid();
        }

        if (await throttle.TryAcquireAsync("user:" + User.UserId()) is { } wait)
        {
            return await LoadAsync(id, ct) ? this.TooFast(wait) : NotFound();
        }

        return null;
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var article = await db.Articles.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.Title, a.LiveStatus, a.LiveEndedAt }).FirstOrDefaultAsync(ct);
        if (article is null)
        {
            return false;
        }

        (ArticleId, Title, Status, EndedAt) = (id, article.Title, article.LiveStatus, article.LiveEndedAt);
        Entries = await db.LiveEntries.AsNoTracking().Where(e => e.ArticleId == id && !e.Deleted).OrderByDescending(e => e.Id).Take(LiveRules.PageEntries)
            .Select(e => new LiveEntryRow(e.Id, e.At, e.Kind, e.BodyMarkdown, e.Attribution, e.EmbedArticleId, e.Pinned, e.AuthorName, e.ImageUrl, e.ImageAlt)).ToListAsync(ct);
        ViewData["Section"] = "articles";
        ViewData.SetMeta(new PageMeta { Title = LiveText.LivePage + Ui.Colon + Title, NoIndex = true });
        return true;
    }
}
