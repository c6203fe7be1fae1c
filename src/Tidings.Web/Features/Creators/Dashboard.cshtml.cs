using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Accounts;
using Tidings.Core.Data;
using Tidings.Core.Sources;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Creators;

/// <summary>
/// 创作者中心: a self-media account's figures (reads, reads finished, shares, 跟贴, followers) per day and per article,
/// each submission's review state with the editor's reason, and a CSV export. A creator sees their own account only;
/// editors and admins may open any account's (?source=slug).
/// </summary>
[Authorize(Policy = AccountsExtensions.PolicyPrefix + nameof(Permission.Newsroom))]
public sealed class DashboardModel(
    TidingsDbContext db,
    SiteContext site,
    Standings standings,
    [FromKeyedServices(Throttle.NewsroomReads)] Throttle reads) : PageModel
{
    public int Score { get; private set; } = Core.Creators.Standing.Full;

    public IReadOnlyList<Core.Creators.StandingEvent> History { get; private set; } = [];

    public Core.Creators.StandingOptions StandingRules => standings.Options;

    [BindProperty(SupportsGet = true, Name = "source")]
    public string? SourceSlug { get; set; }

    public CreatorDashboard? Dashboard { get; private set; }

    public IReadOnlyList<ArticleFigures> Top =>
        Dashboard?.Articles.Where(a => a.Views > 0).OrderByDescending(a => a.Views).ThenByDescending(a => a.Id).Take(10).ToList() ?? [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await FindAsync(ct) is not { } source)
        {
            return Forbid();
        }

        if (await reads.TryAcquireAsync("user:" + User.UserId()) is { } wait)
        {
            return this.TooBusy(wait);
        }

        ViewData["Section"] = "creator";
        ViewData.SetMeta(new PageMeta { Title = Ui.CreatorDesk, NoIndex = true });
        Response.Headers.CacheControl = "private, no-store";
        Dashboard = await CreatorStats.LoadAsync(db, source, site.UtcNow, site.Zone, ct);
        Score = await standings.ScoreAsync(db, source.Id, ct);
        History = await standings.HistoryAsync(db, source.Id, 50, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (await FindAsync(ct) is not { } source)
        {
            return Forbid();
        }

        if (await reads.TryAcquireAsync("user:" + User.UserId()) is { } wait)
        {
            return this.TooBusy(wait);
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.CacheControl = "private, no-store";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{source.Slug}-stats.csv\"";
        await CreatorStats.WriteCsvAsync(db, source.Id, site.Zone, Response.Body, ct);
        return new EmptyResult();
    }

    /// <summary>The account this person may see: a creator's own; any, by slug, for staff who edit every article.</summary>
    private async Task<Source?> FindAsync(CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(SourceSlug) && User.Can(Permission.EditAny))
        {
            return await db.Sources.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == SourceSlug, ct);
        }

        return User.SourceId() is { } own && (string.IsNullOrEmpty(SourceSlug) || User.Can(Permission.EditAny) || await db.Sources.AnyAsync(s => s.Id == own && s.Slug == SourceSlug, ct))
            ? await db.Sources.AsNoTracking().FirstOrDefaultAsync(s => s.Id == own, ct)
            : null;
    }
}
