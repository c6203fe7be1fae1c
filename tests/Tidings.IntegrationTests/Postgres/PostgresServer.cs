using Npgsql;

namespace Tidings.IntegrationTests.Postgres;

/// <summary>
/// The PostgreSQL server the provider suites run against, from <see cref="Variable"/> (a connection string without a
/// database). Each fixture gets a database of its own, dropped when it is done, so suites run in parallel.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "TIDINGS_TEST_POSTGRES";

    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public const string MissingReason = $"no PostgreSQL: set {Variable} (./test.sh starts a throwaway server and sets it)";

    /// <summary>Skips the current test (xunit.v3's runtime skip) when no server is configured.</summary>
    public static string Require()
    {
        Assert.SkipWhen(ConnectionString is null, MissingReason);
        return ConnectionString!;
    }

    /// <returns>The connection string of a new database: empty, or a copy of <paramref name="template"/>.</returns>
    public static string CreateDatabase(string? template = null)
    {
        var server = Require();
        var name = "tidings_it_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE \"{template ?? "template0"}\"";
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
    }

    public static void DropDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var name = builder.Database;
        NpgsqlConnection.ClearAllPools();
        builder.Database = "postgres";
        builder.Pooling = false;
        using var connection = new NpgsqlConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }
}
