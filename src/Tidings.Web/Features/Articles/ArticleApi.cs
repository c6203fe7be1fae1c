using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;
using Tidings.Core.Sources;
using Tidings.Core.Text;
using Tidings.Web.Features.Channels;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Articles;

public sealed record NamedRef(string Slug, string Name);

public sealed record ApiArticle(
    int Id,
    string Title,
    string Summary,
    string Url,
    NamedRef? Channel,
    NamedRef? Region,
    NamedRef Source,
    DateTimeOffset PublishedAt,
    DateTimeOffset UpdatedAt,
    int CommentCount,
    bool IsOriginal);

public sealed record ApiArticleDetail(
    int Id,
    string Title,
    string Summary,
    string Url,
    string BodyHtml,
    NamedRef? Channel,
    NamedRef? Region,
    NamedRef Source,
    string SourceKind,
    string? Author,
    string? Editor,
    IReadOnlyList<NamedRef> Tags,
    string? CoverUrl,
    string? CoverAlt,
    DateTimeOffset PublishedAt,
    DateTimeOffset UpdatedAt,
    int CommentCount,
    bool IsOriginal,
    ApiCluster Cluster,
    ApiChannelSuggestion? ChannelSuggestion,
    string? OriginalUrl,
    string Language);

/// <summary>
/// The channel model's suggestion for an article that arrived without a channel, how sure it was (0–1), and whether
/// it was assigned (sure enough) or is waiting for an editor.
/// </summary>
public sealed record ApiChannelSuggestion(NamedRef Channel, double Confidence, bool Assigned);

public sealed record ApiPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public sealed record ApiClusterMember(int Id, string Title, string Url, NamedRef Source, DateTimeOffset PublishedAt);

/// <summary>The story an article belongs to: it and its near-duplicates (reprints); size counts the article itself.</summary>
public sealed record ApiCluster(int Size, IReadOnlyList<ApiClusterMember> Articles);

internal static class ArticleApi
{
    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 20;
    public const int MaxPage = 10_000;

