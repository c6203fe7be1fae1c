using System.CommandLine;
using System.Globalization;
using Tidings.Core.Aggregation;
using Tidings.Web.Infrastructure;

namespace Tidings.Web.Features.Cli;

/// <summary>`feeds add|list|poll|pause|resume|remove`: partner feeds (合作媒体) from the command line.</summary>
internal static class FeedCommands
{
    public static Command Create(Option<string?> dataDir)
    {
        var feeds = new Command("feeds", "Partner media feeds (RSS, Atom, JSON Feed) that bring articles in under a source account.");
        feeds.Subcommands.Add(Add(dataDir));
        feeds.Subcommands.Add(List(dataDir));
        feeds.Subcommands.Add(Poll(dataDir));
        feeds.Subcommands.Add(Change(dataDir, "pause", "Stop polling a feed (its articles stay).", (f, id, ct) => f.SetPausedAsync(id, paused: true, ct), "paused"));
        feeds.Subcommands.Add(Change(dataDir, "resume", "Poll a paused feed again (at once).", (f, id, ct) => f.SetPausedAsync(id, paused: false, ct), "resumed"));
        feeds.Subcommands.Add(Change(dataDir, "remove", "Unsubscribe (the articles it brought stay on the site).", (f, id, ct) => f.RemoveAsync(id, ct), "removed"));
        return feeds;
    }

    private static Command Add(Option<string?> dataDir)
    {
        var url = new Argument<string>("url") { Description = "The feed's http(s) URL." };
        var source = new Option<string>("--source") { Description = "The source account (name or slug) its articles appear under; created when new.", Required = true };
        var channel = new Option<string?>("--channel") { Description = "Channel slug; without it the channel model suggests one per article." };
        var region = new Option<string?>("--region") { Description = "Region slug." };
        var review = new Option<bool>("--review") { Description = "New items wait in the newsroom's review queue instead of being published." };
        var fullText = new Option<bool>("--full-text") { Description = "The partner's licence allows the full text; otherwise a summary and 阅读原文." };
        var every = new Option<string>("--every") { Description = "Poll interval: 10m, 2h or minutes (5m–24h).", DefaultValueFactory = _ => $"{PartnerFeeds.DefaultPollMinutes}m" };
        var add = new Command("add", "Subscribe a source account to a partner feed.");
        add.Arguments.Add(url);
        add.Options.Add(source);
        add.Options.Add(channel);
        add.Options.Add(region);
        add.Options.Add(review);
        add.Options.Add(fullText);
        add.Options.Add(every);
        add.SetAction(async (parse, ct) =>
        {
            if (Minutes(parse.GetValue(every)!) is not { } minutes)
            {
                return CliApp.Fail("--every must look like 10m, 2h or 30 (minutes).");
            }

            using var host = CliHost.Build(parse.GetValue(dataDir));
            await host.Services.InitializeDatabaseAsync(allowDemoSeed: false, ct);
            await using var scope = host.Services.CreateAsyncScope();
            try
            {
                var feed = await scope.ServiceProvider.GetRequiredService<PartnerFeeds>().SubscribeAsync(
                    new FeedSubscription(parse.GetValue(url)!, parse.GetValue(source)!, parse.GetValue(channel), parse.GetValue(region), minutes, parse.GetValue(review), parse.GetValue(fullText)), ct);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Feed {feed.Id}: {feed.Url}, every {feed.PollMinutes} min, {(feed.Review ? "new items wait for review" : "published at once")}, {(feed.FullText ? "full text" : "summary and 阅读原文")}. Running portals poll it within a minute; `feeds poll {feed.Id}` polls now."));
                return 0;
            }
            catch (FeedSettingsException e)
            {
                return CliApp.Fail(e.Message);
            }
        });
        return add;
    }

