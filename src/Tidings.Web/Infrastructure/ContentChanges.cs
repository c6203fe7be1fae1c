using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidings.Core.Articles;
using Tidings.Core.Data;
using Tidings.Web.Features.Accessibility;
using Tidings.Web.Features.Channels;
using Tidings.Web.Features.Cluster;
using Tidings.Web.Shared;

namespace Tidings.Web.Infrastructure;

public sealed class ContentCacheOptions
{
    /// <summary>How often a node looks for articles changed by another process (an import, another node).</summary>
    public int ChangePollMilliseconds { get; set; } = 2_000;

    /// <summary>The longest a cached feed or sitemap lives even when no change is seen.</summary>
    public int MaxAgeSeconds { get; set; } = 600;

    /// <summary>
    /// How long the home and list pages are shared between readers (0: not at all). They show 热点推荐, which moves
    /// with every read, so this is a burst absorber, not a long cache: at the default, a page is rendered at most once
    /// per list refresh of the trending service, however many readers ask.
    /// </summary>
    public int PageSeconds { get; set; } = 2;

    /// <summary>
    /// How long an article page is served from the shared cache before one request renders it again (0: never
    /// cached). Its own changes evict it at once; this bounds only what moves beside it (热点推荐, sidebars, 顶/踩).
    /// </summary>
    public int ArticleSeconds { get; set; } = 30;

    /// <summary>How long a stale article page may still be served while the database is away (stale-if-error).</summary>
    public int ArticleStaleSeconds { get; set; } = 3_600;

    /// <summary>Memory for cached article pages on each node; the least used go first beyond it.</summary>
    public int ArticleCacheMegabytes { get; set; } = 256;
}

/// <summary>
/// Notices that published content changed and drops what was built from it: the output-cached feeds and sitemaps
/// (tag <see cref="Tag"/>) and the shared portal lists. Writers in this process call <see cref="ChangedAsync"/>; writes
/// from elsewhere (the import verb, another node on the same database) and scheduled articles whose time has come are
/// seen by polling two indexed aggregates, so every node converges within one poll without any messaging.
/// </summary>
public sealed partial class ContentChanges(
    IServiceScopeFactory scopes, IOutputCacheStore cache, PortalLists lists, TimeProvider time, IContentBroadcast broadcast,
    IOptions<ContentCacheOptions> options, ILogger<ContentChanges> logger) : BackgroundService
{
    public const string Tag = "content";

    private bool _polled;
    private DateTime? _lastUpdated;
    private DateTime? _nextScheduled;
    private long _generation;

    /// <summary>Rises with every change seen; caches outside the output cache compare it with the one they were built at.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Call after publishing, unpublishing or editing articles in this process: drops this node's copies and tells the others.</summary>
    public async Task ChangedAsync(CancellationToken ct = default)
    {
        await ChangedHereAsync(ct);
        await broadcast.PublishAsync(ct);
    }

    /// <summary>Drops this node's copies only (a change another node announced, or one this node's poll found).</summary>
    public async Task ChangedHereAsync(CancellationToken ct = default)
    {
        Interlocked.Increment(ref _generation);
        lists.Invalidate();
        await cache.EvictByTagAsync(Tag, ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(Math.Max(50, options.Value.ChangePollMilliseconds));
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await PollAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database hiccup only delays invalidation until the next poll (and MaxAgeSeconds bounds it).
                Log.PollFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task PollAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var lastUpdated = await db.Articles.MaxAsync(a => (DateTime?)a.UpdatedAt, ct);
        var nextScheduled = await db.Articles
            .Where(ReaderVisibility.DueAfter(now))
            .MinAsync(Embargo.VisibleFrom, ct);

        var edited = lastUpdated != _lastUpdated;
        var scheduledArrived = _nextScheduled is { } due && due <= now;
        var first = !_polled;
        _polled = true;
        _lastUpdated = lastUpdated;
        _nextScheduled = nextScheduled;
        if (!first && (edited || scheduledArrived))
        {
            Log.Changed(logger, edited);
            // Every node polls, so each finds the change itself; broadcasting it would only repeat the news.
            await ChangedHereAsync(ct);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1201, EventName = "ContentChanges.Changed", Level = LogLevel.Information, Message = "Content changed (articles edited: {Edited}, else a scheduled article came due); dropping cached feeds, sitemaps and lists")]
        public static partial void Changed(ILogger logger, bool edited);

        [LoggerMessage(EventId = 1202, EventName = "ContentChanges.PollFailed", Level = LogLevel.Warning, Message = "Could not check for content changes; retrying at the next poll")]
        public static partial void PollFailed(ILogger logger, Exception e);
    }
}

