using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;
using Tidings.Web.Features.Articles;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Comments;

/// <summary>
/// /article/{id}/comments: every page of a thread (also what 加载更多 fetches as a fragment), and the form posts —
/// comment, 顶/踩, report — that work without JavaScript: success redirects back (post/redirect/get); a refusal shows
/// this page with the reader's text kept, the message, and the matching status code. The forms carry no antiforgery
/// token (the article page showing them is one cached copy for all): cross-site posts are refused by their headers.
/// </summary>
[IgnoreAntiforgeryToken]
[SameOriginPosts]
public sealed class CommentsModel(
    TidingsDbContext db,
    SiteContext site,
    CommentsOptions options,
    CommentService comments,
    IDataProtectionProvider protection,
    TimeProvider time) : PageModel
{
    public int ArticleId { get; private set; }
    public string ArticleTitle { get; private set; } = string.Empty;
    public string ArticleUrl { get; private set; } = string.Empty;
    public CommentPage Thread { get; private set; } = null!;
    public CommentFormView Form { get; private set; } = null!;
    public bool Enabled => options.Enabled;
    public string? Notice { get; private set; }

    public string SelfUrl => PageUrl(Thread.Page);

    [TempData]
    public string? Flash { get; set; }

    public string PageUrl(int page) =>
        CommentUrls.Thread(ArticleId) + (Thread.Sort == CommentSort.Hot ? "?sort=hot&page=" : "?page=") + page.ToString(CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(
        string id, string? sort, [FromQuery(Name = "page")] string? pageNumber, long? reply, string? fragment, CancellationToken ct)
    {
        if (!await LoadArticleAsync(id, ct))
        {
            return NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        // "page" is also Razor Pages' own route value (the page name), hence the explicit query binding.
        var number = QueryValues.ParseInt(pageNumber, 1, 1, CommentQueries.MaxPage, "page", errors);
        if (!CommentQueries.TryParseSort(sort, out var order) || errors.Count > 0)
        {
            return NotFound();
        }

        Thread = await CommentQueries.PageAsync(db, ArticleId, order, number, options.PageSize, ct);
        if (fragment == "1")
        {
            return Partial("_CommentFragment", this);
        }

        Form = NewForm(CommentUrls.Thread(ArticleId) + "#comments");
        if (reply is { } replyTo && await CommentQueries.PublishedAsync(db, replyTo, ct) is { } parent && parent.ArticleId == ArticleId)
        {
            Form = Form with { ReplyTo = parent.Id, ReplyToNickname = parent.Nickname, ReturnUrl = ArticleUrl + "#comments" };
        }

        Notice = Flash;
        SetMeta(noIndex: number > 1 || order != CommentSort.Latest);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, string? nickname, string? body, long? replyTo, string? returnUrl, CancellationToken ct)
    {
        if (!await LoadArticleAsync(id, ct))
        {
            return NotFound();
        }

        // A replyTo that is not a number must not quietly turn the reply into a new thread.
        var outcome = ModelState.TryGetValue("replyTo", out var replyState) && replyState.Errors.Count > 0
            ? CommentOutcome.Refused(StatusCodes.Status400BadRequest, CommentsText.ErrorReplyMissing, "replyTo")
            : await comments.PostAsync(ArticleId, new CommentInput(nickname, body, replyTo), Poster.From(HttpContext, protection, time), ct);
        if (outcome.Succeeded)
        {
            // Back to the article, whose cached copy is the same for everyone: the new comment is its own target
            // (the post evicted the page, so it is there), and a held one lands on a notice only :target shows.
            var published = outcome.Status == StatusCodes.Status201Created;
            return SeeOther(published ? ArticleUrl + "#comment-" + outcome.Comment!.Id.ToString(CultureInfo.InvariantCulture) : ArticleUrl + "#comment-pending");
        }

        var parent = replyTo is { } r ? await CommentQueries.PublishedAsync(db, r, ct) : null;
        Form = NewForm(LocalOr(returnUrl)) with
        {
            ReplyTo = parent?.Id,
            ReplyToNickname = parent?.Nickname,
            Nickname = nickname,
            Body = body is { Length: > Core.Comments.Comment.BodyMaxLength * 2 } ? body[..(Core.Comments.Comment.BodyMaxLength * 2)] : body,
            Error = outcome.Error,
            ErrorField = outcome.Field,
        };
        return await RefusedAsync(outcome, ct);
    }

    public async Task<IActionResult> OnPostVoteAsync(string id, long commentId, string? direction, string? returnUrl, CancellationToken ct)
    {
        if (!await LoadArticleAsync(id, ct))
        {
            return NotFound();
        }

        var outcome = direction is "up" or "down"
            ? await comments.VoteAsync(commentId, direction == "up", Poster.From(HttpContext, protection, time), ct)
            : CommentOutcome.Refused(StatusCodes.Status400BadRequest, "direction must be up or down.");
        return await AfterActionAsync(outcome, CommentsText.VoteSent, commentId, returnUrl, ct);
    }

    public async Task<IActionResult> OnPostReportAsync(string id, long commentId, string? reason, string? returnUrl, CancellationToken ct)
    {
        if (!await LoadArticleAsync(id, ct))
        {
            return NotFound();
        }

        var outcome = await comments.ReportAsync(commentId, reason, Poster.From(HttpContext, protection, time), ct);
        return await AfterActionAsync(outcome, CommentsText.ReportSent, commentId, returnUrl, ct);
    }

    private async Task<IActionResult> AfterActionAsync(CommentOutcome outcome, string done, long commentId, string? returnUrl, CancellationToken ct)
    {
        if (outcome.Succeeded)
        {
            Flash = done;
            // The article page cannot show a message for one reader (it is one cached copy for all), and a vote does
            // not evict it: the comment's own page shows the message and the new counts.
            var back = LocalOr(returnUrl);
            return SeeOther(back.StartsWith(CommentUrls.Thread(ArticleId), StringComparison.Ordinal) ? back : CommentUrls.Comment(commentId) + "#comment-" + commentId.ToString(CultureInfo.InvariantCulture));
        }

        Form = NewForm(CommentUrls.Thread(ArticleId) + "#comments");
        return await RefusedAsync(outcome, ct);
    }

    /// <summary>The form as this page shows it: under its h1, so with an h2.</summary>
    private CommentFormView NewForm(string returnUrl) => new(ArticleId, options.AllowAnonymous, returnUrl) { HeadingLevel = 2 };

    /// <summary>This page again, at the refusal's status, with its message on top (and Retry-After for 429).</summary>
    private async Task<IActionResult> RefusedAsync(CommentOutcome outcome, CancellationToken ct)
    {
        Thread = await CommentQueries.PageAsync(db, ArticleId, CommentSort.Latest, 1, options.PageSize, ct);
        if (outcome.Field is null || Form.Error is null)
        {
            Notice = outcome.Error;
        }

        if (outcome.RetryAfterSeconds is { } seconds)
        {
            Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        SetMeta(noIndex: true);
        // The status pages middleware must not replace this page with a generic error page.
        HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>()?.Enabled = false;
        return new PageResult { StatusCode = outcome.Status };
    }

    private async Task<bool> LoadArticleAsync(string id, CancellationToken ct)
    {
        if (!ArticleDetail.TryParseId(id, out var articleId))
        {
            return false;
        }

        var article = await db.Published(site.UtcNow).Where(a => a.Id == articleId).Select(a => new { a.Id, a.Slug, a.Title }).FirstOrDefaultAsync(ct);
        if (article is null)
        {
            return false;
        }

        ArticleId = article.Id;
        ArticleTitle = article.Title;
        ArticleUrl = ArticleUrls.For(article.Id, article.Slug);
        return true;
    }

    /// <summary>303: the browser follows with a GET, and Back does not post again.</summary>
    private StatusCodeResult SeeOther(string url)
    {
        Response.Headers.Location = url;
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    private string LocalOr(string? returnUrl) => LocalPaths.IsSafeReturn(returnUrl) ? returnUrl! : ArticleUrl + "#comments";

    private void SetMeta(bool noIndex)
    {
        var title = Phrase.Format(CommentsText.CommentsOf, ArticleTitle);
        ViewData.SetMeta(new PageMeta { Title = title, Description = title, CanonicalPath = CommentUrls.Thread(ArticleId), NoIndex = noIndex });
    }
}
