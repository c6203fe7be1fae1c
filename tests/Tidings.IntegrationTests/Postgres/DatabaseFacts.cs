using Xunit.Abstractions;
using Xunit.Sdk;

namespace Tidings.IntegrationTests.Postgres;

/// <summary>Marks a test class that runs on PostgreSQL: its tests are skipped, saying why, when no server is configured.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OnPostgresAttribute : Attribute;

/// <summary>Marks a test class that also needs Redis (<see cref="RedisServer"/>): skipped, saying why, without one.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OnRedisAttribute : Attribute;

/// <summary>Marks a test class that starts and restarts servers of its own (<see cref="PrivateServers"/>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OnPrivateServersAttribute : Attribute;

/// <summary>A fact of a test class that may run on either database (see <see cref="OnPostgresAttribute"/>).</summary>
[XunitTestCaseDiscoverer("Tidings.IntegrationTests.Postgres.DatabaseFactDiscoverer", "Tidings.IntegrationTests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabaseFactAttribute : FactAttribute;

/// <summary>A theory of a test class that may run on either database (see <see cref="OnPostgresAttribute"/>).</summary>
[XunitTestCaseDiscoverer("Tidings.IntegrationTests.Postgres.DatabaseTheoryDiscoverer", "Tidings.IntegrationTests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabaseTheoryAttribute : TheoryAttribute;

public sealed class DatabaseFactDiscoverer(IMessageSink sink) : IXunitTestCaseDiscoverer
{
    private readonly FactDiscoverer _facts = new(sink);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        DatabaseSkip.Reason(testMethod) is { } reason
            ? [DatabaseSkip.Case(sink, discoveryOptions, testMethod, reason)]
            : _facts.Discover(discoveryOptions, testMethod, factAttribute);
}

public sealed class DatabaseTheoryDiscoverer(IMessageSink sink) : IXunitTestCaseDiscoverer
{
    private readonly TheoryDiscoverer _theories = new(sink);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        DatabaseSkip.Reason(testMethod) is { } reason
            ? [DatabaseSkip.Case(sink, discoveryOptions, testMethod, reason)]
            : _theories.Discover(discoveryOptions, testMethod, factAttribute);
}

internal static class DatabaseSkip
{
    public static string? Reason(ITestMethod method)
    {
        var type = method.TestClass.Class;
        if (type.GetCustomAttributes(typeof(OnPostgresAttribute)).Any() && PostgresServer.ConnectionString is null)
        {
            return $"no PostgreSQL: set {PostgresServer.Variable} (./test.sh starts a throwaway server and sets it)";
        }

        if (type.GetCustomAttributes(typeof(OnRedisAttribute)).Any() && RedisServer.Configuration is null)
        {
            return $"no Redis: set {RedisServer.Variable} (./test.sh starts a throwaway server and sets it)";
        }

        return type.GetCustomAttributes(typeof(OnPrivateServersAttribute)).Any() ? PrivateServers.MissingReason : null;
    }

    public static IXunitTestCase Case(IMessageSink sink, ITestFrameworkDiscoveryOptions options, ITestMethod method, string reason) =>
        new XunitSkippedDataRowTestCase(sink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), method, reason);
}
