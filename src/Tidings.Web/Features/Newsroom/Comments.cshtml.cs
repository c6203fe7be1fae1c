using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Accounts;
using Tidings.Core.Comments;
using Tidings.Core.Data;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Features.Comments;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Newsroom;

public sealed record QueueItem(
    long Id, int ArticleId, string ArticleTitle, string Nickname, string Body, CommentStatus Status, DateTime CreatedAt,
    string? MatchedTerm, string? Note, int ReportCount, IReadOnlyList<string> Reasons, string Address, string? Region);

/// <summary>跟贴审核: the pending, reported and rejected queues, with approve, reject and ban; the matched term is shown.</summary>
public sealed class CommentsModel(TidingsDbContext db, CommentModeration comments, [FromKeyedServices(Throttle.Newsroom)] Throttle throttle) : PageModel
{
    public const int PageSize = 30;
    public static readonly string[] Queues = ["pending", "reported", "rejected", "published"];

    public string Queue { get; private set; } = "pending";
    public int PageNumber { get; private set; } = 1;
    public int Total { get; private set; }
    public IReadOnlyList<QueueItem> Items { get; private set; } = [];
    public string? Error { get; private set; }

    [TempData]
    public string? Flash { get; set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "queue")] string? queue, [FromQuery(Name = "page")] string? page, CancellationToken ct)
    {
        if (!User.Can(Permission.Moderate))
        {
            return Forbid();
        }

        var errors = new Dictionary<string, string[]>();
        PageNumber = QueryValues.ParseInt(page, 1, 1, CommentQueries.MaxPage, "page", errors);
        Queue = queue ?? "pending";
        if (errors.Count > 0 || !Queues.Contains(Queue))
        {
            Queue = "pending";
            Error = NewsroomText.ErrorUnknownFilter;
            await LoadAsync(ct);
            return this.Refused(StatusCodes.Status400BadRequest);
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, string? decision, string? note, string? queue, CancellationToken ct)
    {
        if (!User.Can(Permission.Moderate))
        {
            return Forbid();
        }

        Queue = queue is not null && Queues.Contains(queue) ? queue : "pending";
        if (await throttle.TryAcquireAsync("user:" + User.UserId()) is { } wait)
        {
            await LoadAsync(ct);
            return this.TooFast(wait);
        }

        var cleanNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (cleanNote is { Length: > Comment.NoteMaxLength })
        {
            Error = Phrase.Format(Ui.ErrorTooLong, NewsroomText.FieldNote, Comment.NoteMaxLength, cleanNote.Length);
            await LoadAsync(ct);
            return this.Refused(StatusCodes.Status400BadRequest);
        }

        var actor = User.DisplayName();
        string? error;
        switch (decision)
        {
            case "approve":
                var approved = await comments.ApproveAsync(id, actor, cleanNote, ct);
                error = approved.Succeeded ? null : approved.Error;
                break;
            case "reject":
                var rejected = await comments.RejectAsync(id, actor, cleanNote, ct);
                error = rejected.Succeeded ? null : rejected.Error;
                break;
            case "ban-poster":
            case "ban-network":
                var (ban, banError) = await comments.BanAsync(id, decision == "ban-poster" ? BanKind.Poster : BanKind.Network, null, null, cleanNote, actor, ct);
                error = ban is null ? banError : null;
                if (ban is not null)
                {
                    // A ban comes with taking the comment down.
                    await comments.RejectAsync(id, actor, cleanNote, ct);
                }

                break;
            default:
                error = NewsroomText.ErrorUnknownAction;
                break;
        }

        if (error is not null)
        {
            Error = error;
            await LoadAsync(ct);
            return this.Refused(StatusCodes.Status400BadRequest);
        }

        Flash = Phrase.Format(NewsroomText.ModerationDone, id);
        return Redirect("/newsroom/comments?queue=" + Queue);
    }


    public static string QueueName(string queue) => queue switch
    {
        "pending" => NewsroomText.CommentsPending,
        "reported" => NewsroomText.CommentsReported,
        "rejected" => NewsroomText.CommentsRejected,
        _ => NewsroomText.CommentsPublished,
    };

    private async Task LoadAsync(CancellationToken ct)
    {
        ViewData["Section"] = "comments";
        ViewData.SetMeta(new PageMeta { Title = Ui.ModerationQueue, NoIndex = true });
        var rows = Queue switch
        {
            "reported" => db.Comments.Where(c => c.Status == CommentStatus.Published && c.ReportCount > 0).OrderByDescending(c => c.ReportCount).ThenBy(c => c.Id),
            "rejected" => db.Comments.Where(c => c.Status == CommentStatus.Rejected).OrderByDescending(c => c.Id),
            "published" => db.Comments.Where(c => c.Status == CommentStatus.Published).OrderByDescending(c => c.Id),
            _ => db.Comments.Where(c => c.Status == CommentStatus.Pending).OrderBy(c => c.Id),
        };
        Total = await rows.CountAsync(ct);
        var page = await rows.AsNoTracking().Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Join(db.Articles, c => c.ArticleId, a => a.Id, (c, a) => new { Comment = c, a.Title })
            .ToListAsync(ct);
        var ids = page.Select(p => p.Comment.Id).ToList();
        var reasons = (await db.CommentReports.AsNoTracking().Where(r => ids.Contains(r.CommentId) && r.Reason != null)
            .Select(r => new { r.CommentId, r.Reason }).ToListAsync(ct)).ToLookup(r => r.CommentId, r => r.Reason!);
        Items = page.Select(p => new QueueItem(
            p.Comment.Id, p.Comment.ArticleId, p.Title, p.Comment.Nickname, p.Comment.Body, p.Comment.Status, p.Comment.CreatedAt,
            p.Comment.MatchedTerm, p.Comment.ModerationNote, p.Comment.ReportCount, reasons[p.Comment.Id].ToList(), p.Comment.Address, p.Comment.RegionLabel)).ToList();
    }
}
