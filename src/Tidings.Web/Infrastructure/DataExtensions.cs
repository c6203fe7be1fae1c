using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidings.Core.Backups;
using Tidings.Core.Creators;
using Tidings.Core.Data;
using Tidings.Core.Related;
using Tidings.Core.Search;
using Tidings.Core.Text;
using Tidings.Core.Topics;

namespace Tidings.Web.Infrastructure;

/// <summary>The resolved, existing data directory.</summary>
public sealed record DataDirectory(string Path)
{
    public string DatabaseFile => System.IO.Path.Combine(Path, SiteFiles.Database);

    /// <summary>The operator's jieba user dictionary: one "word [frequency] [tag]" a line; applied by reindex.</summary>
    public string UserDictionaryFile => System.IO.Path.Combine(Path, "dictionary", "user.txt");
}

internal static class DataExtensions
{
    public static IHostApplicationBuilder AddTidingsData(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<TidingsOptions>(TidingsOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => TryFindZone(o.TimeZone) is not null, "Tidings:TimeZone is not a known time zone id.")
            .Validate(o => Core.Articles.ContentLanguage.Normalize(o.Language) is not null, "Tidings:Language must be zh-CN or en.")
            .Validate(
                o => Core.Articles.ContentLanguage.ParseList(o.Languages) is { } list && list.Contains(Core.Articles.ContentLanguage.Normalize(o.Language)!),
                "Tidings:Languages must list zh-CN and/or en, separated by commas, including Tidings:Language.")
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => TryFindZone(sp.GetRequiredService<IOptions<TidingsOptions>>().Value.TimeZone)!);

        // Resolved lazily: test hosts and CLI flags override the directory after this method has run. Whoever uses the
        // directory holds its lock (disposed with the host), so a restore can tell that it is in use.
        builder.Services.AddSingleton(sp =>
        {
            var path = sp.DataDirectoryPath();
            Directory.CreateDirectory(path);
            return DataDirectoryLock.Shared(path);
        });
        builder.Services.AddSingleton(sp => new DataDirectory(sp.GetRequiredService<DataDirectoryLock>().Directory));

        builder.Services.AddSingleton(sp => new ChineseSegmenter(PrepareUserDictionary(sp.GetRequiredService<DataDirectory>())));
        builder.Services.AddSingleton<SearchTextBuilder>();

