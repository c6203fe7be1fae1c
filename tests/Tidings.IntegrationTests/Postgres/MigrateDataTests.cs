using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tidings.Core.Data;

namespace Tidings.IntegrationTests.Postgres;

/// <summary>The move from the embedded SQLite site to PostgreSQL, as an operator runs it: the real verb, then the portal on the copy.</summary>
[OnPostgres]
public sealed class MigrateDataTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "tidings-migrate-" + Guid.NewGuid().ToString("N"));
    private readonly List<string> _databases = [];

    private string NewDatabase()
    {
        var connection = PostgresServer.CreateDatabase();
        _databases.Add(connection);
        return connection;
    }

    [Fact]
    public async Task MigrateData_CopiesTheWholeSite_ThePortalServesIt_AndANonEmptyTargetIsRefused()
    {
        // The site a node leaves after seeding the demo (articles, comments, accounts, related lists, topic model).
        SeededTemplate.CopyInto(_dataDir);
        var added = await CliTests.RunWithInputAsync("a-very-long-passphrase\n", "users", "add", "chief", "--role", "admin", "--name", "总编辑", "--password-stdin", "--data-dir", _dataDir);
        Assert.True(added.Code == 0, added.Err);
        var target = NewDatabase();

        // The operations guide prepares the target with the migrate verb, which also creates the standard roles.
        var onPostgres = new Dictionary<string, string> { ["Tidings__Database__Provider"] = "Postgres", ["ConnectionStrings__Tidings"] = target };
        var prepared = await CliTests.RunWithAsync(null, onPostgres, "migrate", "--data-dir", _dataDir + "-pg");
        Assert.True(prepared.Code == 0, prepared.Err);

        // Run with the cluster's configuration by mistake, it would copy PostgreSQL onto itself: refused, nothing done.
        var wrongSource = await CliTests.RunWithAsync(null, onPostgres, "migrate-data", "--to", target, "--data-dir", _dataDir);
        Assert.Equal(2, wrongSource.Code);
        Assert.Contains("already PostgreSQL", wrongSource.Err, StringComparison.Ordinal);

        var (code, output, error) = await CliTests.RunAsync("migrate-data", "--to", target, "--data-dir", _dataDir);
        Assert.True(code == 0, error + output);
        Assert.Contains("every count matches", output, StringComparison.Ordinal);
        Assert.DoesNotContain("DIFFERENT", output, StringComparison.Ordinal);

        var source = await CountsAsync(new SqliteConnection($"Data Source={Path.Combine(_dataDir, "tidings.db")};Pooling=False"));
        var copied = await CountsAsync(new NpgsqlConnection(target));
        Assert.Equal(145, source["Articles"]);
        Assert.Equal(source, copied);
        Assert.Contains("VACUUM ANALYZE", output, StringComparison.Ordinal);
        await using (var analysed = new NpgsqlConnection(target))
        {
            // Planner statistics exist at once, so the first searches use the GIN index.
            await analysed.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = new NpgsqlCommand("SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'ArticleSearchDocs'", analysed);
            Assert.True((bool)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
        }

        // The copy is a working site: pages, search on the generated tsvector, sign-in, and new rows get fresh ids.
        await using var portal = new CopiedPortal(target, _dataDir);
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var latest = await portal.WithDbAsync(db => db.Articles.OrderByDescending(a => a.PublishedAt).Select(a => new { a.Id, a.Slug, a.Title }).FirstAsync());
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(Tidings.Web.Features.Articles.ArticleUrls.For(latest.Id, latest.Slug), TestContext.Current.CancellationToken));
        Assert.Equal(latest.Title, page.QuerySelector("h1")?.TextContent.Trim());
        var search = new HtmlParser().ParseDocument(await client.GetStringAsync("/search?q=" + Uri.EscapeDataString(latest.Title[..4]), TestContext.Current.CancellationToken));
        Assert.NotEmpty(search.QuerySelectorAll("mark"));
        var newId = await portal.WithDbAsync(async db =>
        {
            var tag = new Tidings.Core.Articles.Tag { Name = "迁移后新建", Slug = "after-migration" };
            db.Tags.Add(tag);
            await db.SaveChangesAsync();
            return tag.Id;
        });
        Assert.True(newId > source["Tags"], $"a new tag got id {newId}, at or below the {source["Tags"]} copied ones");

        var again = await CliTests.RunAsync("migrate-data", "--to", target, "--data-dir", _dataDir);
        Assert.Equal(2, again.Code);
        Assert.Contains("not empty", again.Err, StringComparison.Ordinal);

        var bad = await CliTests.RunAsync("migrate-data", "--to", "Host=;;;=", "--data-dir", _dataDir);
        Assert.Equal(2, bad.Code);
    }

    private static async Task<Dictionary<string, long>> CountsAsync(System.Data.Common.DbConnection connection)
    {
        await using (connection)
        {
            await connection.OpenAsync();
            var counts = new Dictionary<string, long>();
            foreach (var table in new[] { "Articles", "ArticleSearchDocs", "Comments", "Channels", "Sources", "Tags", "ArticleTags", "RelatedLists", "ArticleKeyTerms", "AspNetUsers", "AspNetUserRoles" })
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT count(*) FROM \"{table}\"";
                counts[table] = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            }

            return counts;
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var database in _databases)
        {
            PostgresServer.DropDatabase(database);
        }

        foreach (var directory in new[] { _dataDir, _dataDir + "-pg" }.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The portal on an existing PostgreSQL database, with the data directory the site was copied from.</summary>
    private sealed class CopiedPortal(string connection, string dataDir) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Tidings:DataDirectory", dataDir);
            builder.UseSetting("Tidings:Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Tidings", connection);
            builder.UseSetting("Tidings:Related:BackgroundMaintenance", "false");
            builder.UseEnvironment("Testing");
        }

        public async Task<T> WithDbAsync<T>(Func<TidingsDbContext, Task<T>> work)
        {
            await using var scope = Services.CreateAsyncScope();
            return await work(scope.ServiceProvider.GetRequiredService<TidingsDbContext>());
        }
    }
}
