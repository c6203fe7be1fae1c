using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace Tidings.Web.Infrastructure;

/// <summary>A configuration path the site reads: an options section (with its type) or a single value.</summary>
internal sealed record KnownSetting(string Path, Type Type);

/// <summary>
/// Every Tidings:* setting is declared here as the site binds or reads it, so that start-up can name the ones nobody
/// reads. Configuration silently ignores a key no code asks for, and an operator's typo (Tidings:SeedDemo for
/// Tidings:SeedDemoOnEmptyDatabase, Tidings__Cache__ArticleSecond) would otherwise leave the default in force unnoticed.
/// </summary>
internal static partial class Settings
{
    /// <summary>Set true to refuse to start with an unknown Tidings:* key instead of logging a warning.</summary>
    public const string StrictKey = "Tidings:StrictSettings";

    /// <summary>Binds an options class to its section and declares the section's keys as known.</summary>
    public static OptionsBuilder<T> AddSettings<T>(this IHostApplicationBuilder builder, string section)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(new KnownSetting(section, typeof(T)));
        return builder.Services.AddOptions<T>().Bind(builder.Configuration.GetSection(section));
    }

    /// <summary>Declares a single value that is read straight from configuration (those needed before the host exists).</summary>
    public static IHostApplicationBuilder DeclareSetting<T>(this IHostApplicationBuilder builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(new KnownSetting(path, typeof(T)));
        return builder;
    }

    /// <summary>Reports unknown keys on start: a warning each, or a refusal to start under Tidings:StrictSettings.</summary>
    public static IHostApplicationBuilder CheckSettingsOnStart(this IHostApplicationBuilder builder)
    {
        builder.DeclareSetting<bool>(StrictKey);
        builder.Services.AddHostedService<SettingsCheck>();
        return builder;
    }

    /// <summary>The Tidings:* keys with a value that no declared setting covers, in configuration order.</summary>
    public static IReadOnlyList<string> Unknown(IConfiguration configuration, IEnumerable<KnownSetting> known)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var declared = known.ToList();
        var unknown = new List<string>();
        foreach (var (key, value) in configuration.GetSection(TidingsOptions.Section).AsEnumerable())
        {
            // Only leaves carry values; a section's own entry (value null) is covered by its children.
            if (value is not null && !IsKnown(key, declared))
            {
                unknown.Add(key);
            }
        }

        return unknown;
    }

    private static bool IsKnown(string key, List<KnownSetting> declared)
    {
        var parts = key.Split(':');
        var best = declared
            .Select(d => (Setting: d, Parts: d.Path.Split(':')))
            .Where(d => d.Parts.Length <= parts.Length && d.Parts.Select((p, i) => p.Equals(parts[i], StringComparison.OrdinalIgnoreCase)).All(same => same))
            .OrderByDescending(d => d.Parts.Length)
            .ToList();
        // Several sections can share a prefix (Tidings itself and Tidings:Cache); any of them may know the rest.
        return best.Any(d => Covers(d.Setting.Type, parts.AsSpan(d.Parts.Length)));
    }

    /// <summary>Whether a property path under an options type names something the binder would set.</summary>
    private static bool Covers(Type type, ReadOnlySpan<string> rest)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (rest.IsEmpty)
        {
            return true;
        }

        if (IsScalar(type))
        {
            return false;
        }

        // Lists, arrays and dictionaries take any child key (an index or a name).
        if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type))
        {
            return true;
        }

        var property = type.GetProperty(rest[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is not null && Covers(property.PropertyType, rest[1..]);
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Uri) || type == typeof(Guid);

    /// <summary>Runs in the Starting phase, before the database is migrated: a refused start changes nothing.</summary>
    private sealed partial class SettingsCheck(IConfiguration configuration, IEnumerable<KnownSetting> known, ILogger<SettingsCheck> logger) : IHostedLifecycleService
    {
        public Task StartingAsync(CancellationToken cancellationToken)
        {
            var unknown = Unknown(configuration, known);
            if (unknown.Count == 0)
            {
                return Task.CompletedTask;
            }

            if (configuration.GetValue<bool>(StrictKey))
            {
                throw new InvalidOperationException(
                    $"Unknown settings (Tidings:StrictSettings is on): {string.Join(", ", unknown)}. Check their spelling against docs/operations.md.");
            }

            foreach (var key in unknown)
            {
                LogUnknown(logger, key);
            }

            return Task.CompletedTask;
        }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(EventId = 1601, EventName = "Settings.LogUnknown", Level = LogLevel.Warning, Message = "Unknown setting {Key}: nothing reads it, so it has no effect. Check its spelling against docs/operations.md (Tidings:StrictSettings=true refuses to start instead)")]
        private static partial void LogUnknown(ILogger logger, string key);
    }
}
