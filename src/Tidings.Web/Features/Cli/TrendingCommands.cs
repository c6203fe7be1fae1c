using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;
using Tidings.Web.Features.Trending;
using Tidings.Web.Infrastructure;

namespace Tidings.Web.Features.Cli;

/// <summary>`trending pin|suppress|unset|list`: editors' decisions about trending lists, until the newsroom has a UI.</summary>
internal static class TrendingCommands
{
    public static Command Create(Option<string?> dataDir)
    {
        var scope = new Option<string>("--scope") { Description = "site, channel:{slug} or region:{slug}", DefaultValueFactory = _ => "site" };
        var hours = new Option<double?>("--hours") { Description = "Lapse after this many hours, at most 720 (default: 720, thirty days)." };
        var position = new Option<int>("--position") { Description = "1-based place of the pinned article.", DefaultValueFactory = _ => 1 };
        var article = new Argument<int>("article") { Description = "Article id." };

        Command Decide(string name, string action, string description, bool withPosition)
        {
            var command = new Command(name, description);
            command.Arguments.Add(article);
            command.Options.Add(scope);
            command.Options.Add(hours);
            if (withPosition)
            {
                command.Options.Add(position);
            }

            command.SetAction(async (parse, ct) =>
            {
                using var host = CliHost.Build(parse.GetValue(dataDir));
                await host.Services.InitializeDatabaseAsync(allowDemoSeed: false, ct);
                await using var services = host.Services.CreateAsyncScope();
                var db = services.ServiceProvider.GetRequiredService<TidingsDbContext>();
                var request = new OverrideRequest(parse.GetValue(scope), parse.GetValue(article), action, withPosition ? parse.GetValue(position) : null, parse.GetValue(hours));
                var (result, errors) = await TrendingOverrides.ApplyAsync(db, request, services.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, ct);
                if (result is null)
                {
                    foreach (var (field, messages) in errors)
                    {
                        Console.Error.WriteLine($"error: {field}: {string.Join(' ', messages)}");
                    }

                    return 2;
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Article {result.ArticleId} {(result.Pinned ? $"pinned at {result.Position}" : "suppressed")} in {parse.GetValue(scope)}{(result.ExpiresAt is { } e ? $" until {e:yyyy-MM-dd HH:mm} UTC" : string.Empty)} (override {result.Id}; running portals apply it within 10 s)."));
                return 0;
            });
            return command;
        }

        var unset = new Command("unset", "Remove the pin or suppression of an article in a list.");
        unset.Arguments.Add(article);
        unset.Options.Add(scope);
        unset.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse.GetValue(dataDir));
            await host.Services.InitializeDatabaseAsync(allowDemoSeed: false, ct);
            await using var services = host.Services.CreateAsyncScope();
            var db = services.ServiceProvider.GetRequiredService<TidingsDbContext>();
            if (await TrendingOverrides.ParseScopeAsync(db, parse.GetValue(scope), ct) is not { } list)
            {
                Console.Error.WriteLine($"error: scope: unknown list '{parse.GetValue(scope)}'.");
                return 2;
            }

            var id = parse.GetValue(article);
            var removed = await db.TrendingOverrides.Where(o => o.ScopeKind == list.Kind && o.ScopeId == list.Id && o.ArticleId == id).ExecuteDeleteAsync(ct);
            Console.WriteLine(removed > 0 ? $"Removed the override of article {id} in {parse.GetValue(scope)}." : $"Article {id} had no override in {parse.GetValue(scope)}.");
            return 0;
        });

        var listCommand = new Command("list", "Active pins and suppressions.");
        listCommand.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse.GetValue(dataDir));
            await host.Services.InitializeDatabaseAsync(allowDemoSeed: false, ct);
            await using var services = host.Services.CreateAsyncScope();
            var db = services.ServiceProvider.GetRequiredService<TidingsDbContext>();
            var now = services.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var names = await TrendingOverrides.ScopeNamesAsync(db, ct);
            foreach (var o in await db.TrendingOverrides.AsNoTracking().Where(o => o.ExpiresAt == null || o.ExpiresAt > now).OrderBy(o => o.Id).ToListAsync(ct))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{o.Id}\t{names.GetValueOrDefault(o.Scope, "?")}\tarticle {o.ArticleId}\t{(o.Pinned ? $"pin {o.Position}" : "suppress")}\t{(o.ExpiresAt is { } e ? e.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "no expiry")}"));
            }

            return 0;
        });

        var trending = new Command("trending", "Pin or suppress articles in 热点推荐 lists.");
        trending.Subcommands.Add(Decide("pin", "pin", "Pin an article at a position in a trending list.", withPosition: true));
        trending.Subcommands.Add(Decide("suppress", "suppress", "Keep an article out of a trending list.", withPosition: false));
        trending.Subcommands.Add(unset);
        trending.Subcommands.Add(listCommand);
        return trending;
    }
}
