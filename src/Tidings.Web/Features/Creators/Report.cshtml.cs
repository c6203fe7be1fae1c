using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Creators;
using Tidings.Core.Data;
using Tidings.Web.Features.Articles;
using Tidings.Web.Features.Comments;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Creators;

/// <summary>
/// 举报 an article (/article/{id}/report): a plain form, once per reader. Reports go to the editors
/// (/newsroom/reports); enough distinct ones lower the account's standing once (<see cref="StandingOptions.ReportsToPenalize"/>).
/// </summary>
public sealed class ReportModel(
    TidingsDbContext db,
    SiteContext site,
    Standings standings,
    IDataProtectionProvider protection,
    TimeProvider time,
    [FromKeyedServices(Throttle.Report)] Throttle throttle) : PageModel
{
    public string Title { get; private set; } = string.Empty;

    public string ArticleUrl { get; private set; } = string.Empty;

    [BindProperty]
    public ReportReason? Reason { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public bool Done { get; private set; }

    public static string ReasonName(ReportReason reason) => reason switch
    {
        ReportReason.Copied => CreatorsText.ReportCopied,
        ReportReason.False => CreatorsText.ReportFalse,
        ReportReason.Inappropriate => CreatorsText.ReportInappropriate,
        ReportReason.Advertising => CreatorsText.ReportAdvertising,
        _ => CreatorsText.ReportOther,
    };

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) => await LoadAsync(id, ct) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is not { } article)
        {
            return NotFound();
        }

        var poster = Poster.From(HttpContext, protection, time);
        if (await throttle.TryAcquireAsync(poster.AddressKey) is { } wait)
        {
            return this.TooFast(wait);
        }

        if (Reason is not { } reason || !Enum.IsDefined(reason))
        {
            ModelState.AddModelError(nameof(Reason), CreatorsText.ReportReasonMissing);
            return this.Refused(StatusCodes.Status400BadRequest);
        }

        var note = string.IsNullOrWhiteSpace(Note) ? null : Note.Trim();
        if (note is { Length: > ArticleReport.NoteMaxLength })
        {
            ModelState.AddModelError(nameof(Note), Phrase.Count(CreatorsText.ReportNoteTooLong, CreatorsText.ReportNoteTooLongOne, ArticleReport.NoteMaxLength));
            return this.Refused(StatusCodes.Status400BadRequest);
        }

        var key = Core.Text.UnicodeText.Prefix(poster.Key, ArticleReport.ReporterKeyMaxLength);
        // Once per reader: a second report of the same article changes nothing (and says so, like the first).
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "ArticleReports" ("ArticleId", "ReporterKey", "Reason", "Note", "CreatedAt") VALUES ({article.Id}, {key}, {(int)reason}, {note}, {site.UtcNow})
            ON CONFLICT ("ArticleId", "ReporterKey") DO NOTHING
            """, ct);
        if (await db.ArticleReports.CountAsync(r => r.ArticleId == article.Id, ct) >= standings.Options.ReportsToPenalize)
        {
            await standings.PenalizeAsync(db, article.SourceId, StandingReason.ReaderReports, article.Id, null, ct);
        }

        Done = true;
        return Page();
    }

    private async Task<(int Id, int SourceId)?> LoadAsync(string id, CancellationToken ct)
    {
        if (!ArticleDetail.TryParseId(id, out var articleId))
        {
            return null;
        }

        var article = await db.Published(site.UtcNow).Where(a => a.Id == articleId).Select(a => new { a.Id, a.Slug, a.Title, a.SourceId }).FirstOrDefaultAsync(ct);
        if (article is null)
        {
            return null;
        }

        Title = article.Title;
        ArticleUrl = ArticleUrls.For(article.Id, article.Slug);
        Response.Headers.CacheControl = "private, no-store";
        ViewData.SetMeta(new PageMeta { Title = Phrase.Format(CreatorsText.ReportTitle, article.Title), NoIndex = true });
        return (article.Id, article.SourceId);
    }
}
