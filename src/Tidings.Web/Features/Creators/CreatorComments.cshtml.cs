using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Accounts;
using Tidings.Core.Comments;
using Tidings.Core.Data;
using Tidings.Core.Newsroom;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Features.Articles;
using Tidings.Web.Features.Comments;
using Tidings.Web.Features.Newsroom;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Creators;

public sealed record CreatorCommentRow(long Id, int ArticleId, string ArticleTitle, string Nickname, string Body, DateTime CreatedAt, bool Pinned);

/// <summary>
/// 跟贴管理 for a creator: the newest 跟贴 under their own account's articles, each of which they may hide (the site's
/// moderators can restore it) or pin to the top of its thread. Banning, approving held comments and deleting stay
/// with the moderators; every step is in the audit log.
/// </summary>
[Authorize(Policy = AccountsExtensions.PolicyPrefix + nameof(Permission.Newsroom))]
public sealed class CreatorCommentsModel(
    TidingsDbContext db,
    CommentModeration moderation,
    ArticlePageCache pages,
    SiteContext site,
    [FromKeyedServices(Throttle.Newsroom)] Throttle throttle) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<CreatorCommentRow> Rows { get; private set; } = [];

    [TempData]
    public string? Flash { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (User.SourceId() is not { } source)
        {
            return Forbid();
        }

        await LoadAsync(source, ct);
        return Page();
    }

    public Task<IActionResult> OnPostHideAsync(long id, CancellationToken ct) => ActAsync(id, "hide", ct);

    public Task<IActionResult> OnPostPinAsync(long id, CancellationToken ct) => ActAsync(id, "pin", ct);

    public Task<IActionResult> OnPostUnpinAsync(long id, CancellationToken ct) => ActAsync(id, "unpin", ct);

    private async Task<IActionResult> ActAsync(long id, string action, CancellationToken ct)
    {
        if (User.SourceId() is not { } source)
        {
            return Forbid();
        }

        if (await throttle.TryAcquireAsync("user:" + User.UserId()) is { } wait)
        {
            await LoadAsync(source, ct);
            return this.TooFast(wait);
        }

        // Only 跟贴 under the account's own published articles, and only while published.
        var comment = await db.Comments.AsNoTracking()
            .Where(c => c.Id == id && c.Status == CommentStatus.Published && db.Articles.Any(a => a.Id == c.ArticleId && a.SourceId == source))
            .Select(c => new { c.Id, c.ArticleId, c.Body })
            .FirstOrDefaultAsync(ct);
        if (comment is null)
        {
            Error = CreatorsText.CommentNotYours;
            await LoadAsync(source, ct);
            return this.Refused(StatusCodes.Status404NotFound);
        }

        var actor = NewsroomAudit.ActorName(User);
        switch (action)
        {
            case "hide":
                var outcome = await moderation.RejectAsync(id, actor, CreatorsText.CommentHiddenByCreator, ct, bySite: false);
                if (outcome.Status != StatusCodes.Status200OK)
                {
                    Error = outcome.Error;
                    await LoadAsync(source, ct);
                    return this.Refused(outcome.Status);
                }

                await db.Articles.Where(a => a.Id == comment.ArticleId && a.PinnedCommentId == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.PinnedCommentId, (long?)null), ct);
                Flash = CreatorsText.CommentHidden;
                break;
            case "pin":
            case "unpin":
                var pin = action == "pin";
                await db.Articles.Where(a => a.Id == comment.ArticleId).ExecuteUpdateAsync(u => u.SetProperty(a => a.PinnedCommentId, pin ? id : null), ct);
                db.AuditLog.Add(new AuditEntry { At = site.UtcNow, Actor = actor, Action = pin ? "creator-pin" : "creator-unpin", ArticleId = comment.ArticleId, CommentId = id });
                await db.SaveChangesAsync(ct);
                await pages.ChangedAsync(comment.ArticleId, ct);
                Flash = pin ? CreatorsText.CommentPinnedDone : CreatorsText.CommentUnpinnedDone;
                break;
        }

        return RedirectToPage();
    }

    private async Task LoadAsync(int source, CancellationToken ct)
    {
        ViewData["Section"] = "creator-comments";
        ViewData.SetMeta(new PageMeta { Title = Ui.CreatorCommentDesk, NoIndex = true });
        Response.Headers.CacheControl = "private, no-store";
        Rows = await db.Comments.AsNoTracking()
            .Where(c => c.Status == CommentStatus.Published && db.Articles.Any(a => a.Id == c.ArticleId && a.SourceId == source))
            .OrderByDescending(c => c.Id).Take(PageSize)
            .Select(c => new CreatorCommentRow(
                c.Id,
                c.ArticleId,
                db.Articles.Where(a => a.Id == c.ArticleId).Select(a => a.Title).FirstOrDefault() ?? string.Empty,
                c.Nickname,
                c.Body,
                c.CreatedAt,
                db.Articles.Any(a => a.Id == c.ArticleId && a.PinnedCommentId == c.Id)))
            .ToListAsync(ct);
    }
}
