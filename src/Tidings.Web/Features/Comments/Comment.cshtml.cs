using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;
using Tidings.Web.Features.Articles;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Comments;

/// <summary>
/// /comment/{id}: one comment with its whole 盖楼 chain — a permalink, where 展开 leads without JavaScript, and (as
/// ?fragment=floors) the middle floors that comments.js fetches into a collapsed chain.
/// </summary>
public sealed class CommentModel(TidingsDbContext db, SiteContext site) : PageModel
{
    public CommentView Comment { get; private set; } = null!;
    public string ArticleTitle { get; private set; } = string.Empty;
    public string ArticleUrl { get; private set; } = string.Empty;

    /// <summary>The outcome of a 顶/踩 or report made without JavaScript on the article page.</summary>
    [TempData]
    public string? Flash { get; set; }

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, string? fragment, CancellationToken ct)
    {
        var comment = await CommentQueries.PublishedAsync(db, id, ct);
        var article = comment is null
            ? null
            : await db.Published(site.UtcNow).Where(a => a.Id == comment.ArticleId).Select(a => new { a.Id, a.Slug, a.Title }).FirstOrDefaultAsync(ct);
        if (comment is null || article is null)
        {
            return NotFound();
        }

        Comment = comment;
        if (fragment == "floors")
        {
            return Partial("_FloorsFragment", comment);
        }

        Notice = Flash;
        ArticleTitle = article.Title;
        ArticleUrl = ArticleUrls.For(article.Id, article.Slug);
        var title = Phrase.Format(CommentsText.CommentOf, comment.Nickname, article.Title);
        ViewData.SetMeta(new PageMeta { Title = title, Description = Core.Text.Excerpt.Clip(comment.Body, 120), CanonicalPath = CommentUrls.Comment(id), NoIndex = true });
        return Page();
    }
}
