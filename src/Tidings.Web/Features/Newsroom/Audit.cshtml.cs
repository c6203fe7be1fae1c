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

    /// <summary>The actions the log knows, with their names on the page.</summary>
    public static readonly IReadOnlyDictionary<string, string> Actions = new Dictionary<string, string>
    {
        ["create"] = "新建",
        ["edit"] = "修改",
        ["restore"] = "恢复版本",
        ["submit"] = "送审",
        ["todraft"] = "退回草稿",
        ["publish"] = "发布",
        ["schedule"] = "定时发布",
        ["unschedule"] = "取消定时",
        ["unpublish"] = "撤稿",
        ["archive"] = "归档",
        ["correct"] = "更正",
        ["pin"] = "固定推荐位",
        ["unpin"] = "取消推荐位",
        ["trending-pin"] = "热点置顶",
        ["trending-suppress"] = "热点屏蔽",
        ["trending-unset"] = "取消热点干预",
        ["approve"] = "通过跟贴",
        ["reject"] = "拒绝跟贴",
        ["hold"] = "跟贴转人工",
        ["ban"] = "禁言",
        ["unban"] = "解除禁言",
        ["user-create"] = "开通账号",
        ["user-roles"] = "修改角色",
        ["user-lock"] = "锁定账号",
        ["user-unlock"] = "解锁账号",
        ["creator-apply"] = "申请入驻",
        ["creator-resubmit"] = "修改入驻申请",
        ["creator-withdraw"] = "撤回入驻申请",
        ["creator-approve"] = "通过入驻",
        ["creator-reject"] = "拒绝入驻",
        ["creator-changes"] = "入驻申请待修改",
        ["creator-hide"] = "作者隐藏跟贴",
        ["creator-pin"] = "作者置顶跟贴",
        ["creator-unpin"] = "作者取消置顶",
        ["original-refused"] = "拒绝声明原创",
    };

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
            Error = Ui.ErrorUnknownFilter;
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
