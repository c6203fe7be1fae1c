using System.Reflection;
using Xunit.v3;

namespace Tidings.IntegrationTests.Postgres;

/// <summary>
/// Marks a test class that runs on PostgreSQL: each of its tests is skipped, saying why, when no server is configured.
/// The skip happens before the test body (xunit.v3's runtime skip), so a shared test base class runs unchanged on
/// SQLite while its PostgreSQL subclass reports every test as skipped rather than failed. Classes that create a
/// database in <c>InitializeAsync</c> (which runs before this) are skipped there by <see cref="PostgresServer.Require"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OnPostgresAttribute : BeforeAfterTestAttribute
{
    public override void Before(MethodInfo methodUnderTest, IXunitTest test) => PostgresServer.Require();
}

/// <summary>Marks a test class that also needs Redis (<see cref="RedisServer"/>): skipped, saying why, without one.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OnRedisAttribute : BeforeAfterTestAttribute
{
    public override void Before(MethodInfo methodUnderTest, IXunitTest test) => RedisServer.Require();
}

/// <summary>Marks a test class that starts and restarts servers of its own (<see cref="PrivateServers"/>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OnPrivateServersAttribute : BeforeAfterTestAttribute
{
    public override void Before(MethodInfo methodUnderTest, IXunitTest test)
    {
        if (PrivateServers.MissingReason is { } reason)
        {
            Assert.Skip(reason);
        }
    }
}
