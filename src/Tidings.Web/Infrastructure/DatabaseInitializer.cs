using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidings.Core.Data;
using Tidings.Core.Demo;
using Tidings.Core.Related;
using Tidings.Core.Search;
using Tidings.Core.Topics;
using Tidings.Web.Features.Accounts;

namespace Tidings.Web.Infrastructure;

internal static partial class DatabaseInitializer
{
    public static IHostApplicationBuilder InitializeDatabaseOnStart(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<DatabaseStartup>();
        return builder;
    }

    /// <summary>Applies migrations, switches the file to WAL and, on an empty database, loads the demo portal.</summary>
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, bool allowDemoSeed, CancellationToken ct = default)
    {
        // jieba's dictionary takes about a second to load; a node (which needs it for search anyway) loads it on
        // another core while migrations run. A verb that may not need it (trending, users, backup) leaves it alone.
        var segmenterLoad = allowDemoSeed ? Task.Run(services.GetRequiredService<SearchTextBuilder>, ct) : null;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Tidings.Database");
        var dialect = scope.ServiceProvider.GetRequiredService<IDatabaseDialect>();
        await db.Database.MigrateAsync(ct);
        await dialect.PrepareSchemaAsync(db, ct);
        await dialect.RefreshStatisticsOnStartAsync(db, ct);
        await AccountAdmin.EnsureRolesAsync(db, ct);

        var options = scope.ServiceProvider.GetRequiredService<IOptions<TidingsOptions>>().Value;
        if (allowDemoSeed && options.SeedDemoOnEmptyDatabase && !await db.Channels.AnyAsync(ct))
        {
            var seeder = new DemoSeeder(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), await segmenterLoad!);
            // Related lists and the topic model follow in the background (RelatedMaintenance): start-up stays fast,
            // and until then an article page shows the newest of its sub-site or channel.
            var summary = await seeder.SeedAsync(ct);
            Log.DemoSeeded(logger, summary.ArticlesAdded, summary.Channels, summary.Sources);
        }

        if (allowDemoSeed)
        {
            await DemoAccounts.SeedAsync(scope.ServiceProvider, ct);
        }

        if (segmenterLoad is not null)
        {
            await segmenterLoad;
        }
    }

    /// <summary>After a bulk load (demo, synthetic): train the topic model and compute every related list.</summary>
    public static async Task PrepareRelatedAsync(this IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<TidingsDbContext>();
        await services.GetRequiredService<TopicModels>().TrainAsync(db, ct);
        await services.GetRequiredService<RelatedArticles>().RebuildAsync(null, services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, ct);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1301, EventName = "DatabaseInitializer.DemoSeeded", Level = LogLevel.Information, Message = "Empty database: loaded the demo portal ({Articles} articles, {Channels} channels, {Sources} sources)")]
        public static partial void DemoSeeded(ILogger logger, int articles, int channels, int sources);
    }
}

/// <summary>
/// Prepares the database in the host's Starting phase, before Kestrel accepts requests, so the first request never
/// meets a missing schema (and test hosts, which never run code after Build(), get the same start-up).
/// </summary>
internal sealed class DatabaseStartup(IServiceProvider services) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => services.InitializeDatabaseAsync(allowDemoSeed: true, cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
