namespace Tidings.IntegrationTests.Postgres;

/// <summary>
/// The Redis server the cluster tests use, from <see cref="Variable"/> (host:port). Each test gives its nodes a
/// channel prefix of their own, so tests sharing the server never hear each other's broadcasts.
/// </summary>
public static class RedisServer
{
    public const string Variable = "TIDINGS_TEST_REDIS";

    public static string? Configuration =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>A configuration string for one test's cluster.</summary>
    public static string ForCluster() =>
        (Configuration ?? throw new InvalidOperationException($"{Variable} is not set.")) + ",channelPrefix=test-" + Guid.NewGuid().ToString("N")[..10] + ":";
}
