using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tidings.Core.Data;
using Tidings.Core.Search;

namespace Tidings.IntegrationTests.Search;

/// <summary>A database indexed before English stemming gets the new tokenizer, and its index back, on start.</summary>
public sealed class SqliteSearchUpgradeTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task EnsureAsync_RebuildsAnIndexWithTheOldTokenizer()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
        var indexed = await CountAsync(db, "SELECT count(*) AS \"Value\" FROM \"ArticleSearch\" WHERE \"ArticleSearch\" MATCH '\"济南\"'");
        Assert.True(indexed > 0);

        await db.Database.ExecuteSqlRawAsync("""
            DROP TABLE "ArticleSearch";
            CREATE VIRTUAL TABLE "ArticleSearch" USING fts5("Title", "Body", "Extra",
                content = 'ArticleSearchDocs', content_rowid = 'ArticleId', tokenize = 'unicode61 remove_diacritics 2');
            """, TestContext.Current.CancellationToken);
        Assert.Equal(0, await CountAsync(db, "SELECT count(*) AS \"Value\" FROM \"ArticleSearch\" WHERE \"ArticleSearch\" MATCH '\"济南\"'"));

        await SqliteSearchSchema.EnsureAsync(db, TestContext.Current.CancellationToken);

        Assert.Equal(1, await CountAsync(db, "SELECT count(*) AS \"Value\" FROM sqlite_master WHERE name = 'ArticleSearch' AND sql LIKE '%porter unicode61%'"));
        Assert.Equal(indexed, await CountAsync(db, "SELECT count(*) AS \"Value\" FROM \"ArticleSearch\" WHERE \"ArticleSearch\" MATCH '\"济南\"'"));
        // The triggers only name the index, so they survive the swap.
        Assert.Equal(3, await CountAsync(db, "SELECT count(*) AS \"Value\" FROM sqlite_master WHERE name LIKE 'ArticleSearchDocs_a_'"));
    }

    private static Task<int> CountAsync(TidingsDbContext db, string sql) =>
        db.Database.SqlQueryRaw<int>(sql).SingleAsync(TestContext.Current.CancellationToken);
}
