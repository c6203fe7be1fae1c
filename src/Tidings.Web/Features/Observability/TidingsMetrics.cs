using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.OutputCaching;
using Tidings.Web.Features.Trending;

namespace Tidings.Web.Features.Observability;

/// <summary>
/// What an operator watches besides the framework's request and runtime metrics: the page cache's hits, search
/// latency, the trending pipeline's queue and freshness, the moderation queue, and each dependency's health.
/// </summary>
public sealed class TidingsMetrics : IDisposable
{
    public const string MeterName = "Tidings";

    private readonly Meter _meter;
    private readonly Counter<long> _pageCache;
    private readonly Histogram<double> _search;

    public TidingsMetrics(IMeterFactory meters, TrendingIngestion trending, DependencySampler sampler)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        _pageCache = _meter.CreateCounter<long>("tidings.page_cache.requests", "{request}", "Requests for pages the shared page cache may answer, by result (hit or miss).");
        _search = _meter.CreateHistogram("tidings.search.duration", "s", "Time to answer a search, from query to ranked page.", tags: null, advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
        });
        _meter.CreateObservableGauge("tidings.trending.queue", () => trending.Pending, "{signal}", "Reader signals waiting to be counted.");
        _meter.CreateObservableCounter("tidings.trending.dropped", () => trending.Dropped, "{signal}", "Reader signals dropped because the queue was full.");
        _meter.CreateObservableGauge("tidings.trending.staleness", () => trending.Staleness.TotalSeconds, "s", "Time since the trending store last took every waiting signal (grows while it is unreachable).");
        _meter.CreateObservableGauge("tidings.comments.pending", () => sampler.PendingComments is { } n ? [new Measurement<long>(n)] : Array.Empty<Measurement<long>>(), "{comment}", "Comments waiting for a moderator.");
        _meter.CreateObservableGauge("tidings.dependency.up", () => sampler.Dependencies.Select(d => new Measurement<int>(d.Value ? 1 : 0, new KeyValuePair<string, object?>("dependency", d.Key))), description: "1 when the dependency (database, redis) answered the last check, else 0.");
    }

    public void PageCache(bool hit) => _pageCache.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));

    /// <summary>An article page from the shared cache: hit, stale (served while another request renders), coalesced, render, stale-if-error.</summary>
    public void ArticlePage(string result) =>
        _pageCache.Add(1, new KeyValuePair<string, object?>("result", result), new KeyValuePair<string, object?>("page", "article"));

    public void Search(TimeSpan elapsed) => _search.Record(elapsed.TotalSeconds);

    public void Dispose() => _meter.Dispose();

    /// <summary>
    /// Counts the page cache's answers: a response to a cacheable GET carries Age when it came from the cache. Runs in
    /// front of the output-cache middleware.
    /// </summary>
    public static WebApplication UsePageCacheMetrics(WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<TidingsMetrics>();
        app.Use(async (context, next) =>
        {
            await next(context);
            if (HttpMethods.IsGet(context.Request.Method) && context.GetEndpoint()?.Metadata.GetMetadata<OutputCacheAttribute>() is not null)
            {
                metrics.PageCache(context.Response.Headers.Age.Count > 0);
            }
        });
        return app;
    }
}
