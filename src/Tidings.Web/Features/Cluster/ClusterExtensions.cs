using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using Tidings.Web.Infrastructure;
using Tidings.Web.Shared;

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
        builder.DeclareSetting<string>(RedisSetting);
        builder.Services.AddSingleton(new NodeIdentity(Guid.NewGuid().ToString("N")[..12]));
        builder.Services.AddSingleton<LocalTokenBuckets>();
        var configuration = builder.Configuration[RedisSetting];
        if (string.IsNullOrWhiteSpace(configuration))
        {
            builder.Services.AddSingleton<IContentBroadcast, NoContentBroadcast>();
            builder.Services.AddSingleton<ITokenBuckets>(sp => sp.GetRequiredService<LocalTokenBuckets>());
            return builder;
        }

        ConfigurationOptions options;
        try
        {
            // Short timeouts unless the operator wrote others (a later option overrides an earlier one): a reader
            // should not wait long for a fallback either.
            options = ConfigurationOptions.Parse("connectTimeout=2000,syncTimeout=1000,asyncTimeout=1000," + configuration);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{RedisSetting} is not a valid Redis configuration string ({e.Message}); for example \"redis.internal:6379,password=…\".", e);
        }

        // Start and keep running while Redis is away; the client reconnects by itself when it returns.
        options.AbortOnConnectFail = false;
        options.ClientName ??= "tidings";
        // While disconnected, commands fail at once instead of queueing: every caller has a fallback (the last trending
        // list, per-node limits, the database poll), and a reader should not wait a timeout for any of them.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        builder.Services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var redis = ConnectionMultiplexer.Connect(options);
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Tidings.Redis");
            redis.ConnectionFailed += (_, e) => RedisLog.Lost(logger, e.EndPoint, e.FailureType, e.Exception);
            redis.ConnectionRestored += (_, e) => RedisLog.Restored(logger, e.EndPoint);
            return redis;
        });
        // Portals sharing one Redis keep apart by the channel prefix, which also prefixes every key.
        builder.Services.AddSingleton(new RedisKeys(options.ChannelPrefix is { IsNullOrEmpty: false } prefix ? prefix.ToString() : "tidings:"));
        builder.Services.AddSingleton<ITokenBuckets, RedisTokenBuckets>();
        builder.Services.AddSingleton<RedisContentBroadcast>();
        builder.Services.AddSingleton<IContentBroadcast>(sp => sp.GetRequiredService<RedisContentBroadcast>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RedisContentBroadcast>());
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return builder;
    }
}

/// <summary>The prefix of every Redis key this portal uses.</summary>
public sealed record RedisKeys(string Prefix);

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
            // Degraded, not unhealthy: the node still serves every page (see ADR 11), so a load balancer must keep it.
            return HealthCheckResult.Degraded("Redis is unreachable: trending shows the last lists, cached pages refresh by polling, limits are per node.", e);
        }
    }
}

internal static partial class RedisLog
{
    [LoggerMessage(EventId = 101, EventName = "Redis.ConnectionLost", Level = LogLevel.Warning, Message = "Redis connection to {EndPoint} lost ({FailureType}): trending shows the last lists, limits are per node, other nodes' changes arrive by polling")]
    public static partial void Lost(ILogger logger, System.Net.EndPoint? endPoint, ConnectionFailureType failureType, Exception? e);

    [LoggerMessage(EventId = 102, EventName = "Redis.ConnectionRestored", Level = LogLevel.Information, Message = "Redis connection to {EndPoint} restored")]
    public static partial void Restored(ILogger logger, System.Net.EndPoint? endPoint);
}
