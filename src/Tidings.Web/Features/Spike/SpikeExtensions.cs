using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Tidings.Web.Infrastructure;

namespace Tidings.Web.Features.Spike;

internal static class SpikeExtensions
{
    public static WebApplicationBuilder AddSpikeMode(this WebApplicationBuilder builder)
    {
        builder.AddSettings<SpikeOptions>("Tidings:Spike")
            .Validate(o => Enum.IsDefined(o.Comments), "Tidings:Spike:Comments must be PreModerate or ReadOnly.")
            .Validate(o => o.ArticleSeconds is >= 1 and <= 3_600, "Tidings:Spike:ArticleSeconds must be 1-3600.")
            .Validate(o => o.PageSeconds is >= 1 and <= 3_600, "Tidings:Spike:PageSeconds must be 1-3600.")
            .Validate(o => o.HotArticles is >= 1 and <= 100, "Tidings:Spike:HotArticles must be 1-100.")
            .Validate(o => o.TrendingListSeconds is >= 1 and <= 600, "Tidings:Spike:TrendingListSeconds must be 1-600.")
            .Validate(o => o.PollSeconds is >= 1 and <= 60, "Tidings:Spike:PollSeconds must be 1-60.")
            .ValidateOnStart();
        builder.Services.AddSingleton<SpikeSwitch>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SpikeSwitch>());
        builder.Services.AddSingleton<HotArticleGate>();
        return builder;
    }
}

/// <summary>
/// Home and list pages live longer in the output cache while spike mode is on (<see cref="SpikeOptions.PageSeconds"/>);
/// added after the policy's own expiry, so it overrides it only then.
/// </summary>
internal sealed class SpikePageLifetime(SpikeSwitch spike, IOptionsMonitor<ContentCacheOptions> cache) : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (spike.IsActive)
        {
            context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(Math.Max(cache.CurrentValue.PageSeconds, spike.Options.PageSeconds));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
}
