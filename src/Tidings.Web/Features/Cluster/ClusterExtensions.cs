using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using Tidings.Web.Infrastructure;

namespace Tidings.Web.Features.Cluster;

/// <summary>
/// What several web nodes share beyond the database, when Tidings:Redis is set: a broadcast that makes a change on one
/// node drop cached pages on all of them at once (the database poll of <see cref="ContentChanges"/> stays as the
/// fallback), and Redis's health in /readyz. Without Redis every node still converges, within one poll.
/// </summary>
internal static class ClusterExtensions
{
    public const string RedisSetting = "Tidings:Redis";

    public static WebApplicationBuilder AddCluster(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(new NodeIdentity(Guid.NewGuid().ToString("N")[..12]));
        var configuration = builder.Configuration[RedisSetting];
        if (string.IsNullOrWhiteSpace(configuration))
        {
            builder.Services.AddSingleton<IContentBroadcast, NoContentBroadcast>();
            return builder;
        }

        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{RedisSetting} is not a valid Redis configuration string ({e.Message}); for example \"redis.internal:6379,password=…\".", e);
        }

        // Start and keep running while Redis is away; the client reconnects by itself when it returns.
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2_000;
        options.SyncTimeout = 1_000;
        options.AsyncTimeout = 1_000;
        options.ClientName ??= "tidings";
        builder.Services.AddSingleton<IConnectionMultiplexer>(sp => ConnectionMultiplexer.Connect(options));
        builder.Services.AddSingleton<RedisContentBroadcast>();
        builder.Services.AddSingleton<IContentBroadcast>(sp => sp.GetRequiredService<RedisContentBroadcast>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RedisContentBroadcast>());
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return builder;
    }
}

/// <summary>This process among the nodes: its own broadcasts come back to it and are ignored by this id.</summary>
public sealed record NodeIdentity(string Id);

internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:F1} ms");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis is unreachable: cached pages on other nodes refresh by polling only.", e);
        }
    }
}
