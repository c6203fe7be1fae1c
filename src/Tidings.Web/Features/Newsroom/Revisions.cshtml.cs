using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;
using Tidings.Core.Newsroom;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Newsroom;

public sealed record RevisionRow(int Number, DateTime CreatedAt, string UserName, string? Note, int Removed, int Added);

public sealed record FieldDiff(string Field, IReadOnlyList<DiffSpan> Spans);

/// <summary>An article's revisions, what each changed (a character-level diff of title, summary and body), and restore.</summary>
public sealed class RevisionsModel(TidingsDbContext db, ArticleDesk desk, SiteContext site, [FromKeyedServices(Throttle.Newsroom)] Throttle throttle) : PageModel
{
    public int ArticleId { get; private set; }
    public string Title { get; private set; } = string.Empty;
    public IReadOnlyList<RevisionRow> Rows { get; private set; } = [];
    public int? Shown { get; private set; }
    public int? ComparedWith { get; private set; }
    public IReadOnlyList<FieldDiff> Diff { get; private set; } = [];
    public bool CanRestore { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, [FromQuery(Name = "n")] string? n, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var number = n is null ? (int?)null : QueryValues.ParseInt(n, 1, 1, int.MaxValue, "n", errors);
        if (errors.Count > 0)
        {
            return NotFound();
        }

        return await LoadAsync(id, number, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRestoreAsync(int id, int number, CancellationToken ct)
    {
        if (await throttle.TryAcquireAsync("user:" + User.UserId()) is { } wait)
        {
            await LoadAsync(id, null, ct);
            return this.TooFast(wait);
        }

        var outcome = await desk.RestoreAsync(User, id, number, ct);
        if (outcome.Succeeded)
        {
            TempData["Flash"] = Ui.Format(Ui.RevisionRestored, number);
            return Redirect("/newsroom/articles/" + id.ToString(CultureInfo.InvariantCulture));
        }

        if (!await LoadAsync(id, null, ct))
        {
            return NotFound();
        }

        Error = outcome.Error;
        return this.Refused(outcome.Status);
    }

    public string Local(DateTime utc) => site.Local(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private async Task<bool> LoadAsync(int id, int? number, CancellationToken ct)
    {
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null)
        {
            return false;
        }

        ArticleId = id;
        Title = article.Title;
        CanRestore = EditorialWorkflow.Check(User.Actor(), await desk.FactsAsync(article, ct), EditorialAction.Edit) == WorkflowRefusal.None;
        var revisions = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id).OrderBy(r => r.Number).ToListAsync(ct);
        var rows = new List<RevisionRow>();
        ArticleRevision? previous = null;
        foreach (var r in revisions)
        {
            var (removed, added) = previous is null ? (0, r.Body.Length) : RevisionDiff.Count(RevisionDiff.Compute(previous.Body, r.Body));
            rows.Add(new RevisionRow(r.Number, r.CreatedAt, r.UserName, r.Note, removed, added));
            previous = r;
        }

        Rows = rows.AsEnumerable().Reverse().ToList();
        var shown = number is { } n ? revisions.FirstOrDefault(r => r.Number == n) : revisions.LastOrDefault();
        if (number is not null && shown is null)
        {
            return false;
        }

        if (shown is not null)
        {
            var before = revisions.LastOrDefault(r => r.Number < shown.Number);
            Shown = shown.Number;
            ComparedWith = before?.Number;
            Diff =
            [
                new(Ui.FieldTitle, RevisionDiff.Compute(before?.Title ?? string.Empty, shown.Title)),
                new(Ui.FieldSummary, RevisionDiff.Compute(before?.Summary ?? string.Empty, shown.Summary)),
                new(Ui.FieldBody, RevisionDiff.Compute(before?.Body ?? string.Empty, shown.Body)),
            ];
        }

        ViewData["Section"] = "articles";
        ViewData["Meta"] = new PageMeta { Title = Ui.Revisions + " · " + Title, NoIndex = true };
        return true;
    }
}
