using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Spectre.Console;
using Tidings.Core.Data;
using Tidings.Web.Infrastructure;

namespace Tidings.Web.Features.Cli;

/// <summary>
/// migrate-data: moves a site from the embedded SQLite database into PostgreSQL (see <see cref="DatabaseCopier"/>).
/// The files of the data directory (keys, word lists, dictionary) are not in the database and stay where they are.
/// </summary>
internal static class MigrateDataCommand
{
    public static Command Create(Option<string?> dataDir)
    {
        var to = new Option<string>("--to")
        {
            Description = "Connection string of the new, empty PostgreSQL database, e.g. \"Host=db;Database=tidings;Username=tidings;Password=…\"",
            Required = true,
        };
        var command = new Command(
            "migrate-data",
            "Copy the whole embedded SQLite site into an empty PostgreSQL database, verifying every table's row count. Stop the site first.");
        command.Options.Add(to);
        command.SetAction(async (parse, ct) =>
        {
            NpgsqlConnectionStringBuilder connection;
            try
            {
                connection = new NpgsqlConnectionStringBuilder(parse.GetValue(to));
            }
            catch (ArgumentException e)
            {
                return CliApp.Fail("--to is not a valid PostgreSQL connection string: " + e.Message);
            }

            if (string.IsNullOrEmpty(connection.Host) || string.IsNullOrEmpty(connection.Database))
            {
                return CliApp.Fail("--to needs at least Host and Database.");
            }

            using var host = CliHost.Build(parse.GetValue(dataDir));
            var from = host.Services.GetRequiredService<IDatabaseDialect>();
            if (from.EmbeddedFile is null)
            {
                return CliApp.Fail("the configured database is already PostgreSQL; migrate-data copies the embedded SQLite site of --data-dir. "
                    + "Run it with the SQLite configuration (without Tidings__Database__Provider=Postgres).");
            }

            await host.Services.InitializeDatabaseAsync(allowDemoSeed: false, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var source = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
            var into = new PostgresDialect(connection.ToString(), circuit: null);
            var targetOptions = new DbContextOptionsBuilder<TidingsDbContext>();
            into.Configure(targetOptions);
            await using var target = new TidingsDbContext(targetOptions.Options);
            try
            {
                await target.Database.MigrateAsync(ct);
            }
            catch (NpgsqlException e)
            {
                return CliApp.Fail($"cannot reach or prepare the PostgreSQL database {connection.Database} on {connection.Host}: {e.Message}");
            }

            Console.WriteLine($"From: {from.Describe()}");
            Console.WriteLine($"To:   {into.Describe()}");
            var copier = new DatabaseCopier(source, target, into);
            var clock = Stopwatch.StartNew();
            IReadOnlyList<TableCount> counts;
            try
            {
                var totals = await copier.SourceCountsAsync(ct);
                counts = await WithProgressAsync(totals, progress => copier.CopyAsync(progress, ct));
            }
            catch (DatabaseCopyException e)
            {
                return CliApp.Fail(e.Message);
            }

            // Freshly loaded tables have no planner statistics: PostgreSQL then plans them as empty, and a search for a
            // rare word walked every document instead of using the GIN index (16 ms instead of 1 at 2,000 articles).
            var copyTime = clock.Elapsed;
            var analysing = Stopwatch.StartNew();
            await target.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE);", ct);
            analysing.Stop();

            // Plain lines, so a redirected log reads the same as the terminal.
            foreach (var count in counts)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count.Table,-28} {count.Source,12:N0} rows  {(count.Source == count.Target ? "verified" : "DIFFERENT")}"));
            }

            var rows = counts.Sum(c => c.Target);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Copied {rows:N0} rows in {counts.Count} tables in {copyTime.TotalSeconds:F1} s ({rows / Math.Max(copyTime.TotalSeconds, 0.001):N0} rows/s); every count matches."));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Analysed the copy for the query planner (VACUUM ANALYZE) in {analysing.Elapsed.TotalSeconds:F1} s."));
            Console.WriteLine("Next: set Tidings__Database__Provider=Postgres and ConnectionStrings__Tidings on every node. Sign-in keys then live in the database: readers sign in again once.");
            return 0;
        });
        return command;
    }

    private static async Task<IReadOnlyList<TableCount>> WithProgressAsync(
        IReadOnlyDictionary<string, long> totals, Func<IProgress<(string Table, long Copied)>, Task<IReadOnlyList<TableCount>>> work)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await work(new Progress<(string, long)>(_ => { }));
        }

        IReadOnlyList<TableCount> result = [];
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var bar = ctx.AddTask("Copying rows", maxValue: Math.Max(totals.Values.Sum(), 1));
                var done = new Dictionary<string, long>(StringComparer.Ordinal);
                var progress = new SynchronousProgress(p =>
                {
                    done[p.Table] = p.Copied;
                    bar.Description = Markup.Escape("Copying " + p.Table);
                    bar.Value = done.Values.Sum();
                });
                result = await work(progress);
                bar.Description = "Copied";
                bar.Value = bar.MaxValue;
            });
        return result;
    }

    /// <summary>Reports on the copying thread: Progress&lt;T&gt; would post to the thread pool and race the bar.</summary>
    private sealed class SynchronousProgress(Action<(string Table, long Copied)> report) : IProgress<(string Table, long Copied)>
    {
        public void Report((string Table, long Copied) value) => report(value);
    }
}
