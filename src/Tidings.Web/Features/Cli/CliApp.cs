using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Tidings.Core.Articles;
using Tidings.Core.Data;
using Tidings.Core.Demo;
using Tidings.Core.Importing;
using Tidings.Core.Related;
using Tidings.Core.Search;
using Tidings.Core.Topics;
using Tidings.Web.Infrastructure;

namespace Tidings.Web.Features.Cli;

/// <summary>
/// The executable's verbs. Without a verb it serves the site; with one it does that job against the same data
/// directory and configuration, then exits.
/// </summary>
internal static class CliApp
{
    /// <summary>Words that ask for the verbs' help or version rather than a verb.</summary>
    private static readonly string[] HelpWords = ["--help", "-h", "-?", "help", "--version"];

    /// <summary>
    /// Whether the arguments name a verb, decided by the verb tree itself: "--data-dir X migrate" is the migrate verb,
    /// while arguments for the web host (--urls, --Tidings:SiteName=…) name none and start the site.
    /// </summary>
    public static bool IsCliInvocation(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0)
        {
            return false;
        }

        var root = BuildRoot();
        return root.Parse(args).CommandResult.Command != root || args.Any(a => HelpWords.Contains(a, StringComparer.Ordinal));
    }

    public static Task<int> RunAsync(string[] args) => BuildRoot().Parse(args).InvokeAsync();

    /// <summary>
    /// The verbs' options that also mean something to the server, so "Tidings.Web.dll --data-dir /srv/site" serves
    /// that site rather than ./data (the web host would otherwise read the switch as a setting named data-dir).
    /// </summary>
    public static readonly IDictionary<string, string> ServerSwitches = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--data-dir"] = $"{TidingsOptions.Section}:{nameof(TidingsOptions.DataDirectory)}",
    };

    private static RootCommand BuildRoot()
    {
        var dataDir = new Option<string?>("--data-dir")
        {
            Description = "Data directory (default: Tidings:DataDirectory from configuration, else ./data)",
            Recursive = true,
        };
        var root = new RootCommand("Tidings news portal. Without a command it serves the site (dotnet run: http://localhost:5080).");
        root.Options.Add(dataDir);

        var migrate = new Command("migrate", "Create or upgrade the database, then exit.");
        migrate.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse.GetValue(dataDir));
            await host.Services.InitializeDatabaseAsync(allowDemoSeed: false, ct);
            Console.WriteLine($"Database is up to date: {host.Services.GetRequiredService<IDatabaseDialect>().Describe()}");
            return 0;
        });

        var synthetic = new Option<int?>("--synthetic")
        {
            Description = "Instead of the demo portal, add N clearly labelled synthetic articles (for scale tests).",
        };
        var seedNumber = new Option<int>("--random-seed")
        {
            Description = "Random seed for --synthetic, so a data set can be reproduced.",
            DefaultValueFactory = _ => 20261124,
        };
        var seed = new Command("seed", "Load the demo portal 潮讯网 (adds what is missing), or synthetic articles with --synthetic N.");
        seed.Options.Add(synthetic);
        seed.Options.Add(seedNumber);
        seed.SetAction(async (parse, ct) =>
        {
            var count = parse.GetValue(synthetic);
            if (count is <= 0 or > 100_000_000)
            {
                return Fail("--synthetic must be between 1 and 100000000.");
            }

            using var host = CliHost.Build(parse.GetValue(dataDir));
            await host.Services.InitializeDatabaseAsync(allowDemoSeed: false, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
            var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            var clock = Stopwatch.StartNew();
            if (count is null)
            {
                var summary = await new DemoSeeder(db, time, scope.ServiceProvider.GetRequiredService<SearchTextBuilder>()).SeedAsync(ct);
                await scope.ServiceProvider.PrepareRelatedAsync(ct);
                Console.WriteLine($"Demo portal ready: {summary.Channels} channels, {summary.Regions} regions, {summary.Sources} sources, {summary.ArticlesAdded} articles and {summary.CommentsAdded} comments added.");
                return 0;
            }

            var result = await WithProgressAsync("Synthetic articles", count.Value, progress =>
                new SyntheticSeeder(db, scope.ServiceProvider.GetRequiredService<IDatabaseDialect>(), time, scope.ServiceProvider.GetRequiredService<SearchTextBuilder>()).SeedAsync(count.Value, new Progress<int>(n => progress(n)), parse.GetValue(seedNumber), ct));
            var rate = result.Added / Math.Max(clock.Elapsed.TotalSeconds, 0.001);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Added {result.Added:N0} synthetic articles (ids {result.FirstId}-{result.LastId}) in {clock.Elapsed.TotalSeconds:F1} s ({rate:N0} articles/s)."));
            return 0;
        });

        var file = new Argument<FileInfo>("file") { Description = "JSONL file: one article object per line." };
        var import = new Command("import", "Import articles from a JSONL file; bad lines are reported and skipped.");
        import.Arguments.Add(file);
        import.SetAction(async (parse, ct) =>
        {
            var input = parse.GetValue(file)!;
            if (!input.Exists)
            {
                return Fail($"File not found: {input.FullName}");
            }

            using var host = CliHost.Build(parse.GetValue(dataDir));
            await host.Services.InitializeDatabaseAsync(allowDemoSeed: false, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var importer = new ArticleImporter(
                scope.ServiceProvider.GetRequiredService<TidingsDbContext>(),
                scope.ServiceProvider.GetRequiredService<IDatabaseDialect>(),
                scope.ServiceProvider.GetRequiredService<TimeProvider>(),
                scope.ServiceProvider.GetRequiredService<SearchTextBuilder>(),
                scope.ServiceProvider.GetRequiredService<TopicModels>(),
                scope.ServiceProvider.GetRequiredService<RelatedArticles>())
            {
                DefaultLanguage = ContentLanguage.Normalize(scope.ServiceProvider.GetRequiredService<IOptions<TidingsOptions>>().Value.Language) ?? ContentLanguage.Chinese,
            };
            var clock = Stopwatch.StartNew();
            await using var stream = input.OpenRead();
            var summary = await WithProgressAsync("Importing " + input.Name, stream.Length, progress =>
                importer.ImportAsync(stream, new Progress<long>(n => progress(n)), ct));

            foreach (var error in summary.Errors)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"line {error.Line}: {error.Reason}"));
            }

            if (summary.Failed > summary.Errors.Count)
            {
                Console.Error.WriteLine($"... and {summary.Failed - summary.Errors.Count} more failed lines.");
            }

            // Plain lines, not Spectre markup: redirected output would be wrapped at 80 columns and break scripts.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{summary.Lines:N0} lines: {summary.Added:N0} added, {summary.Updated:N0} updated, {summary.Unchanged:N0} unchanged, {summary.Failed:N0} failed in {clock.Elapsed.TotalSeconds:F1} s."));
            return summary.Failed == 0 ? 0 : 1;
        });

        var reindex = new Command("reindex", "Segment every article again and rebuild the search index (after changing the user dictionary).");
        reindex.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse.GetValue(dataDir));
            await host.Services.InitializeDatabaseAsync(allowDemoSeed: false, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var reindexer = new SearchReindexer(
                scope.ServiceProvider.GetRequiredService<TidingsDbContext>(),
                scope.ServiceProvider.GetRequiredService<SearchTextBuilder>(),
                scope.ServiceProvider.GetRequiredService<IDatabaseDialect>());
            var clock = Stopwatch.StartNew();
            var total = await reindexer.CountAsync(ct);
            var done = await WithProgressAsync("Reindexing", total, progress =>
                reindexer.ReindexAsync(new Progress<int>(n => progress(n)), ct));
            var rate = done / Math.Max(clock.Elapsed.TotalSeconds, 0.001);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Reindexed {done:N0} articles in {clock.Elapsed.TotalSeconds:F1} s ({rate:N0} articles/s)."));
            return 0;
        });

        root.Subcommands.Add(migrate);
        root.Subcommands.Add(MigrateDataCommand.Create(dataDir));
        root.Subcommands.Add(reindex);
        var eval = new Command("eval", "Quality evaluations on labelled corpora.");
        eval.Subcommands.Add(EvalSearchCommand.Create(dataDir));
        eval.Subcommands.Add(EvalTopicsCommand.Create());
        eval.Subcommands.Add(EvalRelatedCommand.Create(dataDir));
        eval.Subcommands.Add(OriginalityCommands.Eval(dataDir));
        root.Subcommands.Add(eval);
        root.Subcommands.Add(seed);
        root.Subcommands.Add(RelatedCommands.Topics(dataDir));
        root.Subcommands.Add(RelatedCommands.Related(dataDir, WithProgressAsync));
        root.Subcommands.Add(OriginalityCommands.Create(dataDir, WithProgressAsync));
        root.Subcommands.Add(TrendingCommands.Create(dataDir));
        root.Subcommands.Add(UserCommands.Create(dataDir));
        root.Subcommands.Add(import);
        root.Subcommands.Add(FeedCommands.Create(dataDir));
        root.Subcommands.Add(BackupCommands.Backup(dataDir));
        root.Subcommands.Add(BackupCommands.Restore(dataDir));
        return root;
    }

    /// <summary>A usage error every verb reports the same way: "error: …" on stderr, exit code 2.</summary>
    internal static int Fail(string message)
    {
        Console.Error.WriteLine("error: " + message);
        return 2;
    }

    /// <summary>A progress bar on a terminal; silence when output is redirected (logs, CI).</summary>
    private static async Task<T> WithProgressAsync<T>(string label, double total, Func<Action<double>, Task<T>> work)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await work(_ => { });
        }

        T result = default!;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(label), maxValue: Math.Max(total, 1));
                result = await work(value => task.Value = value);
                task.Value = task.MaxValue;
            });
        return result;
    }
}
