using System.Globalization;
using System.ServiceModel.Syndication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidings.Core.Data;
using Tidings.Core.Live;
using Tidings.Web.Features.Articles;
using Tidings.Web.Features.Feeds;
using Tidings.Web.Infrastructure;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Live;

public sealed class LiveOptions
{
    /// <summary>Open streams one node serves; beyond it a reader is told to retry and its page polls instead.</summary>
    public int MaxStreams { get; set; } = 20_000;

    /// <summary>A comment line this often keeps proxies from closing an idle stream (nginx's default is 60 s).</summary>
    public int KeepAliveSeconds { get; set; } = 15;

    /// <summary>How often a page without a stream (refused, or behind a proxy that breaks them) asks for updates.</summary>
    public int PollSeconds { get; set; } = 15;
}

/// <summary>
/// 滚动直播 for readers: <c>/article/{id}/live/events</c> (Server-Sent Events; resumes from Last-Event-ID) and
/// <c>/article/{id}/live/updates?after=</c> (the polling fallback, one shared cached answer per mark) and
/// <c>/article/{id}/live/feed.rss|.atom</c> (the entries for feed readers). The page itself is complete on load;
/// live.js adds what arrives behind a "N 条新消息" button.
/// </summary>
internal static class LiveExtensions
{
    public const string UpdatesPolicy = "live-updates";
    public const string FeedPolicy = "live-feed";

    /// <summary>Entries a coverage's feed carries (feed readers poll; the page has the rest).</summary>
    public const int FeedEntries = 50;

    private static readonly DateTime AllRemovals = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static WebApplicationBuilder AddLive(this WebApplicationBuilder builder)
    {
        builder.AddSettings<LiveOptions>("Tidings:Live")
            .Validate(o => o.MaxStreams is >= 0 and <= 1_000_000, "Tidings:Live:MaxStreams must be 0-1000000.")
            .Validate(o => o.KeepAliveSeconds is >= 1 and <= 300 && o.PollSeconds is >= 2 and <= 600, "Tidings:Live:KeepAliveSeconds must be 1-300 and PollSeconds 2-600.")
            .ValidateOnStart();
        builder.Services.AddSingleton<LiveHub>();
        builder.Services.AddScoped<LiveDesk>();
        // Many readers poll the same mark: one answer per article and mark, for two seconds.
        builder.Services.AddOutputCache(o =>
        {
            o.AddPolicy(UpdatesPolicy, b => b.Expire(TimeSpan.FromSeconds(2)).SetVaryByQuery("after"));
            // Feed readers poll every few minutes at most; ten seconds old is news enough, and a crowd of them costs
            // one build per article and format. No query varies it ("?x=1", "?x=2" share one copy).
            o.AddPolicy(FeedPolicy, b => b.Expire(TimeSpan.FromSeconds(10)).SetVaryByQuery("-").SetVaryByHost(true));
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder app)
    {
        app.MapGet("/article/{id:int}/live/events", StreamAsync).ExcludeFromDescription();
        app.MapGet("/article/{id:int}/live/updates", UpdatesAsync).CacheOutput(UpdatesPolicy)
            .WithTags("Articles").WithName("GetLiveUpdates")
            .WithSummary("A live coverage's entries after `after` (an entry id), with their markup, removed entries and the state (live or ended).");
        foreach (var format in new[] { FeedFormat.Rss, FeedFormat.Atom })
        {
            app.MapMethods(FeedPath("{id:int}", format), ContentCacheExtensions.GetAndHead, (HttpContext http, int id, CancellationToken ct) => FeedAsync(http, id, format, ct))
                .CacheOutput(FeedPolicy).ExcludeFromDescription();
        }

        return app;
    }

    /// <summary>A coverage's own feed: its newest entries, one item each.</summary>
    public static string FeedPath(string id, FeedFormat format) => "/article/" + id + "/live/feed" + FeedUrls.Extension(format);

    private static async Task<IResult> FeedAsync(HttpContext http, int id, FeedFormat format, CancellationToken ct)
    {
        var db = http.RequestServices.GetRequiredService<TidingsDbContext>();
        var site = http.RequestServices.GetRequiredService<SiteContext>();
        var now = site.UtcNow;
        // The same door as the page: what readers may not see (a draft, an embargo) has no feed either.
        var article = await db.Published(now).Where(a => a.Id == id && a.LiveStatus != LiveStatus.None)
            .Select(a => new { a.Title, a.Slug, a.Summary, a.PublishedAt, a.UpdatedAt }).FirstOrDefaultAsync(ct);
        if (article is null)
        {
            return TypedResults.NotFound();
        }

        var rows = await db.LiveEntries.AsNoTracking().Where(e => e.ArticleId == id && !e.Deleted)
            .OrderByDescending(e => e.Id).Take(FeedEntries).ToListAsync(ct);
        var entries = await LiveEntryView.FromRowsAsync(db, rows, now, ct);
        var page = site.Absolute(http.Request, ArticleUrls.For(id, article.Slug));
        var origin = site.Absolute(http.Request, string.Empty);
        var feed = FeedEndpoints.NewFeed(
            site, http.Request, format, Phrase.Format(Ui.LiveFeedTitle, article.Title) + " - " + site.SiteName, article.Summary ?? string.Empty,
            ArticleUrls.For(id, article.Slug), FeedPath(id.ToString(CultureInfo.InvariantCulture), format), entries.Count > 0 ? entries[0].At : article.PublishedAt ?? article.UpdatedAt);
        feed.Items = entries.Select(e =>
        {
            var anchor = page + "#live-" + e.Id.ToString(CultureInfo.InvariantCulture);
            var item = new SyndicationItem
            {
                Id = anchor,
                Title = new TextSyndicationContent(XmlSafe.Clean(e.Headline(article.Title, 60))),
                PublishDate = site.Local(e.At),
                LastUpdatedTime = site.Local(e.At),
            };
            var html = new TextSyndicationContent(XmlSafe.Clean(FeedEndpoints.AbsoluteLinks(LiveEntryHtml.ForFeed(e), origin)), TextSyndicationContentKind.Html);
            item.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(anchor), "text/html"));
            FeedEndpoints.AddAuthor(item, format, e.AuthorName);
            if (format == FeedFormat.Atom)
            {
                item.Content = html;
            }
            else
            {
                // RSS 2.0 has no content element of its own; the description carries the (escaped) HTML.
                item.Summary = html;
            }

            return item;
        }).ToList();
        return HttpValidators.Document(http, FeedEndpoints.Write(feed, format), FeedUrls.ContentType(format));
    }