internal static class ContentCacheExtensions
{
    /// <summary>Output-cache policy for anything built from published articles: shared by all readers.</summary>
    public const string Policy = "content";

    /// <summary>Generated documents answer HEAD too (feed validators and uptime monitors use it).</summary>
    public static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>Output-cache policy for reader pages without per-reader content (home and list pages).</summary>
    public const string PagePolicy = "page";

    /// <summary>The page policy, plus whether the reader follows the account the page is about.</summary>
    public const string SourcePagePolicy = "source-page";

    public static WebApplicationBuilder AddContentCache(this WebApplicationBuilder builder)
    {
        builder.AddSettings<ContentCacheOptions>("Tidings:Cache")
            .Validate(o => o.ChangePollMilliseconds is >= 50 and <= 600_000, "Tidings:Cache:ChangePollMilliseconds must be 50-600000.")
            .Validate(o => o.MaxAgeSeconds is >= 1 and <= 86_400, "Tidings:Cache:MaxAgeSeconds must be 1-86400.")
            .Validate(o => o.PageSeconds is >= 0 and <= 3_600, "Tidings:Cache:PageSeconds must be 0-3600.")
            .Validate(o => o.ArticleSeconds is >= 0 and <= 3_600, "Tidings:Cache:ArticleSeconds must be 0-3600.")
            .Validate(o => o.ArticleStaleSeconds is >= 0 and <= 604_800, "Tidings:Cache:ArticleStaleSeconds must be 0-604800.")
            .Validate(o => o.ArticleCacheMegabytes is >= 1 and <= 65_536, "Tidings:Cache:ArticleCacheMegabytes must be 1-65536.")
            .ValidateOnStart();
        builder.Services.AddOutputCache();
        // Through the validated options (not the raw section), so a bad value stops the start with its own message.
        builder.Services.AddOptions<OutputCacheOptions>().Configure<IOptions<ContentCacheOptions>, IOptions<TidingsOptions>>((o, cache, site) =>
        {
            var configured = cache.Value;
            var maxAge = TimeSpan.FromSeconds(configured.MaxAgeSeconds);
            o.SizeLimit = 64 * 1024 * 1024;
            o.MaximumBodySize = 8 * 1024 * 1024;
            // Feeds and sitemaps take no query: varying on a key no URL uses keeps "?x=1", "?x=2", ... from each
            // filling the cache with a copy.
            // With a public base URL every absolute link is the same whatever Host the request named, so one copy
            // serves all; without one, links follow the Host and so must the copies.
            var varyByHost = string.IsNullOrEmpty(site.Value.PublicBaseUrl);
            o.AddPolicy(Policy, b => b.Expire(maxAge).Tag(ContentChanges.Tag).SetVaryByQuery("-").SetVaryByHost(varyByHost));
            OutputCachePolicyBuilder? Page(OutputCachePolicyBuilder b)
            {
                if (configured.PageSeconds == 0)
                {
                    b.NoCache();
                    return null;
                }

                return b.Expire(TimeSpan.FromSeconds(configured.PageSeconds)).Tag(ContentChanges.Tag).SetVaryByHost(varyByHost)
                    .SetVaryByQuery("page").VaryByValue(ReaderMode.CacheVariant).AddPolicy<Features.Spike.SpikePageLifetime>();
            }

            o.AddPolicy(PagePolicy, b => Page(b));
            // An account page shows 关注 or 已关注: one copy for readers who follow it, one for those who do not.
            o.AddPolicy(SourcePagePolicy, b => Page(b)?.VaryByValue(Features.Following.Followers.CacheVariantAsync).AddPolicy<Features.Following.SourcePageTag>());
        });
        builder.Services.AddSingleton<ContentChanges>();
        builder.Services.AddSingleton<Features.Articles.ArticlePageCache>();
        builder.Services.AddSingleton<DocumentVersions>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ContentChanges>());
        return builder;
    }

    public static WebApplication UseContentCache(this WebApplication app)
    {
        app.UseOutputCache();
        return app;
    }
}
