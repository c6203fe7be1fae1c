using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tidings.Core.Data;
using Tidings.IntegrationTests.Postgres;

namespace Tidings.IntegrationTests;

/// <summary>
/// The demo portal as the site seeds it on an empty database, with its topic model and related lists, made once per
/// test run and per provider, then copied for every portal: a SQLite file, or a PostgreSQL template database. Each of
/// the suite's thirty-odd portals used to seed the demo and compute its related lists itself, on two shared cores.
/// The template is made by the real start-up of a real node, so a copy is what that node would have left behind.
/// </summary>
internal static class SeededTemplate
{
    private static readonly Lazy<string> SqliteFile = new(() => Task.Run(BuildSqliteAsync).GetAwaiter().GetResult());
    private static readonly Lazy<string> PostgresDatabase = new(() => Task.Run(BuildPostgresAsync).GetAwaiter().GetResult());

    /// <summary>Puts a copy of the seeded SQLite database into a data directory that has none yet.</summary>
    public static void CopyInto(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        File.Copy(SqliteFile.Value, Path.Combine(dataDirectory, Core.Backups.SiteFiles.Database));
    }

    /// <returns>The connection string of a new database made from the seeded template.</returns>
    public static string CreatePostgresDatabase() => PostgresServer.CreateDatabase(template: PostgresDatabase.Value);

    private static async Task<string> BuildSqliteAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "tidings-template-" + Guid.NewGuid().ToString("N"));
        var file = Path.Combine(Path.GetTempPath(), "tidings-template-" + Guid.NewGuid().ToString("N") + ".db");
        using (var node = new TemplateNode(b => b.UseSetting("Tidings:DataDirectory", directory)))
        {
            await PortalFactory.WaitForRelatedListsAsync(node.Services, TimeSpan.FromSeconds(180));
            await using var scope = node.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
            // One consistent file, whatever is still in the write-ahead log.
            await db.Database.ExecuteSqlRawAsync("VACUUM INTO {0}", file);
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(file);
        return file;
    }

    private static async Task<string> BuildPostgresAsync()
    {
        var connection = PostgresServer.CreateDatabase();
        var directory = Path.Combine(Path.GetTempPath(), "tidings-template-" + Guid.NewGuid().ToString("N"));
        using (var node = new TemplateNode(b =>
        {
            b.UseSetting("Tidings:DataDirectory", directory);
            b.UseSetting("Tidings:Database:Provider", "Postgres");
            b.UseSetting("ConnectionStrings:Tidings", connection);
        }))
        {
            await PortalFactory.WaitForRelatedListsAsync(node.Services, TimeSpan.FromSeconds(180));
        }

        // CREATE DATABASE … TEMPLATE needs the template without sessions.
        NpgsqlConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => PostgresServer.DropDatabase(connection);
        return new NpgsqlConnectionStringBuilder(connection).Database!;
    }

    private sealed class TemplateNode(Action<IWebHostBuilder> configure) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            configure(builder);
            builder.UseSetting("Tidings:StrictSettings", "true");
            // The seed's backlog of related lists is worked through without pausing (as in PortalFactory).
            builder.UseSetting("Tidings:Related:BackgroundShare", "1");
            builder.UseEnvironment("Testing");
        }
    }
}
