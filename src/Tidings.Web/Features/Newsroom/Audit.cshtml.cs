using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Accounts;
using Tidings.Core.Data;
using Tidings.Core.Newsroom;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Newsroom;

public sealed record AuditRow(long Id, DateTime At, string Actor, string Action, int? ArticleId, string? ArticleTitle, long? CommentId, int? BanId, string? Detail);

/// <summary>操作日志: every editorial and moderation action, newest first, filtered by who, what, which article and when.</summary>
public sealed class AuditModel(TidingsDbContext db, SiteContext site) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The actions the log knows, with their names on the page (in the reader's language when it is read).</summary>
    public static readonly IReadOnlyDictionary<string, Func<string>> Actions = new Dictionary<string, Func<string>>
    {
        ["create"] = () => NewsroomText.AuditActionCreate,
        ["edit"] = () => NewsroomText.AuditActionEdit,
        ["restore"] = () => NewsroomText.AuditActionRestore,
        ["submit"] = () => NewsroomText.AuditActionSubmit,
        ["todraft"] = () => NewsroomText.AuditActionTodraft,
        ["publish"] = () => NewsroomText.AuditActionPublish,
        ["schedule"] = () => NewsroomText.AuditActionSchedule,
        ["unschedule"] = () => NewsroomText.AuditActionUnschedule,
        ["unpublish"] = () => NewsroomText.AuditActionUnpublish,
        ["archive"] = () => NewsroomText.AuditActionArchive,
        ["correct"] = () => NewsroomText.AuditActionCorrect,
        ["embargo"] = () => NewsroomText.AuditActionEmbargo,
        ["pin"] = () => NewsroomText.AuditActionPin,
        ["unpin"] = () => NewsroomText.AuditActionUnpin,
        ["trending-pin"] = () => NewsroomText.AuditActionTrendingPin,
        ["trending-suppress"] = () => NewsroomText.AuditActionTrendingSuppress,
        ["trending-unset"] = () => NewsroomText.AuditActionTrendingUnset,
        ["approve"] = () => NewsroomText.AuditActionApprove,
        ["reject"] = () => NewsroomText.AuditActionReject,
        ["hold"] = () => NewsroomText.AuditActionHold,
        ["ban"] = () => NewsroomText.AuditActionBan,
        ["unban"] = () => NewsroomText.AuditActionUnban,
        ["user-create"] = () => NewsroomText.AuditActionUserCreate,
        ["user-roles"] = () => NewsroomText.AuditActionUserRoles,
        ["user-lock"] = () => NewsroomText.AuditActionUserLock,
        ["user-unlock"] = () => NewsroomText.AuditActionUserUnlock,
        ["creator-apply"] = () => NewsroomText.AuditActionCreatorApply,
        ["creator-resubmit"] = () => NewsroomText.AuditActionCreatorResubmit,
        ["creator-withdraw"] = () => NewsroomText.AuditActionCreatorWithdraw,
        ["creator-approve"] = () => NewsroomText.AuditActionCreatorApprove,
        ["creator-reject"] = () => NewsroomText.AuditActionCreatorReject,
        ["creator-changes"] = () => NewsroomText.AuditActionCreatorChanges,
        ["creator-hide"] = () => NewsroomText.AuditActionCreatorHide,
        ["creator-pin"] = () => NewsroomText.AuditActionCreatorPin,
        ["creator-unpin"] = () => NewsroomText.AuditActionCreatorUnpin,
        ["original-refused"] = () => NewsroomText.AuditActionOriginalRefused,
        ["feed-add"] = () => NewsroomText.AuditActionFeedAdd,
        ["feed-update"] = () => NewsroomText.AuditActionFeedUpdate,
        ["feed-pause"] = () => NewsroomText.AuditActionFeedPause,
        ["feed-resume"] = () => NewsroomText.AuditActionFeedResume,
        ["feed-remove"] = () => NewsroomText.AuditActionFeedRemove,
        ["feed-poll"] = () => NewsroomText.AuditActionFeedPoll,
        ["live-on"] = () => NewsroomText.AuditActionLiveOn,
        ["live-end"] = () => NewsroomText.AuditActionLiveEnd,
        ["live-off"] = () => NewsroomText.AuditActionLiveOff,
        ["live-entry"] = () => NewsroomText.AuditActionLiveEntry,
        ["live-entry-remove"] = () => NewsroomText.AuditActionLiveEntryRemove,
        ["live-pin"] = () => NewsroomText.AuditActionLivePin,
        ["live-unpin"] = () => NewsroomText.AuditActionLiveUnpin,
        ["topic-create"] = () => NewsroomText.AuditActionTopicCreate,
        ["topic-edit"] = () => NewsroomText.AuditActionTopicEdit,
        ["banner-on"] = () => NewsroomText.AuditActionBannerOn,
        ["banner-off"] = () => NewsroomText.AuditActionBannerOff,
        ["mourning-on"] = () => NewsroomText.AuditActionMourningOn,
        ["mourning-off"] = () => NewsroomText.AuditActionMourningOff,
        ["spike-on"] = () => NewsroomText.AuditActionSpikeOn,
        ["spike-renew"] = () => NewsroomText.AuditActionSpikeRenew,
        ["spike-off"] = () => NewsroomText.AuditActionSpikeOff,
        ["spike-expired"] = () => NewsroomText.AuditActionSpikeExpired,
    };

    /// <summary>The portal's own actors by name; people show as they are called.</summary>
    public static string ActorName(string actor) => actor switch
    {
        Comments.CommentService.SystemActor => NewsroomText.ActorSystem,
        ScheduledPublisher.Actor => NewsroomText.ActorScheduler,
        _ => actor,
    };

    /// <summary>An action's name; one the log does not know (written by a newer version) shows as stored.</summary>
    public static string ActionName(string action) => Actions.TryGetValue(action, out var name) ? name() : action;

    [BindProperty(SupportsGet = true, Name = "actor")]
    public string? ActorFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "article")]
    public int? ArticleFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    public int PageNumber { get; private set; } = 1;
    public bool HasMore { get; private set; }
    public IReadOnlyList<AuditRow> Rows { get; private set; } = [];
    public IReadOnlyList<string> Actors { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] string? page, CancellationToken ct)
    {
        if (!User.Can(Permission.ViewAudit))
        {
            return Forbid();
        }

        ViewData["Section"] = "audit";
        ViewData.SetMeta(new PageMeta { Title = Ui.AuditLog, NoIndex = true });
        Actors = await db.AuditLog.AsNoTracking().Select(a => a.Actor).Distinct().OrderBy(a => a).Take(500).ToListAsync(ct);

        var errors = new Dictionary<string, string[]>();
        PageNumber = QueryValues.ParseInt(page, 1, 1, 10_000, "page", errors);
        var from = ParseDate(From, errors, "from");
        var to = ParseDate(To, errors, "to");
        if (!ModelState.IsValid || errors.Count > 0 || (ActionFilter is not null && !Actions.ContainsKey(ActionFilter)) || ActorFilter is { Length: > AuditEntry.ActorMaxLength })
        {
            Error = NewsroomText.ErrorUnknownFilter;
            return this.Refused(StatusCodes.Status400BadRequest);
        }

        var log = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrEmpty(ActorFilter))
        {
            log = log.Where(a => a.Actor == ActorFilter);
        }

        if (!string.IsNullOrEmpty(ActionFilter))
        {
            log = log.Where(a => a.Action == ActionFilter);
        }

        if (ArticleFilter is { } article)
        {
            log = log.Where(a => a.ArticleId == article);
        }

        if (from is { } f)
        {
            log = log.Where(a => a.At >= f);
        }

        if (to is { } t)
        {
            var end = t.AddDays(1);
            log = log.Where(a => a.At < end);
        }

        // One row more than a page tells whether there is a next page without counting a log that only grows.
        var rows = await log.OrderByDescending(a => a.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(a => new AuditRow(a.Id, a.At, a.Actor, a.Action, a.ArticleId, db.Articles.Where(x => x.Id == a.ArticleId).Select(x => x.Title).FirstOrDefault(), a.CommentId, a.BanId, a.Detail))
            .ToListAsync(ct);
        HasMore = rows.Count > PageSize;
        Rows = rows.Take(PageSize).ToList();
        return Page();
    }


    public string PageUrl(int page) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/newsroom/audit", new Dictionary<string, string?>
    {
        ["actor"] = ActorFilter,
        ["action"] = ActionFilter,
        ["article"] = ArticleFilter?.ToString(CultureInfo.InvariantCulture),
        ["from"] = From,
        ["to"] = To,
        ["page"] = page.ToString(CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value)));

    /// <summary>A yyyy-MM-dd day in the site's zone, as the UTC instant it starts.</summary>
    private DateTime? ParseDate(string? value, Dictionary<string, string[]> errors, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (!DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors[name] = ["yyyy-MM-dd"];
            return null;
        }

        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day, DateTimeKind.Unspecified), site.Zone);
    }
}
