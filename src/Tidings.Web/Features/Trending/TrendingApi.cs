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
        TidingsDbContext db, TrendingLists trending, SiteContext site, HttpRequest request, string? scope, string? window, string? limit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var take = QueryValues.ParseInt(limit, DefaultLimit, 1, TrendingLists.MaxListLength, "limit", errors);

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

        var cards = await trending.CardsAsync(db, parsedScope!.Value, span!.Value, site.UtcNow, ct);
        return TypedResults.Ok(new ApiTrending(
            scope ?? "site",
            window ?? "24h",
            cards.Take(take).Select(c => new ApiTrendingItem(c.Card.Id, c.Card.Title, site.Absolute(request, c.Card.Url), new NamedRef(c.Card.SourceSlug, c.Card.SourceName), site.Local(c.Card.PublishedAt), Math.Round(c.Score, 4))).ToList()));
    }

    public static TrendingWindow? ParseWindow(string? window) => (window ?? "24h") switch
    {
        "1h" => TrendingWindow.Hour,
        "24h" => TrendingWindow.Day,
        "7d" => TrendingWindow.Week,
        _ => null,
    };
}
