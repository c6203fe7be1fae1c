using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Tidings.Core.Backups;
using Tidings.Core.Data;
using Tidings.Web.Infrastructure;

namespace Tidings.Web.Features.Cli;

/// <summary>
/// backup and restore: a SQLite site's whole data directory, copied while the site runs and put back while it does
/// not. Exit codes: 0 done, 2 refused (bad input, a damaged backup, a running site; nothing was changed), 1 failed
/// while working (a full disk, say; what was half-written is removed). See docs/operations.md, "Backups".
/// </summary>
internal static class BackupCommands
{
    private const string PostgresRefusal =
        "the configured database is PostgreSQL. Back it up with pg_dump, or base backups with WAL archiving, as docs/operations.md "
        + "(\"Backups\") describes; these verbs copy the embedded SQLite site of a data directory.";

    public static Command Backup(Option<string?> dataDir)
    {
        var to = new Option<string>("--to")
        {
            Description = "A new or empty directory for the backup (created with its parents); never an existing backup.",
            Required = true,
        };
        var command = new Command(
            "backup",
            "Copy this SQLite site while it runs: a consistent database snapshot, keys, word lists, dictionary and covers, with a manifest "
            + "of sizes, SHA-256 sums and row counts. The copy is checked with SQLite's integrity check.");
        command.Options.Add(to);
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse.GetValue(dataDir));
            if (OnAServer(host))
            {
                return CliApp.Fail(PostgresRefusal);
            }

            var dataPath = host.Services.DataDirectoryPath();
            if (!File.Exists(Path.Combine(dataPath, SiteFiles.Database)))
            {
                return CliApp.Fail($"there is no site in {dataPath} (no {SiteFiles.Database}). --data-dir names the data directory of the site to back up.");
            }

