using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;
using Tidings.Core.Search;
using Tidings.Core.Text;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Search;

/// <summary>The search parameters of the page and the API, validated once; messages are for readers (Chinese).</summary>
internal sealed record SearchParameters(
    SearchQuery Query,
    SearchFilters Filters,
    SearchSort Sort,
    int Page,
    int PageSize,
    string? Channel,
    string? Region,
    string? Source,
    string? From,
    string? To)
{
    public const int MaxPage = 100;

    public static async Task<(SearchParameters? Parameters, Dictionary<string, string[]> Errors)> ParseAsync(
        TidingsDbContext db,
        ChineseSegmenter segmenter,
        SiteContext site,
        string? q,
        string? channel,
        string? region,
        string? source,
        string? from,
        string? to,
        string? sort,
        string? page,
        int pageSize,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!SearchQuery.TryParse(q, segmenter, out var query, out var queryError))
        {
            errors["q"] = [queryError!.Kind == SearchQueryErrorKind.TooLong
                ? Phrase.Format(SearchText.SearchTooLong, queryError.Actual, queryError.Limit)
                : Phrase.Format(SearchText.SearchTooManyTerms, queryError.Actual, queryError.Limit)];
        }

        int? channelId = null, regionId = null, sourceId = null;
        if (!string.IsNullOrEmpty(channel))
        {
            channelId = await db.Channels.Where(c => c.Slug == channel).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
            if (channelId is null)
            {
                errors["channel"] = [SearchText.SearchNoChannel];
            }
        }

        if (!string.IsNullOrEmpty(region))
        {
            regionId = await db.Regions.Where(r => r.Slug == region).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
            if (regionId is null)
            {
                errors["region"] = [SearchText.SearchNoRegion];
            }
        }

        if (!string.IsNullOrEmpty(source))
        {
            sourceId = await db.Sources.Where(s => s.Slug == source).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct);
            if (sourceId is null)
            {
                errors["source"] = [SearchText.SearchNoSource];
            }
        }

        var fromUtc = ParseDate(from, site, "from", SearchText.SearchFromDate, errors);
        var toUtc = ParseDate(to, site, "to", SearchText.SearchToDate, errors)?.AddDays(1);
        if (fromUtc is not null && toUtc is not null && fromUtc >= toUtc)
        {
            errors["to"] = [SearchText.SearchDateOrder];
        }

        var sortOrder = sort switch
        {
            null or "" or "relevance" => SearchSort.Relevance,
            "time" => SearchSort.Newest,
            _ => (SearchSort?)null,
        };
        if (sortOrder is null)
        {
            errors["sort"] = [SearchText.SearchBadSort];
        }

        var pageNumber = 1;
        if (!string.IsNullOrEmpty(page)
            && !(int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out pageNumber) && pageNumber is >= 1 and <= MaxPage))
        {
            errors["page"] = [Phrase.Format(SearchText.SearchBadPage, MaxPage)];
        }

        if (!errors.ContainsKey("page") && (pageNumber - 1) * pageSize >= ISearchEngine.MaxResults)
        {
            errors["page"] = [Phrase.Format(SearchText.SearchPageTooFar, ISearchEngine.MaxResults)];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new SearchParameters(
            query,
            new SearchFilters(channelId, regionId, sourceId, fromUtc, toUtc),
            sortOrder!.Value,
            pageNumber,
            pageSize,
            channel,
            region,
            source,
            from,
            to), errors);
    }

    public SearchRequest ToRequest(DateTime utcNow) => new(Query, Filters, Sort, Page, PageSize, utcNow);

    /// <summary>The query string of this search without the page, for pager links.</summary>
    public string QueryString()
    {
        var parts = new List<string> { "q=" + Uri.EscapeDataString(Query.Text) };
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("channel", Channel);
        Add("region", Region);
        Add("source", Source);
        Add("from", From);
        Add("to", To);
        Add("sort", Sort == SearchSort.Newest ? "time" : null);
        return string.Join('&', parts);
    }

    /// <summary>A day in the site's time zone (yyyy-MM-dd) as its first instant in UTC.</summary>
    private static DateTime? ParseDate(string? value, SiteContext site, string field, string label, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (!DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) || day.Year < 1990 || day.Year > 2100)
        {
            errors[field] = [Phrase.Format(SearchText.SearchBadDate, label)];
            return null;
        }

        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day, DateTimeKind.Unspecified), site.Zone);
    }
}
