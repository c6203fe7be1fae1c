using System.Linq.Expressions;

namespace Tidings.Core.Articles;

/// <summary>
/// What readers may see: a published article whose publication time has come and whose embargo (<see cref="Embargo"/>),
/// if it has one, has passed. One definition for every door (pages,
/// API, feeds, sitemaps, search, related lists, trending overrides and the newsroom's links to the public page), so a
/// story published for later never leaks through one of them early. The search engines' SQL states the same two
/// conditions in their own dialects.
/// </summary>
public static class ReaderVisibility
{
    /// <summary>The rule as a query filter (translated to SQL).</summary>
    public static Expression<Func<Article, bool>> At(DateTime utcNow) =>
        a => a.Status == ArticleStatus.Published && a.PublishedAt <= utcNow && (a.EmbargoUntil == null || a.EmbargoUntil <= utcNow);

    public static IQueryable<Article> VisibleAt(this IQueryable<Article> articles, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(articles);
        return articles.Where(At(utcNow));
    }

    /// <summary>The rule for rows already loaded.</summary>
    public static bool IsVisible(ArticleStatus status, DateTime? publishedAt, DateTime? embargoUntil, DateTime utcNow) =>
        status == ArticleStatus.Published && publishedAt <= utcNow && !Embargo.Holds(embargoUntil, utcNow);

    /// <summary>Published, but due later (its time or its embargo's end): the article readers will see once that comes.</summary>
    public static Expression<Func<Article, bool>> DueAfter(DateTime utcNow) =>
        a => a.Status == ArticleStatus.Published && (a.PublishedAt > utcNow || a.EmbargoUntil > utcNow);
}
