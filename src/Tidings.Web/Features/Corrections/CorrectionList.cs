using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;
using Tidings.Web.Features.Articles;

namespace Tidings.Web.Features.Corrections;

/// <summary>A correction as /corrections and its feed show it.</summary>
public sealed record CorrectionItem(int Id, int ArticleId, string? Slug, string Title, string SourceName, DateTime At, string Text, string EditorName)
{
    /// <summary>The correction's place on the article page (the anchors the article page renders).</summary>
    public string Url => ArticleUrls.For(ArticleId, Slug) + "#correction-" + Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Corrections of articles readers may see, newest first: the public record of what the site got wrong.</summary>
public static class CorrectionList
{
    public const int PageSize = 30;

    /// <summary>The most pages a reader can page to (the feed and the page are for recent corrections; older ones stay on their articles).</summary>
    public const int MaxPage = 100;

    /// <param name="sources">Only corrections of these accounts' articles (/following); null for all.</param>
    /// <param name="since">Only corrections made after this time; null for all.</param>
    public static IQueryable<CorrectionItem> Query(TidingsDbContext db, DateTime utcNow, IReadOnlyCollection<int>? sources = null, DateTime? since = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var articles = sources is null ? db.Published(utcNow) : db.Published(utcNow).Where(a => sources.Contains(a.SourceId));
        var corrections = since is { } after ? db.ArticleCorrections.AsNoTracking().Where(c => c.At >= after) : db.ArticleCorrections.AsNoTracking();
        return corrections
            .Join(articles, c => c.ArticleId, a => a.Id, (c, a) => new { c, a })
            .OrderByDescending(x => x.c.At).ThenByDescending(x => x.c.Id)
            .Select(x => new CorrectionItem(x.c.Id, x.a.Id, x.a.Slug, x.a.Title, x.a.Source!.Name, x.c.At, x.c.Text, x.c.EditorName));
    }

    public static async Task<(IReadOnlyList<CorrectionItem> Items, int Total)> PageAsync(TidingsDbContext db, DateTime utcNow, int page, CancellationToken ct)
    {
        var query = Query(db, utcNow);
        var total = await query.CountAsync(ct);
        var items = await query.Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return (items, total);
    }
}
