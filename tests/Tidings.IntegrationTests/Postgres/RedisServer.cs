using StackExchange.Redis;

namespace Tidings.IntegrationTests.Postgres;

/// <summary>
/// The Redis server the Redis and cluster tests use, from <see cref="Variable"/> (host:port). Each portal gets a
/// channel prefix of its own, which the app also puts before every key, so tests sharing the server never see each
/// other's broadcasts or counts.
/// </summary>
public static class RedisServer
{
    public const string Variable = "TIDINGS_TEST_REDIS";

    public static string? Configuration =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public const string MissingReason = $"no Redis: set {Variable} (./test.sh starts a throwaway server and sets it)";

    /// <summary>Skips the current test (xunit.v3's runtime skip) when no server is configured.</summary>
    public static string Require()
    {
        Assert.SkipWhen(Configuration is null, MissingReason);
        return Configuration!;
    }

    /// <summary>
    /// A configuration string for one test's portal or cluster. Its timeouts are longer than a node's defaults: these
    /// tests share two cores with the browser suite, and a late answer is not what they check (the fault test is).
    /// </summary>
    public static string ForCluster() =>
        Require() + ",syncTimeout=10000,asyncTimeout=10000,channelPrefix=test-" + Guid.NewGuid().ToString("N")[..10] + ":";

    /// <summary>Removes the keys a portal configured with <paramref name="configuration"/> left behind.</summary>
    public static void DeleteKeys(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        var prefix = options.ChannelPrefix.IsNullOrEmpty ? throw new ArgumentException("No channel prefix.", nameof(configuration)) : options.ChannelPrefix.ToString();
        using var redis = ConnectionMultiplexer.Connect(options);
        var db = redis.GetDatabase();
        foreach (var server in redis.GetServers())
        {
            foreach (var key in server.Keys(pattern: prefix + "*"))
            {
                db.KeyDelete(key);
            }
        }
    }
}