    private static Command List(Option<string?> dataDir)
    {
        var list = new Command("list", "Every feed with its health: last poll, last error, items taken.");
        list.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse.GetValue(dataDir));
            await host.Services.InitializeDatabaseAsync(allowDemoSeed: false, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var feeds = await scope.ServiceProvider.GetRequiredService<PartnerFeeds>().ListAsync(ct);
            if (feeds.Count == 0)
            {
                Console.WriteLine("No partner feeds; add one with `feeds add URL --source NAME`.");
                return 0;
            }

            foreach (var f in feeds)
            {
                var state = f.Paused ? "paused" : f.Unhealthy ? $"UNHEALTHY ({f.Failures} failures in a row)" : f.LastSuccessAt is null ? "not polled yet" : "ok";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{f.Id}\t{f.Source?.Name}\t{f.Url}\t{state}\tevery {f.PollMinutes} min\t{f.ItemsTaken:N0} taken\tlast poll {(f.LastPolledAt is { } p ? p.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "never")}{(f.LastError is { } e ? "\tlast error: " + e : string.Empty)}"));
            }

            return 0;
        });
        return list;
    }

    private static Command Poll(Option<string?> dataDir)
    {
        var id = new Argument<int?>("id") { Description = "Feed id; without it every feed that is not paused.", Arity = ArgumentArity.ZeroOrOne };
        var poll = new Command("poll", "Poll now and print what was taken.");
        poll.Arguments.Add(id);
        poll.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse.GetValue(dataDir));
            await host.Services.InitializeDatabaseAsync(allowDemoSeed: false, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var partners = scope.ServiceProvider.GetRequiredService<PartnerFeeds>();
            var ids = parse.GetValue(id) is { } one ? [one] : (await partners.ListAsync(ct)).Where(f => !f.Paused).Select(f => f.Id).ToList();
            var failed = false;
            foreach (var feedId in ids)
            {
                if (await partners.PollAsync(feedId, ct) is not { } outcome)
                {
                    return CliApp.Fail($"There is no feed {feedId}.");
                }

                // A feed a node is polling right now is not a failure of "poll everything", only of "poll this one".
                failed |= outcome.Failed || (outcome.Busy && parse.GetValue(id) is not null);
                Console.WriteLine(outcome switch
                {
                    { Busy: true } => $"{feedId} {outcome.Url}: being polled right now (by a node or another command); try again shortly",
                    { Failed: true } => $"{feedId} {outcome.Url}: failed: {outcome.Error}",
                    { NotModified: true } => $"{feedId} {outcome.Url}: not modified (304)",
                    _ => string.Create(CultureInfo.InvariantCulture, $"{feedId} {outcome.Url}: {outcome.Added} added, {outcome.Updated} updated, {outcome.Unchanged} unchanged, {outcome.Skipped.Count} skipped"),
                });
                foreach (var reason in outcome.Skipped)
                {
                    Console.WriteLine("  skipped: " + reason);
                }
            }

            return failed ? 1 : 0;
        });
        return poll;
    }

    private static Command Change(Option<string?> dataDir, string name, string description, Func<PartnerFeeds, int, CancellationToken, Task<bool>> change, string done)
    {
        var id = new Argument<int>("id") { Description = "Feed id (see `feeds list`)." };
        var command = new Command(name, description);
        command.Arguments.Add(id);
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse.GetValue(dataDir));
            await host.Services.InitializeDatabaseAsync(allowDemoSeed: false, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var feedId = parse.GetValue(id);
            if (!await change(scope.ServiceProvider.GetRequiredService<PartnerFeeds>(), feedId, ct))
            {
                return CliApp.Fail($"There is no feed {feedId}.");
            }

            Console.WriteLine($"Feed {feedId} {done}.");
            return 0;
        });
        return command;
    }

    /// <summary>"10m", "2h", "30" (minutes); null when it is none of these.</summary>
    internal static int? Minutes(string text)
    {
        text = text.Trim().ToLowerInvariant();
        var (number, factor) = text.EndsWith('h') ? (text[..^1], 60) : text.EndsWith('m') ? (text[..^1], 1) : (text, 1);
        return int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 100_000 ? n * factor : null;
    }
}
