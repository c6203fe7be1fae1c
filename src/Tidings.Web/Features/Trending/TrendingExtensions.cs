using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Tidings.Core.Abuse;
using Tidings.Core.Trending;
using Tidings.Web.Features.Cluster;
using Tidings.Web.Infrastructure;

namespace Tidings.Web.Features.Trending;

internal static class TrendingExtensions
{
    public static IHostApplicationBuilder AddTrending(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<TrendingOptions>("Tidings:Trending")
            .Validate(o => o.SiteHalfLifeHours > 0 && o.SectionHalfLifeHours > 0, "Tidings:Trending:SiteHalfLifeHours and Tidings:Trending:SectionHalfLifeHours must be positive.")
            .Validate(o => o.MaxVisitorsPerClientPerArticleHour is >= 1 and <= 1_000, "Tidings:Trending:MaxVisitorsPerClientPerArticleHour must be 1-1000.")
            .Validate(o => o.VisitorBurst > 0 && o.VisitorPerSecond > 0 && o.AddressBurst > 0 && o.AddressPerSecond > 0, "Tidings:Trending:VisitorBurst, Tidings:Trending:VisitorPerSecond, Tidings:Trending:AddressBurst and Tidings:Trending:AddressPerSecond must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<TrendingOptions>>().Value);
        // The operator's additions to the bot list: data/bots.txt, one regular expression a line.
        builder.Services.AddSingleton(sp => BotFilter.FromFile(Path.Combine(sp.GetRequiredService<DataDirectory>().Path, "bots.txt")));
        // With Redis every node gates, counts and ranks together; without it each node has its own view.
        if (string.IsNullOrWhiteSpace(builder.Configuration[ClusterExtensions.RedisSetting]))
        {
            builder.Services.AddSingleton<ITrendingStore, InProcessTrendingStore>();
        }
        else
        {
            builder.Services.AddSingleton<ITrendingStore, RedisTrendingStore>();
        }

        builder.Services.AddSingleton<TrendingLists>();
        builder.Services.AddSingleton<TrendingIngestion>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TrendingIngestion>());

        builder.Services.AddOptions<RateLimiterOptions>().Configure<TrendingOptions>((o, limits) =>
        {
            // Per visitor (or per address for clients without one): a page sends a few beacons, not dozens a second.
            o.AddPolicy(EventsApi.RateLimitPolicy, http => RateLimitPartition.GetTokenBucketLimiter(
                http.Request.Cookies.TryGetValue(EventsApi.VisitorCookie, out var visitor) ? "v:" + visitor : "ip:" + AddressKey.For(http.Connection.RemoteIpAddress),
                _ => new TokenBucketRateLimiterOptions { TokenLimit = limits.VisitorBurst, TokensPerPeriod = limits.VisitorPerSecond, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0 }));
            // Per address, whatever the cookie: bounds what cookie dropping can even submit.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.Request.Path.StartsWithSegments("/api/v1/events", StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetTokenBucketLimiter("ip:" + AddressKey.For(http.Connection.RemoteIpAddress), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = limits.AddressBurst,
                        TokensPerPeriod = limits.AddressPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
        });
        return builder;
    }

    public static WebApplication MapTrending(this WebApplication app)
    {
        app.MapEventsApi();
        app.MapTrendingApi();
        app.MapTrendingOverridesApi();
        return app;
    }
}
