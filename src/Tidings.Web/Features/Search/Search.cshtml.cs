using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidings.Core.Data;
using Tidings.Core.Search;
using Tidings.Core.Text;
using Tidings.Web.Features.Articles;
using Tidings.Web.Features.Channels;
using Tidings.Web.Features.Observability;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Search;

public sealed class SearchModel(TidingsDbContext db, ChineseSegmenter segmenter, ISearchEngine engine, PortalLists lists, SiteContext site, TidingsMetrics metrics) : PageModel
{
    public const int PageSize = 10;

    public string Q { get; private set; } = string.Empty;
    public string? Channel { get; private set; }
    public string? Region { get; private set; }
    public string? From { get; private set; }
    public string? To { get; private set; }
    public string Sort { get; private set; } = "relevance";

    public IReadOnlyList<string> Errors { get; private set; } = [];
    public string? Interpretation { get; private set; }
    public SearchResults? Results { get; private set; }
    public PagerView? Pager { get; private set; }
    public IReadOnlyList<ArticleCard> Suggestions { get; private set; } = [];
    public IReadOnlyList<ChannelInfo> Channels { get; private set; } = [];
    public IReadOnlyList<RegionInfo> Regions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(
        [FromQuery] string? q,
        [FromQuery] string? channel,
        [FromQuery] string? region,
        [FromQuery] string? source,
        [FromQuery] string? from,
        [FromQuery] string? to,
        [FromQuery] string? sort,
        [FromQuery(Name = "page")] string? page,
        CancellationToken ct)
    {
        // Echo back only what fits in the form; an oversized query is reported, not re-rendered in full.
        Q = q is null ? string.Empty : q.Length > SearchQuery.MaxLength * 2 ? q[..(SearchQuery.MaxLength * 2)] : q;
        (Channel, Region, From, To, Sort) = (channel, region, from, to, sort == "time" ? "time" : "relevance");
        Channels = await lists.ChannelsAsync();
        Regions = await lists.RegionsAsync();
        ViewData.SetMeta(new PageMeta
        {
            Title = string.IsNullOrWhiteSpace(q) ? SearchText.SearchHeading : Phrase.Format(SearchText.SearchPageTitle, Excerpt.Clip(q, 30)),
            CanonicalPath = "/search",
            NoIndex = true,
            SearchQuery = Q,
        });

        var (parameters, errors) = await SearchParameters.ParseAsync(db, segmenter, site, q, channel, region, source, from, to, sort, page, PageSize, ct);
        if (parameters is null)
        {
            Errors = errors.Values.SelectMany(v => v).ToList();
            Suggestions = await SuggestionsAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (parameters.Query.IsEmpty)
        {
            Interpretation = string.IsNullOrWhiteSpace(q) ? null : string.Empty;
            Suggestions = await SuggestionsAsync();
            return Page();
        }

        Interpretation = parameters.Query.Interpretation;
        var started = Stopwatch.GetTimestamp();
        Results = await engine.SearchAsync(parameters.ToRequest(site.UtcNow), ct);
        metrics.Search(Stopwatch.GetElapsedTime(started));
        var pageCount = Math.Max(1, Math.Min(SearchParameters.MaxPage, (Results.Total + PageSize - 1) / PageSize));
        if (parameters.Page > pageCount)
        {
            return NotFound();
        }

        Pager = new PagerView("/search?" + parameters.QueryString(), parameters.Page, pageCount);
        if (Results.Total == 0)
        {
            Suggestions = await SuggestionsAsync();
        }

        return Page();
    }

    private async Task<IReadOnlyList<ArticleCard>> SuggestionsAsync() => (await lists.LatestAsync()).Take(8).ToList();
}