        builder.AddSettings<TopicOptions>("Tidings:Topics")
            .Validate(o => o.AssignAtConfidence is > 0 and <= 1, "Tidings:Topics:AssignAtConfidence must be in (0, 1].")
            .Validate(o => o.RetrainAfterGrowth > 0, "Tidings:Topics:RetrainAfterGrowth must be positive.")
            .Validate(o => o.MinimumDocuments >= 2, "Tidings:Topics:MinimumDocuments must be at least 2.")
            .ValidateOnStart();
        builder.AddSettings<RelatedOptions>("Tidings:Related")
            .Validate(o => o.StoredItems is >= 10 and <= 50, "Tidings:Related:StoredItems must be 10-50.")
            .Validate(o => o.MaxPerSource is >= 1 and <= 10, "Tidings:Related:MaxPerSource must be 1-10.")
            .Validate(o => o.KeyTerms is >= 4 and <= 64, "Tidings:Related:KeyTerms must be 4-64.")
            .Validate(o => o.Candidates is >= 20 and <= 2000, "Tidings:Related:Candidates must be 20-2000.")
            .Validate(o => o.PostingsPerTerm is >= 10 and <= 10_000, "Tidings:Related:PostingsPerTerm must be 10-10000.")
            .Validate(o => o.QueryTerms is >= 1 and <= 64, "Tidings:Related:QueryTerms must be 1-64.")
            .Validate(o => o.TopicWeight >= 0 && o.TagWeight >= 0 && o.RegionWeight >= 0, "Tidings:Related:TopicWeight, Tidings:Related:TagWeight and Tidings:Related:RegionWeight must not be negative.")
            .Validate(o => o.RecentWindowDays > 0, "Tidings:Related:RecentWindowDays must be positive.")
            .Validate(o => o.RecencyHalfLifeDays > 0, "Tidings:Related:RecencyHalfLifeDays must be positive.")
            .Validate(o => o.OutsideWindowFactor is >= 0 and <= 1, "Tidings:Related:OutsideWindowFactor must be in [0, 1].")
            .Validate(o => o.BackgroundShare is >= 0.05 and <= 1, "Tidings:Related:BackgroundShare must be 0.05-1.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<TopicOptions>>().Value);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<RelatedOptions>>().Value);
        builder.Services.AddSingleton<KeyTermExtractor>();
        builder.Services.AddSingleton<TopicModels>();
        builder.Services.AddScoped<RelatedArticles>();
        builder.AddSettings<OriginalityOptions>("Tidings:Originality")
            .Validate(o => o.FlagShare is > 0 and <= 1 && o.RefuseShare is > 0 and <= 1 && o.FlagShare <= o.RefuseShare, "Tidings:Originality:FlagShare and Tidings:Originality:RefuseShare must be in (0, 1], FlagShare no larger than RefuseShare.")
            .Validate(o => o.MaxPostingsPerShingle is >= 10 and <= 100_000, "Tidings:Originality:MaxPostingsPerShingle must be 10-100000.")
            .ValidateOnStart();
        builder.Services.AddScoped(sp => new Originality(sp.GetRequiredService<TidingsDbContext>(), sp.GetRequiredService<IOptions<OriginalityOptions>>().Value));

        builder.AddSettings<DatabaseOptions>(DatabaseOptions.Section)
            .Validate(o => Enum.IsDefined(o.Provider), "Tidings:Database:Provider must be Sqlite or Postgres.")
            .Validate<IConfiguration>(
                (o, config) => o.Provider != DatabaseProvider.Postgres || !string.IsNullOrWhiteSpace(config.GetConnectionString(DatabaseOptions.ConnectionStringName)),
                "Tidings:Database:Provider is Postgres, but ConnectionStrings:Tidings is empty. Set it, for example "
                + "ConnectionStrings__Tidings=\"Host=db.internal;Database=tidings;Username=tidings;Password=…\".")
            .ValidateOnStart();

        builder.Services.AddSingleton<DatabaseCircuit>();

        // The one place that names the provider. Chosen when first needed: test hosts and CLI flags override
        // configuration after this runs.
        builder.Services.AddSingleton<IDatabaseDialect>(sp =>
        {
            var circuit = sp.GetRequiredService<DatabaseCircuit>();
            return sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider switch
            {
                DatabaseProvider.Postgres => new PostgresDialect(sp.GetRequiredService<IConfiguration>().GetConnectionString(DatabaseOptions.ConnectionStringName)!, circuit),
                _ => new SqliteDialect(sp.DataDirectoryPath(), sp.GetRequiredService<DataDirectory>, circuit),
            };
        });
        builder.Services.AddDbContextPool<TidingsDbContext>((sp, options) => sp.GetRequiredService<IDatabaseDialect>().Configure(options));
        builder.Services.AddScoped(sp => sp.GetRequiredService<IDatabaseDialect>().CreateSearchEngine(sp.GetRequiredService<TidingsDbContext>()));

        builder.Services.AddDataProtection()
            .SetApplicationName("Tidings");
        // Keys sign cookies and antiforgery tokens. On PostgreSQL they live in the database every node already shares
        // (and backs up with the site); Redis is often run without persistence, and losing the keys signs everyone out.
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceProvider, ILoggerFactory>((o, sp, loggers) => o.XmlRepository = sp.GetRequiredService<IDatabaseDialect>().CreateKeyStore(sp, loggers));
        return builder;
    }

    /// <summary>The configured data directory's full path, neither created nor locked: for verbs that look before they touch it.</summary>
    public static string DataDirectoryPath(this IServiceProvider services)
    {
        var configured = services.GetRequiredService<IOptions<TidingsOptions>>().Value.DataDirectory;
        var root = services.GetRequiredService<IHostEnvironment>().ContentRootPath;
        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.IsPathRooted(configured) ? configured : Path.Combine(root, configured)));
    }

    /// <summary>Creates the dictionary folder with a how-to on first start; returns the dictionary path.</summary>
    private static string PrepareUserDictionary(DataDirectory dir)
    {
        var folder = Path.GetDirectoryName(dir.UserDictionaryFile)!;
        Directory.CreateDirectory(folder);
        var readme = Path.Combine(folder, "README.txt");
        if (!File.Exists(readme))
        {
            File.WriteAllText(readme, """
                Tidings user dictionary for Chinese word segmentation (jieba format).

                Put new words, place names and account names in user.txt next to this file, one per line:
                    word [frequency] [part-of-speech]
                for example:
                    潮海城际铁路 20 n
                    东岸晨报
                Then run the reindex verb (dotnet Tidings.Web.dll reindex) so existing articles are segmented
                again; new and changed articles use the dictionary from the next start.
                """);
        }

        return dir.UserDictionaryFile;
    }

    private static TimeZoneInfo? TryFindZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
}
