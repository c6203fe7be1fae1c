using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;

namespace Tidings.Web.Features.Articles;

/// <summary>Another outlet's report of the same story (its near-duplicate), as the article page and the API list it.</summary>
public sealed record StoryReport(int Id, string? Slug, string Title, string SourceSlug, string SourceName, DateTime PublishedAt)
{
    public string Url => ArticleUrls.For(Id, Slug);
}

/// <summary>"N 家媒体报道": the other published reports in an article's story cluster, earliest first.</summary>
internal static class StoryReports
{
    /// <summary>Reports listed at most; a story reprinted more widely still counts every outlet.</summary>
    public const int Max = 50;

    public static async Task<IReadOnlyList<StoryReport>> OthersAsync(TidingsDbContext db, int articleId, int? storyId, DateTime utcNow, CancellationToken ct) =>
        storyId is null
            ? []
            : await db.Published(utcNow)
                .Where(x => x.Id != articleId && x.SearchText!.ClusterId == storyId)
                .OrderBy(x => x.PublishedAt).ThenBy(x => x.Id)
                .Take(Max)
                .Select(x => new StoryReport(x.Id, x.Slug, x.Title, x.Source!.Slug, x.Source.Name, x.PublishedAt!.Value))
                .ToListAsync(ct);

    /// <summary>Outlets reporting the story, this article's included.</summary>
    public static int Outlets(ArticleDetail article, IReadOnlyList<StoryReport> others) =>
        others.Select(r => r.SourceSlug).Append(article.SourceSlug).Distinct(StringComparer.Ordinal).Count();
}