    public static IEndpointRouteBuilder MapArticleApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/articles").WithTags("Articles");
        api.MapGet("/", ListAsync).WithName("ListArticles").WithSummary("Published articles, newest first, each story once (its first report), filtered by channel, region or source.");
        api.MapGet("/{id}", GetAsync).WithName("GetArticle").WithSummary("One published article with its channel, region, source, times and comment count.");
        return app;
    }

    private static async Task<Results<Ok<ApiPage<ApiArticle>>, ValidationProblem>> ListAsync(
        TidingsDbContext db, SiteContext site, PortalLists lists, HttpRequest request, string? channel, string? region, string? source, string? page, string? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var pageNumber = QueryValues.ParseInt(page, 1, 1, MaxPage, "page", errors);
        var size = QueryValues.ParseInt(pageSize, DefaultPageSize, 1, MaxPageSize, "pageSize", errors);

        var articles = db.Published(site.UtcNow);
        if (!string.IsNullOrEmpty(channel))
        {
            var id = await db.Channels.Where(c => c.Slug == channel).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
            if (id is null)
            {
                errors["channel"] = [$"No channel has the slug '{Excerpt.Clip(channel)}'. GET /api/v1/channels lists them."];
            }

            articles = articles.Where(a => a.ChannelId == id);
        }

        if (!string.IsNullOrEmpty(region))
        {
            var id = await db.Regions.Where(r => r.Slug == region).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
            if (id is null)
            {
                errors["region"] = [$"No region has the slug '{Excerpt.Clip(region)}'."];
            }

            articles = articles.Where(a => a.RegionId == id);
        }

        if (!string.IsNullOrEmpty(source))
        {
            var id = await db.Sources.Where(s => s.Slug == source).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct);
            if (id is null)
            {
                errors["source"] = [$"No source has the slug '{Excerpt.Clip(source)}'."];
            }

            articles = articles.Where(a => a.SourceId == id);
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The query has invalid parameters.");
        }

        // Each story once, as on the site's lists; its other reports are in the article's "cluster".
        articles = articles.OnePerStory(db);
        var total = await lists.CountAsync($"api:{channel}|{region}|{source}", articles);
        var rows = await articles.Newest()
            .Skip((pageNumber - 1) * size)
            .Take(size)
            .Select(a => new
            {
                a.Id,
                a.Slug,
                a.Title,
                a.Summary,
                Channel = a.Channel == null ? null : new NamedRef(a.Channel.Slug, a.Channel.Name),
                Region = a.Region == null ? null : new NamedRef(a.Region.Slug, a.Region.Name),
                Source = new NamedRef(a.Source!.Slug, a.Source.Name),
                PublishedAt = a.PublishedAt!.Value,
                a.UpdatedAt,
                a.CommentCount,
                a.IsOriginal,
            })
            .ToListAsync(ct);
        var items = rows.Select(r => new ApiArticle(
                r.Id, r.Title, r.Summary, site.Absolute(request, ArticleUrls.For(r.Id, r.Slug)), r.Channel, r.Region, r.Source,
                site.Local(r.PublishedAt), site.Local(r.UpdatedAt), r.CommentCount, r.IsOriginal))
            .ToList();
        return TypedResults.Ok(new ApiPage<ApiArticle>(items, pageNumber, size, total));
    }

    private static async Task<Results<Ok<ApiArticleDetail>, ProblemHttpResult>> GetAsync(
        TidingsDbContext db, SiteContext site, HttpRequest request, string id, CancellationToken ct)
    {
        if (!ArticleDetail.TryParseId(id, out var articleId))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: $"'{Excerpt.Clip(id)}' is not an article id (a positive integer).");
        }

        var a = await ArticleDetail.FindPublishedAsync(db, articleId, site.UtcNow, ct);
        if (a is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: $"No published article has the id {articleId}.");
        }

        var members = (await StoryReports.OthersAsync(db, a.Id, a.StoryId, site.UtcNow, ct))
            .Select(x => new ApiClusterMember(x.Id, x.Title, site.Absolute(request, x.Url), new NamedRef(x.SourceSlug, x.SourceName), site.Local(x.PublishedAt)))
            .ToList();

        var suggestion = await db.Articles
            .Where(x => x.Id == a.Id && x.SuggestedChannelId != null)
            .Join(db.Channels, x => x.SuggestedChannelId, c => c.Id, (x, c) => new { c.Slug, c.Name, x.SuggestedChannelConfidence, x.ChannelSuggested })
            .FirstOrDefaultAsync(ct);

        return TypedResults.Ok(new ApiArticleDetail(
            a.Id,
            a.Title,
            a.Summary,
            site.Absolute(request, a.Url),
            a.BodyHtml,
            a.ChannelSlug is null ? null : new NamedRef(a.ChannelSlug, a.ChannelName!),
            a.RegionSlug is null ? null : new NamedRef(a.RegionSlug, a.RegionName!),
            new NamedRef(a.SourceSlug, a.SourceName),
            a.SourceKind == SourceKind.SelfMedia ? "selfmedia" : "media",
            a.AuthorName,
            a.EditorName,
            a.Tags.Select(t => new NamedRef(t.Slug, t.Name)).ToList(),
            a.CoverUrl is null ? null : site.Absolute(request, a.CoverUrl),
            a.CoverAlt,
            site.Local(a.PublishedAt),
            site.Local(a.UpdatedAt),
            a.CommentCount,
            a.IsOriginal,
            new ApiCluster(members.Count + 1, members),
            suggestion is null
                ? null
                : new ApiChannelSuggestion(new NamedRef(suggestion.Slug, suggestion.Name), Math.Round(suggestion.SuggestedChannelConfidence ?? 0, 4), suggestion.ChannelSuggested),
            a.OriginalUrl,
            a.Language));
    }
}
