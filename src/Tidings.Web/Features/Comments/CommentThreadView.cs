using Tidings.Core.Data;

namespace Tidings.Web.Features.Comments;

/// <summary>The comment form as a page shows it, with what the reader typed and any errors after a refused post.</summary>
public sealed record CommentFormView(int ArticleId, bool AllowAnonymous, string ReturnUrl)
{
    public long? ReplyTo { get; init; }
    public string? ReplyToNickname { get; init; }
    public string? Nickname { get; init; }
    public string? Body { get; init; }
    public string? Error { get; init; }
    public string? ErrorField { get; init; }

    /// <summary>
    /// On the article page, which is one cached copy for everyone: the form never shows who is signed in (comments.js
    /// swaps the nickname field for the account name when it finds the reader signed in).
    /// </summary>
    public bool Shared { get; init; }

    /// <summary>The form's heading level under the page's outline (3 in an article, 2 on the comments page).</summary>
    public int HeadingLevel { get; init; } = 3;

    /// <summary>A refused post comes back to the form, not to the top of the page.</summary>
    public string PostUrl => CommentUrls.Thread(ArticleId) + "#comment-form";
}

/// <summary>An article's 跟贴 section: 热门跟贴, the first page of 最新跟贴, and the form.</summary>
public sealed record CommentThreadView(
    int ArticleId,
    string ArticleUrl,
    int Total,
    IReadOnlyList<CommentView> Hot,
    CommentPage Latest,
    CommentFormView Form,
    bool Enabled)
{
    public string? Notice { get; init; }

    /// <summary>突发新闻模式 on a hot article: the form is held (先审后发) or replaced by a polite notice (read-only).</summary>
    public Core.Spike.CommentGate Gate { get; init; }

    /// <param name="total">The article's published comment count, read with the article.</param>
    public static async Task<CommentThreadView> LoadAsync(
        TidingsDbContext db, CommentsOptions options, int articleId, int total, string articleUrl, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var latest = await CommentQueries.PageAsync(db, articleId, CommentSort.Latest, 1, options.PageSize, ct, total: total);
        // Hot comments are worth a separate block only once a thread outgrows its first page.
        var hot = options.HotCount > 0 && latest.Total > options.PageSize / 2
            ? await CommentQueries.HotAsync(db, articleId, options.HotCount, Math.Max(1, options.HotMinimumUp), ct)
            : [];
        return new CommentThreadView(articleId, articleUrl, latest.Total, hot, latest, new CommentFormView(articleId, options.AllowAnonymous, articleUrl + "#comments") { Shared = true }, options.Enabled);
    }
}

/// <summary>The item partial needs to know where its forms post and return to.</summary>
/// <param name="IdPrefix">"hot-" for the copy in 热门跟贴, so a comment shown twice keeps unique ids.</param>
public sealed record CommentItemView(CommentView Comment, string Page, string IdPrefix = "")
{
    public static CommentItemView Hot(CommentView comment, string page) => new(comment, page, "hot-");

    /// <summary>Where a vote or report returns to: this comment on the page it was made from.</summary>
    public string ReturnUrl => Page + "#comment-" + Comment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public static class CommentUrls
{
    public static string Comment(long commentId) => "/comment/" + commentId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Thread(int articleId) => "/article/" + articleId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/comments";
}
