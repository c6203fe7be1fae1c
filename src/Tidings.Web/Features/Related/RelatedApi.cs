using Microsoft.AspNetCore.Http.HttpResults;
using Tidings.Core.Data;
using Tidings.Core.Related;
using Tidings.Core.Text;
using Tidings.Web.Features.Articles;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Related;

/// <summary>Why an item is in the list: the key terms both articles share, and the other signals that counted.</summary>
/// <param name="ChannelFill">No shared term: taken from the article's (suggested) channel because too few share one.</param>
public sealed record ApiRelatedReasons(IReadOnlyList<string> SharedTerms, bool SameTopic, bool SameRegion, int SharedTags, bool ChannelFill);

public sealed record ApiRelatedItem(int Id, string Title, string Url, NamedRef Source, DateTimeOffset PublishedAt, double Score, ApiRelatedReasons Reasons);

public sealed record ApiRelated(int ArticleId, IReadOnlyList<ApiRelatedItem> Items, DateTimeOffset? ComputedAt, bool Stale);

internal static class RelatedApi
{
    public const int DefaultLimit = 10;

    public static IEndpointRouteBuilder MapRelatedApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/articles/{id}/related", GetAsync)
            .WithTags("Articles")
            .WithName("GetRelatedArticles")
            .WithSummary("The article's 相关推荐 list, best first, with the reasons each item was chosen.");
        return app;
    }

    private static async Task<Results<Ok<ApiRelated>, ProblemHttpResult, ValidationProblem>> GetAsync(
        TidingsDbContext db, SiteContext site, RelatedOptions options, HttpRequest request, string id, string? limit, CancellationToken ct)
    {
        if (!ArticleDetail.TryParseId(id, out var articleId))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: $"'{Excerpt.Clip(id)}' is not an article id (a positive integer).");
        }

        var errors = new Dictionary<string, string[]>();
        var take = QueryValues.ParseInt(limit, DefaultLimit, 1, options.StoredItems, "limit", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var article = await ArticleDetail.FindPublishedAsync(db, articleId, site.UtcNow, ct);
        if (article is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: $"No published article has the id {articleId}.");
        }

        var stored = await RelatedQueries.StoredAsync(db, articleId, site.UtcNow, ct);
        var items = (stored?.Items ?? [])
            .Take(take)
            .Select(x => new ApiRelatedItem(
                x.Card.Id,
                x.Card.Title,
                site.Absolute(request, x.Card.Url),
                new NamedRef(x.Card.SourceSlug, x.Card.SourceName),
                site.Local(x.Card.PublishedAt),
                x.Item.Score,
                new ApiRelatedReasons(x.Item.Terms, x.Item.SameTopic, x.Item.SameRegion, x.Item.SharedTags, x.Item.ChannelFill)))
            .ToList();
        return TypedResults.Ok(new ApiRelated(articleId, items, stored is null ? null : site.Local(stored.ComputedAt), stored?.Stale ?? true));
    }
}
