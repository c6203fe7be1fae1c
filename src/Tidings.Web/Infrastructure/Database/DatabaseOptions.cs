namespace Tidings.Web.Infrastructure;

public enum DatabaseProvider
{
    /// <summary>One file under the data directory (WAL): the embedded default, for one process.</summary>
    Sqlite = 0,

    /// <summary>A PostgreSQL server (ConnectionStrings:Tidings): for several web nodes.</summary>
    Postgres = 1,
}

/// <summary>Tidings:Database. The connection string itself is ConnectionStrings:Tidings, where operators expect it.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Tidings:Database";
    public const string ConnectionStringName = "Tidings";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}
