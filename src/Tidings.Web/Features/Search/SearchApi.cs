using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tidings.Core.Data;
using Tidings.Core.Search;
using Tidings.Core.Text;
using Tidings.Web.Features.Articles;
using Tidings.Web.Features.Observability;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Search;

public sealed record ApiSearchHit(int Id, string Title, string Snippet, string Url, NamedRef? Channel, NamedRef Source, DateTimeOffset PublishedAt);

/// <param name="MoreThanTotal">True when more articles match than <c>total</c> (the engine ranks at most 1,000).</param>
public sealed record ApiSearchResults(IReadOnlyList<ApiSearchHit> Items, int Total, bool MoreThanTotal, int Page, int PageSize, string Query);

internal static class SearchApi
{
    public const int MaxPageSize = 50;

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/search", SearchAsync).WithTags("Search").WithName("Search")
            .WithSummary("Full-text search: words (all required), \"phrases\", -excluded; filters channel, region, source, from, to (yyyy-MM-dd); sort relevance|time. Snippets are HTML with <mark>.");
        return app;
    }

    private static async Task<Results<Ok<ApiSearchResults>, ValidationProblem>> SearchAsync(
        [AsParameters] SearchArguments query,
        TidingsDbContext db,
        ChineseSegmenter segmenter,
        ISearchEngine engine,
        SiteContext site,
        TidingsMetrics metrics,
        HttpRequest request,
        CancellationToken ct)
    {
        var size = 10;
        var sizeError = !string.IsNullOrEmpty(query.PageSize)
            && !(int.TryParse(query.PageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) && size is >= 1 and <= MaxPageSize);
        var (parameters, errors) = await SearchParameters.ParseAsync(
            db, segmenter, site, query.Q, query.Channel, query.Region, query.Source, query.From, query.To, query.Sort, query.Page, size, ct);
        if (sizeError)
        {
            errors["pageSize"] = [Phrase.Format(SearchText.SearchApiPageSize, MaxPageSize)];
        }

        if (parameters is { Query.IsEmpty: true })
        {
            errors["q"] = [string.IsNullOrWhiteSpace(query.Q) ? SearchText.SearchApiNoQuery : SearchText.SearchApiNothingSearchable];
        }

        if (errors.Count > 0 || parameters is null)
        {
            return TypedResults.ValidationProblem(errors, title: SearchText.SearchApiInvalid);
        }

        var started = Stopwatch.GetTimestamp();
        var results = await engine.SearchAsync(parameters.ToRequest(site.UtcNow), ct);
        metrics.Search(Stopwatch.GetElapsedTime(started));
        var items = results.Items.Select(h => new ApiSearchHit(
                h.Id,
                h.Title,
                h.SnippetHtml,
                site.Absolute(request, ArticleUrls.For(h.Id, h.Slug)),
                h.ChannelSlug is null ? null : new NamedRef(h.ChannelSlug, h.ChannelName!),
                new NamedRef(h.SourceSlug, h.SourceName),
                site.Local(h.PublishedAt)))
            .ToList();
        return TypedResults.Ok(new ApiSearchResults(items, results.Total, results.MoreThanTotal, parameters.Page, parameters.PageSize, parameters.Query.Text));
    }
}

/// <summary>The search API's query string as it arrives; <see cref="SearchParameters"/> checks and parses it.</summary>
internal sealed record SearchArguments(
    [FromQuery(Name = "q")] string? Q,
    [FromQuery(Name = "channel")] string? Channel,
    [FromQuery(Name = "region")] string? Region,
    [FromQuery(Name = "source")] string? Source,
    [FromQuery(Name = "from")] string? From,
    [FromQuery(Name = "to")] string? To,
    [FromQuery(Name = "sort")] string? Sort,
    [FromQuery(Name = "page")] string? Page,
    [FromQuery(Name = "pageSize")] string? PageSize);
