using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Articles;
using Tidings.Core.Data;
using Tidings.Core.Importing;
using Tidings.Core.Related;
using Tidings.Core.Scheduling;
using Tidings.Core.Search;
using Tidings.Core.Sources;
using Tidings.Core.Text;
using Tidings.Core.Topics;

namespace Tidings.Core.Aggregation;

/// <summary>What an operator asks for when subscribing a source to a feed.</summary>
public sealed record FeedSubscription(string Url, string Source, string? Channel = null, string? Region = null, int PollMinutes = PartnerFeeds.DefaultPollMinutes, bool Review = false, bool FullText = false);

/// <summary>One poll of one feed: what was taken, what was left and why, or why it failed.</summary>
/// <param name="Busy">Not polled: another node or request is polling this feed right now.</param>
public sealed record PollOutcome(int FeedId, string Url, bool NotModified, int Added, int Updated, int Unchanged, IReadOnlyList<string> Skipped, string? Error, bool Busy = false)
{
    public bool Failed => Error is not null;
}

/// <summary>Why a subscription cannot be made or changed.</summary>
public enum FeedSettingsProblem
{
    Other = 0,
    SourceName,
    TooManyFeeds,
    AlreadySubscribed,
    Url,
    UrlCredentials,
    PollInterval,
    NoChannel,
    NoRegion,
}

/// <summary>
/// A subscription that cannot be made or changed. The message says why in English (the CLI prints it); the newsroom
/// words <see cref="Problem"/> with <see cref="Arguments"/> in its reader's language.
/// </summary>
public sealed class FeedSettingsException : Exception
{
    public FeedSettingsException(FeedSettingsProblem problem, string message, params object[] arguments)
        : base(message)
    {
        Problem = problem;
        Arguments = arguments;
    }

    public FeedSettingsException()
    {
    }

    public FeedSettingsException(string message)
        : base(message)
    {
    }

    public FeedSettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FeedSettingsProblem Problem { get; }

    /// <summary>The values the message names, in its order (a limit, a URL, a name).</summary>
    public IReadOnlyList<object> Arguments { get; } = [];
}

