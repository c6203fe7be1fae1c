using Microsoft.AspNetCore.Http.HttpResults;
using Tidings.Core.Data;
using Tidings.Core.Text;
using Tidings.Core.Trending;
using Tidings.Web.Features.Articles;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Trending;

public sealed record ApiTrendingItem(int Id, string Title, string Url, NamedRef Source, DateTimeOffset PublishedAt, double Score);

public sealed record ApiTrending(string Scope, string Window, IReadOnlyList<ApiTrendingItem> Items);

internal static class TrendingApi
{
    public const int DefaultLimit = 10;

    public static IEndpointRouteBuilder MapTrendingApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/trending", GetAsync)
            .WithTags("Trending")
            .WithName("GetTrending")
            .WithSummary("热点推荐: articles ranked by decayed reader signals, site-wide or per channel or region, over 1h, 24h or 7d.");
        return app;
    }

    private static async Task<Results<Ok<ApiTrending>, ValidationProblem>> GetAsync(
        TidingsDbContext db, TrendingService trending, SiteContext site, HttpRequest request, string? scope, string? window, string? limit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var take = QueryValues.ParseInt(limit, DefaultLimit, 1, TrendingService.MaxListLength, "limit", errors);

        var span = ParseWindow(window);
        if (span is null)
        {
            errors["window"] = [$"window must be 1h, 24h or 7d; got '{Excerpt.Clip(window ?? string.Empty)}'."];
        }

        var parsedScope = await TrendingOverrides.ParseScopeAsync(db, scope, ct);
        if (parsedScope is null)
        {
            errors["scope"] = [TrendingOverrides.ScopeError(scope)];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var cards = await TrendingCardsAsync(db, trending, parsedScope!.Value, span!.Value, site.UtcNow, ct);
        return TypedResults.Ok(new ApiTrending(
            scope ?? "site",
            window ?? "24h",
            cards.Take(take).Select(c => new ApiTrendingItem(c.Card.Id, c.Card.Title, site.Absolute(request, c.Card.Url), new NamedRef(c.Card.SourceSlug, c.Card.SourceName), site.Local(c.Card.PublishedAt), Math.Round(c.Score, 4))).ToList()));
    }

    /// <summary>
    /// A list's articles as cards, best first (up to <see cref="TrendingService.MaxListLength"/>); unpublished ones drop
    /// out. Looked up by id only, and kept as long as the list itself, so pages pay one query per list every couple of
    /// seconds, not one per request.
    /// </summary>
    public static async Task<IReadOnlyList<(ArticleCard Card, double Score)>> TrendingCardsAsync(
        TidingsDbContext db, TrendingService trending, TrendingScope scope, TrendingWindow window, DateTime utcNow, CancellationToken ct)
    {
        var top = await trending.TopAsync(scope, window, TrendingService.MaxListLength, ct);
        if (top.Count == 0)
        {
            return [];
        }

        if (trending.CachedCards(top) is { } cached)
        {
            return cached;
        }

        var ids = top.Select(t => t.ArticleId).ToList();
        var cards = await db.PublishedCardsAsync(ids, utcNow, ct);
        var result = top.Where(t => cards.ContainsKey(t.ArticleId)).Select(t => (cards[t.ArticleId], t.Score)).ToList();
        trending.CacheCards(top, result);
        return result;
    }

    public static TrendingWindow? ParseWindow(string? window) => (window ?? "24h") switch
    {
        "1h" => TrendingWindow.Hour,
        "24h" => TrendingWindow.Day,
        "7d" => TrendingWindow.Week,
        _ => null,
    };
}
