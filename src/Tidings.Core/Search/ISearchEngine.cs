namespace Tidings.Core.Search;

public enum SearchSort
{
    Relevance = 0,
    Newest = 1,
}

public sealed record SearchFilters(int? ChannelId = null, int? RegionId = null, int? SourceId = null, DateTime? FromUtc = null, DateTime? ToUtc = null);

public sealed record SearchRequest(SearchQuery Query, SearchFilters Filters, SearchSort Sort, int Page, int PageSize, DateTime UtcNow);

/// <param name="TitleHtml">The title with matches in &lt;mark&gt;, HTML-encoded: safe to render as is.</param>
/// <param name="SnippetHtml">A passage of the text around the matches, same rules.</param>
public sealed record SearchHit(
    int Id,
    string? Slug,
    string Title,
    string TitleHtml,
    string SnippetHtml,
    string? ChannelSlug,
    string? ChannelName,
    string SourceSlug,
    string SourceName,
    DateTime PublishedAt,
    string Language = Articles.ContentLanguage.Chinese);

/// <param name="Total">Matches found, at most <see cref="ISearchEngine.MaxResults"/>.</param>
/// <param name="MoreThanTotal">True when there are more matches than could be counted ("1000+").</param>
public sealed record SearchResults(IReadOnlyList<SearchHit> Items, int Total, bool MoreThanTotal = false)
{
    public static readonly SearchResults None = new([], 0);
}

/// <summary>
/// Full-text search over published articles. Implementations differ by database (SQLite FTS5 now, PostgreSQL
/// tsvector later) and must all pass the shared contract tests.
/// </summary>
public interface ISearchEngine
{
    /// <summary>
    /// How many matches a query can reach: the newest this many are ranked and paged. A reader never pages past
    /// 1,000 results, and the cap keeps a broad query ("手机") as fast as a precise one at any corpus size.
    /// </summary>
    public const int MaxResults = 1_000;

    Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken ct);
}