/// <summary>
/// Partner feeds: subscriptions, and polling one feed — fetch (conditionally), read, turn entries into articles
/// through the importer (idempotent on the entry's id, updates applied, review queue honoured), and keep the feed's
/// health and schedule: the interval with ±10 % jitter after a success, exponential back-off after failures (or the
/// server's Retry-After when longer), at most a day. Every door — CLI, newsroom, background poller — uses this.
/// </summary>
public sealed class PartnerFeeds(
    TidingsDbContext db,
    IDatabaseDialect dialect,
    FeedFetcher fetcher,
    SearchTextBuilder search,
    TopicModels topics,
    RelatedArticles related,
    AggregationOptions options,
    TimeProvider time)
{
    public const int DefaultPollMinutes = 10;
    public const int MinPollMinutes = 5;
    public const int MaxPollMinutes = 24 * 60;

    /// <summary>Subscriptions a site may hold; each is polled at least daily, so this bounds the poller's work.</summary>
    public const int MaxFeeds = 5_000;

    private static readonly TimeSpan MaxBackOff = TimeSpan.FromDays(1);

    /// <summary>Leases this instance took, by feed (a scoped service: one poller worker or one request).</summary>
    private readonly Dictionary<int, DateTime> _leases = [];

    /// <exception cref="FeedSettingsException">The URL, the interval, the channel or region, or a duplicate.</exception>
    public async Task<PartnerFeed> SubscribeAsync(FeedSubscription subscription, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var url = CheckUrl(subscription.Url);
        CheckInterval(subscription.PollMinutes);
        var sourceName = ArticleRules.Line(subscription.Source);
        if (sourceName.Length == 0 || sourceName.Length > Source.NameMaxLength)
        {
            throw new FeedSettingsException(FeedSettingsProblem.SourceName, $"The source must be a name or slug of 1–{Source.NameMaxLength} characters.", Source.NameMaxLength);
        }

        var channelId = await ChannelIdAsync(subscription.Channel, ct);
        var regionId = await RegionIdAsync(subscription.Region, ct);
        if (await db.PartnerFeeds.CountAsync(ct) >= MaxFeeds)
        {
            throw new FeedSettingsException(FeedSettingsProblem.TooManyFeeds, $"This site already has {MaxFeeds:N0} feeds, the most it polls.", MaxFeeds);
        }

        var sourceId = await db.Sources.Where(s => s.Slug == sourceName || s.Name == sourceName).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct)
            ?? await new Catalog(db).SourceAsync(sourceName, ct);
        if (await db.PartnerFeeds.AnyAsync(f => f.SourceId == sourceId && f.Url == url, ct))
        {
            throw new FeedSettingsException(FeedSettingsProblem.AlreadySubscribed, $"{sourceName} is already subscribed to {url}.", sourceName, url);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var feed = new PartnerFeed
        {
            Url = url,
            SourceId = sourceId,
            ChannelId = channelId,
            RegionId = regionId,
            PollMinutes = subscription.PollMinutes,
            Review = subscription.Review,
            FullText = subscription.FullText,
            NextPollAt = now,
            CreatedAt = now,
        };
        db.PartnerFeeds.Add(feed);
        await db.SaveChangesAsync(ct);
        return feed;
    }

    /// <summary>Changes where a feed's articles go and how it is polled; false when there is no such feed.</summary>
    /// <exception cref="FeedSettingsException">The interval, or an unknown channel or region.</exception>
    public async Task<bool> UpdateAsync(int feedId, string? channel, string? region, int pollMinutes, bool review, bool fullText, CancellationToken ct)
    {
        CheckInterval(pollMinutes);
        var channelId = await ChannelIdAsync(channel, ct);
        var regionId = await RegionIdAsync(region, ct);
        return await db.PartnerFeeds.Where(f => f.Id == feedId).ExecuteUpdateAsync(u => u
            .SetProperty(f => f.ChannelId, channelId)
            .SetProperty(f => f.RegionId, regionId)
            .SetProperty(f => f.PollMinutes, pollMinutes)
            .SetProperty(f => f.Review, review)
            .SetProperty(f => f.FullText, fullText), ct) > 0;
    }

    /// <summary>Every feed with its source, unhealthy ones first, then by source name.</summary>
    public async Task<IReadOnlyList<PartnerFeed>> ListAsync(CancellationToken ct) =>
        (await db.PartnerFeeds.AsNoTracking().Include(f => f.Source).ToListAsync(ct))
            .OrderByDescending(f => f.Unhealthy).ThenBy(f => f.Source!.Name, StringComparer.Ordinal).ThenBy(f => f.Id).ToList();

    /// <summary>Pauses or resumes a feed; a resumed feed is polled at once.</summary>
    public async Task<bool> SetPausedAsync(int feedId, bool paused, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var feed = db.PartnerFeeds.Where(f => f.Id == feedId);
        return paused
            ? await feed.ExecuteUpdateAsync(u => u.SetProperty(f => f.Paused, true), ct) > 0
            : await feed.ExecuteUpdateAsync(u => u.SetProperty(f => f.Paused, false).SetProperty(f => f.NextPollAt, now), ct) > 0;
    }

    /// <summary>Removes a subscription; the articles it brought stay (they are the site's now).</summary>
    public async Task<bool> RemoveAsync(int feedId, CancellationToken ct) =>
        await db.PartnerFeeds.Where(f => f.Id == feedId).ExecuteDeleteAsync(ct) > 0;

    /// <summary>The feeds due now (not paused), most overdue first, at most <paramref name="max"/>, with the time each was due.</summary>
    public async Task<IReadOnlyList<(int Id, DateTime NextPollAt)>> DueAsync(int max, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await db.PartnerFeeds.Where(f => !f.Paused && f.NextPollAt <= now).OrderBy(f => f.NextPollAt)
            .Select(f => new { f.Id, f.NextPollAt }).Take(max).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.NextPollAt)).ToList();
    }

    /// <summary>
    /// Claims a due feed for this node: moves its next poll past the lease and holds the lease, only if nobody has
    /// since (the time read by <see cref="DueAsync"/> is still there) and nobody holds it. One conditional update, the
    /// same on SQLite and PostgreSQL. Follow with <see cref="PollClaimedAsync"/>.
    /// </summary>
    public async Task<bool> ClaimAsync(int feedId, DateTime seenNextPollAt, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = LeaseEnd(now);
        if (await db.PartnerFeeds
            .Where(f => f.Id == feedId && f.NextPollAt == seenNextPollAt && !f.Paused && (f.LeasedUntil == null || f.LeasedUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.NextPollAt, until).SetProperty(f => f.LeasedUntil, until), ct) != 1)
        {
            return false;
        }

        _leases[feedId] = until;
        return true;
    }

    /// <summary>
    /// Polls one feed now, whatever its schedule (an editor's or the CLI's "poll now"), after taking its lease like
    /// the poller does: an outcome with <see cref="PollOutcome.Busy"/> when a node or another request is polling it,
    /// null when there is no such feed.
    /// </summary>
    public async Task<PollOutcome?> PollAsync(int feedId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = LeaseEnd(now);
        if (await db.PartnerFeeds.Where(f => f.Id == feedId && (f.LeasedUntil == null || f.LeasedUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.LeasedUntil, until), ct) == 1)
        {
            _leases[feedId] = until;
            return await PollClaimedAsync(feedId, ct);
        }

        return await db.PartnerFeeds.AsNoTracking().Where(f => f.Id == feedId).Select(f => f.Url).FirstOrDefaultAsync(ct) is { } url
            ? new PollOutcome(feedId, url, false, 0, 0, 0, [], null, Busy: true)
            : null;
    }

    /// <summary>Polls a feed this node has claimed (<see cref="ClaimAsync"/>), and gives the lease back.</summary>
    /// <param name="pacer">The background poller's pacing of the storing step; null stores at full speed.</param>
    public async Task<PollOutcome?> PollClaimedAsync(int feedId, CancellationToken ct, BackgroundPacer? pacer = null)
    {
        // The lease this instance took (or, for a claim made elsewhere, the one the feed holds): only it is renewed
        // and given back, so a poll that outlived its lease never frees another's.
        if (!_leases.TryGetValue(feedId, out var held))
        {
            held = await db.PartnerFeeds.Where(f => f.Id == feedId).Select(f => f.LeasedUntil).FirstOrDefaultAsync(ct) ?? default;
        }

        var lease = new Lease(held);
        try
        {
            return await PollHeldAsync(feedId, lease, pacer, ct);
        }
        finally
        {
            _leases.Remove(feedId);
            if (!lease.Settled && lease.Until != default)
            {
                // Cancelled (an editor left the page, the node is stopping) or failed before the feed was recorded:
                // the lease goes back now, not after LeaseSeconds.
                await db.PartnerFeeds.Where(f => f.Id == feedId && f.LeasedUntil == lease.Until)
                    .ExecuteUpdateAsync(u => u.SetProperty(f => f.LeasedUntil, (DateTime?)null), CancellationToken.None);
            }
        }
    }

    private async Task<PollOutcome?> PollHeldAsync(int feedId, Lease lease, BackgroundPacer? pacer, CancellationToken ct)
    {
        var feed = await db.PartnerFeeds.AsNoTracking().Where(f => f.Id == feedId)
            .Select(f => new
            {
                f.Url,
                f.ETag,
                f.LastModified,
                f.Review,
                f.FullText,
                f.PollMinutes,
                f.Failures,
                f.SourceId,
                Source = f.Source!.Name,
                Channel = db.Channels.Where(c => c.Id == f.ChannelId).Select(c => c.Slug).FirstOrDefault(),
                Region = db.Regions.Where(r => r.Id == f.RegionId).Select(r => r.Slug).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (feed is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        PollOutcome outcome;
        FeedResponse? response = null;
        string? title = null;
        TimeSpan? retryAfter = null;
        var keepValidators = true;
        try
        {
            response = await fetcher.FetchAsync(new FeedRequest(new Uri(feed.Url), feed.ETag, feed.LastModified is { } lm ? new DateTimeOffset(lm, TimeSpan.Zero) : null), ct);
            if (response.NotModified)
            {
                outcome = new PollOutcome(feedId, feed.Url, NotModified: true, 0, 0, 0, [], null);
            }
            else
            {
                // Reading, sanitising and storing are the CPU and database work of a poll: paced as one piece.
                async Task<(string? Title, List<string> Skipped, ImportSummary Stored)> TakeAsync()
                {
                    // Storing may start long after the claim (paced behind other feeds): the lease is renewed first,
                    // and a poll whose lease ran out and was taken by another stops here.
                    await RenewAsync(feedId, lease, ct);
                    var document = FeedParser.Parse(response.Body, response.Charset, response.FinalUrl);
                    var placement = new FeedPlacement(feedId, feed.SourceId, feed.Source, feed.Channel, feed.Region, feed.Review, feed.FullText);
                    var (records, skipped) = FeedItems.ToRecords(placement, document, now);
                    var importer = new ArticleImporter(db, dialect, time, search, topics, related);
                    var stored = await importer.StoreAsync(records, ct);
                    skipped.AddRange(stored.Errors.Select(e => $"{records[(int)e.Line - 1].Title}: {e.Reason}"));
                    return (document.Title, skipped, stored);
                }

                (title, var skipped, var stored) = pacer is null ? await TakeAsync() : await pacer.RunAsync(TakeAsync, ct);
                // Items the store refused are retried at the next poll: without validators, the partner sends them again.
                keepValidators = stored.Failed == 0;
                outcome = new PollOutcome(feedId, feed.Url, NotModified: false, stored.Added, stored.Updated, stored.Unchanged, skipped, null);
            }
        }
        catch (LeaseLostException)
        {
            lease.Settled = true;
            return new PollOutcome(feedId, feed.Url, false, 0, 0, 0, [], null, Busy: true);
        }
        catch (FeedFetchException e)
        {
            retryAfter = e.RetryAfter;
            outcome = new PollOutcome(feedId, feed.Url, false, 0, 0, 0, [], e.Message);
        }
        catch (FeedFormatException e)
        {
            outcome = new PollOutcome(feedId, feed.Url, false, 0, 0, 0, [], e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Whatever else a partner's document or a database hiccup throws is this feed's failure, recorded and
            // backed off like any other; it must not leave the feed leased and looking healthy.
            outcome = new PollOutcome(feedId, feed.Url, false, 0, 0, 0, [], $"Unexpected error ({e.GetType().Name}): {e.Message}");
        }

        var failures = outcome.Failed ? feed.Failures + 1 : 0;
        var next = now + NextInterval(feed.PollMinutes, failures, retryAfter);
        var error = outcome.Error is null ? null : Excerpt.Clip(outcome.Error, PartnerFeed.ErrorMaxLength);
        db.ChangeTracker.Clear();
        var row = await db.PartnerFeeds.FirstOrDefaultAsync(f => f.Id == feedId, ct);
        if (row is not null)
        {
            row.LastPolledAt = now;
            row.NextPollAt = next;
            if (row.LeasedUntil == lease.Until)
            {
                row.LeasedUntil = null;
            }

            row.Failures = failures;
            row.LastError = error;
            if (!outcome.Failed)
            {
                row.LastSuccessAt = now;
                row.Title = title is null ? row.Title : Excerpt.Clip(title, PartnerFeed.TitleMaxLength);
                if (response is { NotModified: false })
                {
                    row.ETag = keepValidators && response.ETag is { Length: <= PartnerFeed.ETagMaxLength } etag ? etag : null;
                    row.LastModified = keepValidators ? response.LastModified?.UtcDateTime : null;
                }
            }

            await db.SaveChangesAsync(ct);
            lease.Settled = true;
            db.ChangeTracker.Clear();
            if (outcome.Added > 0)
            {
                // Added in the database, not here: a manual poll and a node's poll may finish at the same moment.
                await db.PartnerFeeds.Where(f => f.Id == feedId).ExecuteUpdateAsync(u => u.SetProperty(f => f.ItemsTaken, f => f.ItemsTaken + outcome.Added), ct);
            }
        }

        return outcome;
    }

    /// <summary>A lease's end, to the millisecond: the value is also the holder's token, compared exactly on both databases.</summary>
    private DateTime LeaseEnd(DateTime now)
    {
        var until = now.AddSeconds(options.LeaseSeconds);
        return new DateTime(until.Ticks - (until.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }

    private async Task RenewAsync(int feedId, Lease lease, CancellationToken ct)
    {
        var renewed = LeaseEnd(time.GetUtcNow().UtcDateTime);
        DateTime? mine = lease.Until == default ? null : lease.Until;
        if (await db.PartnerFeeds.Where(f => f.Id == feedId && f.LeasedUntil == mine)
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.LeasedUntil, renewed).SetProperty(f => f.NextPollAt, f => f.NextPollAt < renewed ? renewed : f.NextPollAt), ct) != 1)
        {
            throw new LeaseLostException();
        }

        lease.Until = renewed;
    }

    /// <summary>The wait before the next poll: the interval ±10 % when healthy; doubled per failure, at most a day.</summary>
    public static TimeSpan NextInterval(int pollMinutes, int failures, TimeSpan? retryAfter, double jitter = double.NaN)
    {
        var spread = double.IsNaN(jitter) ? (Random.Shared.NextDouble() * 0.2) - 0.1 : jitter;
        var interval = TimeSpan.FromMinutes(pollMinutes * (1 + spread));
        if (failures > 0)
        {
            var backOff = TimeSpan.FromMinutes(pollMinutes * Math.Pow(2, Math.Min(failures, 10)));
            interval = backOff < MaxBackOff ? backOff : MaxBackOff;
        }

        return retryAfter is { } asked && asked > interval ? (asked < MaxBackOff ? asked : MaxBackOff) : interval;
    }

    private static string CheckUrl(string? text)
    {
        var url = text?.Trim() ?? string.Empty;
        if (url.Length == 0 || url.Length > PartnerFeed.UrlMaxLength
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new FeedSettingsException(FeedSettingsProblem.Url, $"The feed must be an absolute http(s) URL of at most {PartnerFeed.UrlMaxLength} characters.", PartnerFeed.UrlMaxLength);
        }

        if (uri.UserInfo.Length > 0)
        {
            throw new FeedSettingsException(FeedSettingsProblem.UrlCredentials, "The feed URL must not carry a user name or password (they would be shown and logged).");
        }

        return uri.AbsoluteUri;
    }

    private static void CheckInterval(int minutes)
    {
        if (minutes is < MinPollMinutes or > MaxPollMinutes)
        {
            throw new FeedSettingsException(FeedSettingsProblem.PollInterval, string.Create(CultureInfo.InvariantCulture, $"The poll interval must be {MinPollMinutes}–{MaxPollMinutes} minutes."), MinPollMinutes, MaxPollMinutes);
        }
    }

    private async Task<int?> ChannelIdAsync(string? slug, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(slug))
        {
            return null;
        }

        var name = slug.Trim();
        return await db.Channels.Where(c => c.Slug == name || c.Name == name).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct)
            ?? throw new FeedSettingsException(FeedSettingsProblem.NoChannel, $"There is no channel '{Excerpt.Clip(name, 40)}'.", Excerpt.Clip(name, 40));
    }

    private async Task<int?> RegionIdAsync(string? slug, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(slug))
        {
            return null;
        }

        var name = slug.Trim();
        return await db.Regions.Where(r => r.Slug == name || r.Name == name).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct)
            ?? throw new FeedSettingsException(FeedSettingsProblem.NoRegion, $"There is no region '{Excerpt.Clip(name, 40)}'.", Excerpt.Clip(name, 40));
    }
}

/// <summary>The lease a poll holds: its end doubles as the holder's token (default: none).</summary>
internal sealed class Lease(DateTime until)
{
    public DateTime Until { get; set; } = until;

    /// <summary>The feed's row was written (or another poll took over): nothing to give back.</summary>
    public bool Settled { get; set; }
}

/// <summary>A poll's lease ran out and another poll holds the feed now.</summary>
internal sealed class LeaseLostException : Exception
{
    public LeaseLostException()
        : base("The feed's lease ran out and another poll holds it.")
    {
    }
}
