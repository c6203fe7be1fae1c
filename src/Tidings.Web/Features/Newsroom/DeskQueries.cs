using Tidings.Core.Articles;

namespace Tidings.Web.Features.Newsroom;

internal static class DeskQueries
{
    /// <summary>
    /// Articles in one workflow state. For the states other than published the query also states "not published",
    /// the filter of the partial desk index: SQLite uses a partial index only when the query names its filter, and
    /// without it would scan the whole archive for a handful of drafts.
    /// </summary>
    public static IQueryable<Article> InState(this IQueryable<Article> articles, ArticleStatus status) =>
        status == ArticleStatus.Published
            ? articles.Where(a => a.Status == ArticleStatus.Published)
            : articles.Where(a => a.Status != ArticleStatus.Published && a.Status == status);
}
