using Microsoft.EntityFrameworkCore;
using Tidings.Core.Articles;
using Tidings.Core.Data;

namespace Tidings.Web.Features.Articles;

internal static class ArticleQueries
{
    /// <summary>What readers may see (<see cref="ReaderVisibility"/>).</summary>
    public static IQueryable<Article> Published(this TidingsDbContext db, DateTime utcNow) =>
        db.Articles.AsNoTracking().VisibleAt(utcNow);

    public static IQueryable<Article> Newest(this IQueryable<Article> articles) =>
        articles.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id);

    /// <summary>How far apart two reports may be and still be one story on a list (clusters themselves have no time limit).</summary>
    public const int StoryWindowHours = 48;

    /// <summary>
    /// Each story once: a partner's copy of a story (a story cluster) is left off a list that has, within
    /// <see cref="StoryWindowHours"/> of it, the site's own report of the story or an earlier one; readers reach it from
    /// that report's "N 家媒体报道". The site's own articles are always listed (an editor's rewrite of a wire item is
    /// never hidden behind the wire), and so is a copy from weeks later (a template story such as a weather report).
    /// </summary>
    /// <remarks>
    /// The other reports are found through the story's members (the cluster index), each then looked up by id in the
    /// list: asked the other way round ("articles of this list near in time, of the same story"), SQLite walks the
    /// list's time window once per copy — 16 s for a 30k-article count, against 49 ms this way.
    /// </remarks>
    public static IQueryable<Article> OnePerStory(this IQueryable<Article> articles, TidingsDbContext db) =>
        articles.Where(a => a.PartnerFeedId == null || a.SearchText == null || a.SearchText.ClusterId == null
            || !db.SearchTexts.Any(t => t.ClusterId == a.SearchText.ClusterId && t.ArticleId != a.Id
                && articles.Any(b => b.Id == t.ArticleId
                    && b.PublishedAt > a.PublishedAt!.Value.AddHours(-StoryWindowHours) && b.PublishedAt < a.PublishedAt!.Value.AddHours(StoryWindowHours)
                    && (b.PartnerFeedId == null || b.PublishedAt < a.PublishedAt || (b.PublishedAt == a.PublishedAt && b.Id < a.Id)))));

    public static IQueryable<ArticleCard> ToCards(this IQueryable<Article> articles) =>
        articles.Select(a => new ArticleCard(
            a.Id,
            a.Slug,
            a.Title,
            a.Summary,
            a.Source!.Name,
            a.Source.Slug,
            // A card of an unpublished article (PublishedCardsAsync filters those after loading) gets its creation
            // time rather than failing the whole query.
            a.PublishedAt ?? a.CreatedAt,
            a.CommentCount,
            a.CoverUrl,
            a.CoverAlt,
            a.CoverWidth,
            a.CoverHeight,
            a.Channel != null ? a.Channel.Name : null,
            a.Channel != null ? a.Channel.Slug : null,
            a.IsOriginal,
            a.SearchText != null ? a.SearchText.ClusterId : null,
            a.Status,
            a.EmbargoUntil,
            a.Language));

    /// <summary>
    /// Cards of the given articles that readers may see, by id. Publication is checked in memory, not in the SQL:
    /// "these ids and published" let SQLite walk the whole status index instead of looking the ids up (a cost that
    /// grows with the archive).
    /// </summary>
    public static async Task<Dictionary<int, ArticleCard>> PublishedCardsAsync(this TidingsDbContext db, IReadOnlyCollection<int> ids, DateTime utcNow, CancellationToken ct) =>
        (await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id)).ToCards().ToListAsync(ct))
            .Where(c => ReaderVisibility.IsVisible(c.Status, c.PublishedAt, c.EmbargoUntil, utcNow))
            .ToDictionary(c => c.Id);

    /// <summary>One page of a list plus the total (from <paramref name="countTotal"/>), for pagers. Pages start at 1.</summary>
    public static async Task<PagedCards> PageAsync(this IQueryable<Article> articles, Task<int> countTotal, int page, int pageSize, CancellationToken ct)
    {
        var total = await countTotal;
        var items = await articles.Newest().Skip((page - 1) * pageSize).Take(pageSize).ToCards().ToListAsync(ct);
        return new PagedCards(items, page, pageSize, total);
    }
}

public sealed record PagedCards(IReadOnlyList<ArticleCard> Items, int Page, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
