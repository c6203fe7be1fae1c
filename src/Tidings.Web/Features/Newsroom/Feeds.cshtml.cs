using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Accounts;
using Tidings.Core.Aggregation;
using Tidings.Core.Data;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Newsroom;

/// <summary>
/// /newsroom/feeds: 合作媒体 for editors and admins — subscribe a source to a partner feed, change its settings,
/// pause, resume, poll now, unsubscribe, and see each feed's health. Every change is audited; the same rules as the
/// CLI (PartnerFeeds) apply, and the fetcher refuses private addresses whoever typed the URL.
/// </summary>
public sealed class FeedsModel(TidingsDbContext db, PartnerFeeds feeds, SiteContext site, [FromKeyedServices(Throttle.Newsroom)] Throttle throttle) : PageModel
{
    public IReadOnlyList<PartnerFeed> Rows { get; private set; } = [];
    public IReadOnlyList<(int Id, string Slug, string Name)> Channels { get; private set; } = [];
    public IReadOnlyList<(int Id, string Slug, string Name)> Regions { get; private set; } = [];
    public string? Error { get; private set; }

    [TempData]
    public string? Flash { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!User.Can(Permission.Feeds))
        {
            return Forbid();
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(string? url, string? source, string? channel, string? region, int every, bool review, bool fullText, CancellationToken ct)
    {
        if (await GuardAsync(ct) is { } refused)
        {
            return refused;
        }

        try
        {
            var feed = await feeds.SubscribeAsync(new FeedSubscription(url ?? string.Empty, source ?? string.Empty, Empty(channel), Empty(region), every, review, fullText), ct);
            db.Audit(User, site.UtcNow, "feed-add", detail: $"{feed.Id} {feed.Url}");
            await db.SaveChangesAsync(ct);
            Flash = Phrase.Format(NewsroomText.FeedAdded, feed.Url);
            return RedirectToPage();
        }
        catch (FeedSettingsException e)
        {
            return await RefuseAsync(Describe(e), ct);
        }
    }

    public async Task<IActionResult> OnPostUpdateAsync(int id, string? channel, string? region, int every, bool review, bool fullText, CancellationToken ct)
    {
        if (await GuardAsync(ct) is { } refused)
        {
            return refused;
        }

        try
        {
            if (!await feeds.UpdateAsync(id, Empty(channel), Empty(region), every, review, fullText, ct))
            {
                return NotFound();
            }
        }
        catch (FeedSettingsException e)
        {
            return await RefuseAsync(Describe(e), ct);
        }

        return await DoneAsync("feed-update", id, NewsroomText.FeedSaved, ct);
    }

    public async Task<IActionResult> OnPostPauseAsync(int id, CancellationToken ct) =>
        await GuardAsync(ct) ?? (await feeds.SetPausedAsync(id, paused: true, ct) ? await DoneAsync("feed-pause", id, NewsroomText.FeedPausedFlash, ct) : NotFound());

    public async Task<IActionResult> OnPostResumeAsync(int id, CancellationToken ct) =>
        await GuardAsync(ct) ?? (await feeds.SetPausedAsync(id, paused: false, ct) ? await DoneAsync("feed-resume", id, NewsroomText.FeedResumedFlash, ct) : NotFound());

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken ct) =>
        await GuardAsync(ct) ?? (await feeds.RemoveAsync(id, ct) ? await DoneAsync("feed-remove", id, NewsroomText.FeedRemoved, ct) : NotFound());

    public async Task<IActionResult> OnPostPollAsync(int id, CancellationToken ct)
    {
        if (await GuardAsync(ct) is { } refused)
        {
            return refused;
        }

        if (await feeds.PollAsync(id, ct) is not { } outcome)
        {
            return NotFound();
        }

        Flash = outcome switch
        {
            { Busy: true } => Phrase.Format(NewsroomText.FeedPollBusy, id),
            { Failed: true } => Phrase.Format(NewsroomText.FeedPollFailed, id, outcome.Error),
            { NotModified: true } => Phrase.Format(NewsroomText.FeedNotModified, id),
            _ => Phrase.Format(NewsroomText.FeedPolled, id, outcome.Added, outcome.Updated, outcome.Unchanged, outcome.Skipped.Count),
        };
        if (!outcome.Busy)
        {
            db.Audit(User, site.UtcNow, "feed-poll", detail: id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await db.SaveChangesAsync(ct);
        }

        return RedirectToPage();
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private async Task<IActionResult> DoneAsync(string action, int id, string flash, CancellationToken ct)
    {
        db.Audit(User, site.UtcNow, action, detail: id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
        Flash = Phrase.Format(flash, id);
        return RedirectToPage();
    }

    private async Task<IActionResult> RefuseAsync(string message, CancellationToken ct)
    {
        Error = message;
        await LoadAsync(ct);
        return this.Refused(StatusCodes.Status400BadRequest);
    }

    private async Task<IActionResult?> GuardAsync(CancellationToken ct)
    {
        if (!User.Can(Permission.Feeds))
        {
            return Forbid();
        }

        if (await throttle.TryAcquireAsync("user:" + User.UserId()) is { } wait)
        {
            await LoadAsync(ct);
            return this.TooFast(wait);
        }

        return null;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        ViewData["Section"] = "feeds";
        ViewData.SetMeta(new PageMeta { Title = Ui.PartnerFeeds, NoIndex = true });
        Rows = await feeds.ListAsync(ct);
        Channels = (await db.Channels.AsNoTracking().OrderBy(c => c.SortOrder).Select(c => new { c.Id, c.Slug, c.Name }).ToListAsync(ct)).Select(c => (c.Id, c.Slug, c.Name)).ToList();
        Regions = (await db.Regions.AsNoTracking().OrderBy(r => r.SortOrder).Select(r => new { r.Id, r.Slug, r.Name }).ToListAsync(ct)).Select(r => (r.Id, r.Slug, r.Name)).ToList();
    }

    /// <summary>Why a subscription was refused, in the reader's language (the exception's message is the CLI's English).</summary>
    public static string Describe(FeedSettingsException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var text = e.Problem switch
        {
            FeedSettingsProblem.SourceName => NewsroomText.ErrorFeedSourceName,
            FeedSettingsProblem.TooManyFeeds => NewsroomText.ErrorFeedTooMany,
            FeedSettingsProblem.AlreadySubscribed => NewsroomText.ErrorFeedAlreadySubscribed,
            FeedSettingsProblem.Url => NewsroomText.ErrorFeedUrl,
            FeedSettingsProblem.UrlCredentials => NewsroomText.ErrorFeedUrlCredentials,
            FeedSettingsProblem.PollInterval => NewsroomText.ErrorFeedPollInterval,
            FeedSettingsProblem.NoChannel => NewsroomText.ErrorFeedNoChannel,
            FeedSettingsProblem.NoRegion => NewsroomText.ErrorFeedNoRegion,
            _ => null,
        };
        return text is null ? e.Message : Phrase.Format(text, [.. e.Arguments]);
    }
}
