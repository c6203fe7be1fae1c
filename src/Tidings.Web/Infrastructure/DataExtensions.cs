using System.Data.Common;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Tidings.Core.Data;

namespace Tidings.Web.Infrastructure;

/// <summary>The resolved, existing data directory.</summary>
public sealed record DataDirectory(string Path)
{
    public string DatabaseFile => System.IO.Path.Combine(Path, "tidings.db");
}

internal static class DataExtensions
{
    public static IHostApplicationBuilder AddTidingsData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TidingsOptions>()
            .Bind(builder.Configuration.GetSection(TidingsOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => TryFindZone(o.TimeZone) is not null, "Tidings:TimeZone is not a known time zone id.")
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => TryFindZone(sp.GetRequiredService<IOptions<TidingsOptions>>().Value.TimeZone)!);

        // Resolved lazily: test hosts and CLI flags override the directory after this method has run.
        builder.Services.AddSingleton(sp =>
        {
            var configured = sp.GetRequiredService<IOptions<TidingsOptions>>().Value.DataDirectory;
            var root = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
            var path = Path.GetFullPath(Path.IsPathRooted(configured) ? configured : Path.Combine(root, configured));
            Directory.CreateDirectory(path);
            return new DataDirectory(path);
        });

        builder.Services.AddDbContextPool<TidingsDbContext>((sp, options) =>
        {
            var connection = new SqliteConnectionStringBuilder
            {
                DataSource = sp.GetRequiredService<DataDirectory>().DatabaseFile,
                Pooling = true,
                DefaultTimeout = 30,
            };
            options.UseSqlite(connection.ToString(), o => o.MigrationsAssembly("Tidings.Migrations.Sqlite"))
                .AddInterceptors(SqlitePragmas.Instance);
        });

        builder.Services.AddDataProtection()
            .SetApplicationName("Tidings");
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<DataDirectory, ILoggerFactory>((o, dir, loggers) =>
                o.XmlRepository = new FileSystemXmlRepository(Directory.CreateDirectory(Path.Combine(dir.Path, "keys")), loggers));
        return builder;
    }

    private static TimeZoneInfo? TryFindZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    /// <summary>WAL makes synchronous=NORMAL safe and much faster than FULL; it is per connection, so set on open.</summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL;";
            command.ExecuteNonQuery();
        }
    }
}
