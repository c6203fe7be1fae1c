using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tidings.Core.Data;
using Tidings.IntegrationTests.Postgres;

namespace Tidings.IntegrationTests;

/// <summary>
/// The real app on a real database, demo portal seeded on start: a SQLite file in a throwaway data directory, or
/// (<see cref="PostgresPortalFactory"/>) a throwaway database on the test PostgreSQL server.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private static readonly HtmlParser Parser = new();

    public PortalFactory()
        : this(onPostgres: false)
    {
    }

    protected PortalFactory(bool onPostgres)
    {
        // The demo comes ready-made (see SeededTemplate); the node's start-up finds a seeded database and keeps it.
        if (onPostgres && PostgresServer.ConnectionString is not null)
        {
            PostgresConnection = SeededTemplate.CreatePostgresDatabase();
        }
        else if (!onPostgres)
        {
            SeededTemplate.CopyInto(DataDirectory);
        }
    }

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "tidings-it-" + Guid.NewGuid().ToString("N"));

    /// <summary>The database's connection string when the portal runs on PostgreSQL.</summary>
    public string? PostgresConnection { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Tidings:DataDirectory", DataDirectory);
        // A misspelt setting in a test would otherwise leave the default in force and the test checking nothing.
        builder.UseSetting("Tidings:StrictSettings", "true");
        // Maintenance works through backlogs without pausing: tests wait for it (WaitForMaintenanceAsync); the pacing
        // is measured by bench/run-partner-reading.sh and its arithmetic by BackgroundPacerTests.
        builder.UseSetting("Tidings:Related:BackgroundShare", "1");
        if (PostgresConnection is not null)
        {
            builder.UseSetting("Tidings:Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Tidings", PostgresConnection);
        }

        builder.UseEnvironment("Testing");
    }

    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<IHtmlDocument> GetPageAsync(string path, int expectedStatus = 200)
    {
        using var client = Browser();
        using var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"GET {path}: {(int)response.StatusCode}, expected {expectedStatus}");
        return Parser.ParseDocument(html);
    }

    public async Task<T> WithDbAsync<T>(Func<TidingsDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TidingsDbContext>());
    }

    /// <summary>
    /// Waits until the background maintenance has trained the topic model and given every article its related list
    /// (the demo seed leaves that to it, to keep start-up fast).
    /// </summary>
    public Task WaitForRelatedListsAsync() => WaitForRelatedListsAsync(Services, TimeSpan.FromSeconds(90));

    /// <summary>The same wait on any node's services (the seeded template's node uses it too).</summary>
    internal static async Task WaitForRelatedListsAsync(IServiceProvider services, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (true)
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
                if (await db.TopicModels.AnyAsync(timeout.Token)
                    && !await db.SearchTexts.AnyAsync(t => !db.RelatedLists.Any(r => r.ArticleId == t.ArticleId && !r.Stale), timeout.Token))
                {
                    return;
                }
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (PostgresConnection is not null)
            {
                PostgresServer.DropDatabase(PostgresConnection);
            }

            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp directory is harmless; failing the run over it is not.
            }
        }
    }
}

/// <summary>The portal on its own database on the test PostgreSQL server (tests skip without one).</summary>
public sealed class PostgresPortalFactory : PortalFactory
{
    public PostgresPortalFactory()
        : base(onPostgres: true)
    {
    }
}

/// <summary>
/// The portal on PostgreSQL with Redis (trending, limits and broadcasts shared through it), under a key prefix of its
/// own that is removed afterwards. Tests skip without both servers.
/// </summary>
public sealed class RedisPortalFactory : PortalFactory
{
    public RedisPortalFactory()
        : base(onPostgres: true)
    {
    }

    /// <summary>The Redis configuration string, with this portal's own prefix.</summary>
    public string? Redis { get; } = RedisServer.Configuration is null ? null : RedisServer.ForCluster();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (Redis is not null)
        {
            builder.UseSetting("Tidings:Redis", Redis);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Redis is not null)
        {
            RedisServer.DeleteKeys(Redis);
        }
    }
}