    private static async Task<IResult> UpdatesAsync(int id, string? after, LiveHub hub, CancellationToken ct)
    {
        if (!TryMark(after, out var mark))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["after"] = ["after must be an entry id (a whole number)."] });
        }

        // Every removal (there are few): a polling page drops whichever of them it shows.
        return await hub.ReadAsync(id, mark, AllRemovals, ct) is { } update
            ? TypedResults.Ok(update)
            : TypedResults.NotFound();
    }

    private static async Task StreamAsync(HttpContext http, int id, LiveHub hub, IOptions<LiveOptions> options, CancellationToken ct)
    {
        var lastEventId = http.Request.Headers["Last-Event-ID"].ToString();
        if (!TryMark(lastEventId.Length > 0 ? lastEventId : http.Request.Query["after"].ToString(), out var mark))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        // Every removal (there are few): a page loaded from the cache, or a reconnecting one, drops what was retracted.
        var initial = await hub.ReadAsync(id, mark, AllRemovals, ct);
        if (initial is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        using var subscription = hub.Join(id, initial.LastId, options.Value.MaxStreams);
        if (subscription is null)
        {
            // Full: the page falls back to polling (an EventSource given 503 stops trying).
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = options.Value.PollSeconds.ToString(CultureInfo.InvariantCulture);
            return;
        }

        // An entry posted between the read and joining is read again now; one posted after arrives through the hub
        // (twice at worst, and pages skip ids they have).
        if (await hub.ReadAsync(id, initial.LastId, null, ct) is { Entries.Count: > 0 } gap)
        {
            initial = initial with { LastId = gap.LastId, Entries = [.. initial.Entries, .. gap.Entries], Status = gap.Status };
        }

        http.Response.ContentType = "text/event-stream; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache, no-transform";
        // nginx passes the stream on as it comes instead of buffering it (docs/operations.md §3).
        http.Response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await http.Response.WriteAsync($"retry: {options.Value.PollSeconds * 1000}\n\n", ct);
        if (initial.Entries.Count > 0 || initial.Removed.Count > 0 || initial.Status != "live")
        {
            await http.Response.WriteAsync(LiveHub.Frame("update", initial.LastId, initial), ct);
        }

        await http.Response.Body.FlushAsync(ct);
        var keepAlive = TimeSpan.FromSeconds(options.Value.KeepAliveSeconds);
        while (!ct.IsCancellationRequested)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(keepAlive);
            try
            {
                if (!await subscription.Frames.WaitToReadAsync(wait.Token))
                {
                    // Closed by the hub (the reader fell behind): the browser reconnects from its last id.
                    return;
                }

                while (subscription.Frames.TryRead(out var frame))
                {
                    await http.Response.WriteAsync(frame, ct);
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                await http.Response.WriteAsync(": keep-alive\n\n", ct);
            }

            await http.Response.Body.FlushAsync(ct);
        }
    }

    private static bool TryMark(string? value, out long mark)
    {
        mark = 0;
        return string.IsNullOrEmpty(value) || (value.Length <= 19 && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out mark));
    }
}