            var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(parse.GetValue(to)!));
            if (TargetRefusal(target, dataPath) is { } refusal)
            {
                return CliApp.Fail(refusal);
            }

            try
            {
                // Held shared like the site's own: a restore cannot start under the backup, nor the backup during one.
                host.Services.GetRequiredService<DataDirectory>();
                var clock = Stopwatch.StartNew();
                var outcome = await Stages.ShowAsync(stages => SiteBackup.CreateAsync(
                    dataPath, target, host.Services.GetRequiredService<TimeProvider>().GetUtcNow(), Application(), stages, ct));
                Describe(outcome, dataPath, target, clock.Elapsed);
                return 0;
            }
            catch (DataDirectoryLockException e)
            {
                return CliApp.Fail(e.Message);
            }
            catch (BackupException e)
            {
                return CliApp.Fail(e.Message);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
            {
                Console.Error.WriteLine($"error: the backup failed and was removed: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    public static Command Restore(Option<string?> dataDir)
    {
        var from = new Option<string>("--from")
        {
            Description = "The directory a backup verb wrote (with its manifest.json).",
            Required = true,
        };
        var force = new Option<bool>("--force")
        {
            Description = "Replace the stopped site in the data directory; it is moved into replaced-by-restore-<time>/ there, not deleted.",
        };
        var command = new Command(
            "restore",
            "Put a backup into the data directory after checking its manifest and every file's SHA-256. Refused while the site or any verb "
            + "uses the data directory, and for a backup from a newer release.");
        command.Options.Add(from);
        command.Options.Add(force);
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse.GetValue(dataDir));
            if (OnAServer(host))
            {
                return CliApp.Fail(PostgresRefusal);
            }

            var dataPath = host.Services.DataDirectoryPath();
            var backup = Path.TrimEndingDirectorySeparator(Path.GetFullPath(parse.GetValue(from)!));
            if (Overlap(backup, dataPath))
            {
                return CliApp.Fail($"--from {backup} and the data directory {dataPath} overlap; keep backups outside the data directory.");
            }

            if (File.Exists(dataPath))
            {
                return CliApp.Fail($"the data directory {dataPath} is a file.");
            }

            DataDirectoryLock? held = null;
            try
            {
                var manifest = await BackupFiles.ReadManifestAsync(backup, ct);
                if (manifest.SchemaRefusal(KnownMigrations()) is { } tooNew)
                {
                    return CliApp.Fail(tooNew);
                }

                var existed = Directory.Exists(dataPath);
                if (existed && (Hold(dataPath, out held) ?? ExistingRefusal(dataPath, parse.GetValue(force))) is { } refusal)
                {
                    return CliApp.Fail(refusal);
                }

                var clock = Stopwatch.StartNew();
                var outcome = await Stages.ShowAsync(async stages =>
                {
                    var verifying = stages.Start("Verifying the backup", manifest.TotalBytes);
                    await BackupFiles.VerifyAsync(backup, manifest, n => verifying.Advance(n), ct);
                    verifying.Done();
                    if (!existed)
                    {
                        Directory.CreateDirectory(dataPath);
                        if (Hold(dataPath, out held) is { } busy)
                        {
                            throw new BackupException(busy);
                        }
                    }

                    return await SiteBackup.RestoreAsync(backup, manifest, dataPath, host.Services.GetRequiredService<TimeProvider>().GetUtcNow(), stages, ct);
                });
                Describe(outcome, manifest, backup, dataPath, clock.Elapsed);
                return 0;
            }
            catch (BackupException e)
            {
                return CliApp.Fail(e.Message);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
            {
                Console.Error.WriteLine($"error: the restore failed; the data directory was left as it was: {e.Message}");
                return 1;
            }
            finally
            {
                held?.Dispose();
            }
        });
        return command;
    }

    private static bool OnAServer(IHost host) => host.Services.GetRequiredService<IDatabaseDialect>().EmbeddedFile is null;

    private static string? TargetRefusal(string target, string dataPath)
    {
        if (File.Exists(target))
        {
            return $"--to {target} is a file; a backup is a directory that does not exist yet or is empty.";
        }

        if (Overlap(target, dataPath))
        {
            return $"--to {target} overlaps the data directory {dataPath}; a backup there is lost with the site. Keep backups on another disk.";
        }

        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            return $"--to {target} is not empty; a backup goes into a new or empty directory, so it never mixes with another (a dated name per run works well).";
        }

        return null;
    }

    private static bool Overlap(string a, string b) =>
        a == b
        || a.StartsWith(b + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        || b.StartsWith(a + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>Takes the data directory's lock alone, or says who has it.</summary>
    private static string? Hold(string dataPath, out DataDirectoryLock? held)
    {
        held = DataDirectoryLock.TryExclusive(dataPath);
        return held is null
            ? $"the site in {dataPath} is running (a Tidings process holds {SiteFiles.Lock}: the site, or a verb such as import or backup). "
                + "Stop it first (systemctl stop tidings), then restore."
            : null;
    }

    private static string? ExistingRefusal(string dataPath, bool force)
    {
        var existing = SiteBackup.ExistingSite(dataPath);
        if (existing.Count == 0 || force)
        {
            return null;
        }

        var names = string.Join(", ", existing.Take(5).Select(e => Path.GetFileName(e))) + (existing.Count > 5 ? ", …" : string.Empty);
        return $"the data directory {dataPath} already holds a site ({names}). Add --force to restore over it: what is there is moved into "
            + $"{SiteFiles.ReplacedPrefix}<time>/ inside it, not deleted.";
    }

    /// <summary>The migrations this build carries, in order: a backup at any of them can be restored (and upgraded on start).</summary>
    private static List<string> KnownMigrations()
    {
        using var db = new TidingsDbContext(new DbContextOptionsBuilder<TidingsDbContext>()
            .UseSqlite("Data Source=:memory:", o => o.MigrationsAssembly("Tidings.Migrations.Sqlite"))
            .Options);
        return db.Database.GetMigrations().ToList();
    }

    private static string Application() =>
        "Tidings " + (typeof(BackupCommands).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");

    // Plain lines, not Spectre markup: cron mails and logs read them as they are.
    private static void Describe(BackupOutcome outcome, string dataPath, string target, TimeSpan elapsed)
    {
        var m = outcome.Manifest;
        var others = m.Files.Where(f => f.Path != SiteFiles.Database).ToList();
        foreach (var skipped in outcome.Skipped)
        {
            Console.Error.WriteLine("warning: not backed up: " + skipped);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Backed up {dataPath} to {target} in {elapsed.TotalSeconds:F1} s."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  database  {Size(m.Database.Bytes),10}  {m.Tables.Count} tables, {m.Tables.Sum(t => t.Rows):N0} rows, integrity {m.IntegrityCheck}, migration {m.Schema}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  files     {Size(others.Sum(f => f.Bytes)),10}  {others.Count:N0} (keys, word lists, dictionary, covers)"));
        Console.WriteLine($"  manifest  {Path.Combine(target, BackupManifest.FileName)}");
    }

    private static void Describe(RestoreOutcome outcome, BackupManifest manifest, string backup, string dataPath, TimeSpan elapsed)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Checked {backup} (made {manifest.CreatedAt:yyyy-MM-dd HH:mm:ss} UTC by {manifest.Application}): {manifest.Files.Count:N0} files, {Size(manifest.TotalBytes)}, every SHA-256 matches."));
        foreach (var table in outcome.Database.Tables)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{table.Name,-32} {table.Rows,12:N0} rows  verified"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Restored into {dataPath} in {elapsed.TotalSeconds:F1} s: {outcome.Database.Tables.Sum(t => t.Rows):N0} rows in {outcome.Database.Tables.Count} tables, integrity ok, migration {outcome.Database.Schema}."));
        if (outcome.ReplacedInto is not null)
        {
            Console.WriteLine($"The site that was there is in {outcome.ReplacedInto}; delete it once the restored site is fine.");
        }

        Console.WriteLine("Start the site (it upgrades an older schema on start), and sign in: the backup's keys keep cookies valid.");
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):F1} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):F1} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 10):F1} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
    };
}

/// <summary>The stages of a long verb as progress bars on a terminal; nothing when output is redirected (logs, cron).</summary>
internal sealed class Stages
{
    private readonly ProgressContext? _context;

    private Stages(ProgressContext? context) => _context = context;

    public static async Task<T> ShowAsync<T>(Func<Stages, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await work(new Stages(null));
        }

        T result = default!;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx => result = await work(new Stages(ctx)));
        return result;
    }

    /// <param name="total">The amount of work, or null when it cannot be known (an integrity check).</param>
    public Stage Start(string label, double? total = null)
    {
        if (_context is null)
        {
            return new Stage(null);
        }

        var task = _context.AddTask(Markup.Escape(label), maxValue: Math.Max(total ?? 1, 1));
        task.IsIndeterminate = total is null;
        return new Stage(task);
    }
}

internal sealed class Stage(ProgressTask? task)
{
    public void Advance(double amount) => task?.Increment(amount);

    public void Report(double done, double total)
    {
        if (task is not null)
        {
            task.IsIndeterminate = false;
            task.MaxValue = Math.Max(total, 1);
            task.Value = done;
        }
    }

    public void Done()
    {
        if (task is not null)
        {
            task.IsIndeterminate = false;
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }
}
