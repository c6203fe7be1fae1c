using Microsoft.Extensions.Options;
using Tidings.Core.Aggregation;
using Tidings.Web.Infrastructure;

namespace Tidings.Web.Features.Partners;

/// <summary>合作媒体: partner feeds as a source of articles (the CLI's `feeds` verbs, the newsroom, the poller).</summary>
internal static class PartnerFeedsSetup
{
    /// <param name="poll">Run the background poller in this process (the web app; not the CLI).</param>
    public static IHostApplicationBuilder AddPartnerFeeds(this IHostApplicationBuilder builder, bool poll = true)
    {
        builder.AddSettings<AggregationOptions>("Tidings:Aggregation")
            .Validate(o => o.MaxFeedBytes is >= 64 * 1024 and <= 64 * 1024 * 1024, "Tidings:Aggregation:MaxFeedBytes must be 64 KiB – 64 MiB.")
            .Validate(o => o.RequestTimeoutSeconds is >= 1 and <= 300, "Tidings:Aggregation:RequestTimeoutSeconds must be 1–300.")
            .Validate(o => o.MaxRedirects is >= 0 and <= 10, "Tidings:Aggregation:MaxRedirects must be 0–10.")
            .Validate(o => o.PerHostConcurrency is >= 1 and <= 16, "Tidings:Aggregation:PerHostConcurrency must be 1–16.")
            .Validate(o => o.PollerSeconds is >= 1 and <= 3600, "Tidings:Aggregation:PollerSeconds must be 1–3600.")
            .Validate(o => o.Concurrency is >= 1 and <= 32, "Tidings:Aggregation:Concurrency must be 1–32.")
            .Validate(o => o.ImportShare is >= 0.05 and <= 1, "Tidings:Aggregation:ImportShare must be 0.05–1.")
            .Validate(o => o.LeaseSeconds >= o.RequestTimeoutSeconds + 60 && o.LeaseSeconds <= 3600, "Tidings:Aggregation:LeaseSeconds must be at least Tidings:Aggregation:RequestTimeoutSeconds + 60 and at most 3600.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<AggregationOptions>>().Value);
        builder.Services.AddSingleton(sp =>
        {
            // The User-Agent names the site, so a partner can see who fetches and reach its operator. ASCII only.
            var site = sp.GetRequiredService<IOptions<TidingsOptions>>().Value.PublicBaseUrl;
            var agent = site is { Length: > 0 } ? $"Tidings/1.0 (+{site}) partner-feed fetcher" : "Tidings/1.0 (self-hosted news portal) partner-feed fetcher";
            return new FeedFetcher(sp.GetRequiredService<AggregationOptions>(), agent, sp.GetRequiredService<TimeProvider>());
        });
        builder.Services.AddScoped<PartnerFeeds>();
        // The poller can always be asked for a round (tests do); it runs by itself only where polling is on, so an
        // operator can keep polling off reader nodes with Tidings:Aggregation:Poll=false.
        builder.Services.AddSingleton<FeedPoller>();
        if (poll && builder.Configuration.GetValue("Tidings:Aggregation:Poll", defaultValue: true))
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<FeedPoller>());
        }

        builder.DeclareSetting<bool>("Tidings:Aggregation:Poll");
        return builder;
    }
}
