using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Tidings.Core.Data;
using Tidings.Core.Newsroom;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Newsroom;

public sealed record RevisionRow(int Number, DateTime CreatedAt, string UserName, string? Note, int Removed, int Added);

public sealed record FieldDiff(string Field, IReadOnlyList<DiffSpan> Spans);

/// <summary>An article's revisions, what each changed (a character-level diff of title, summary and body), and restore.</summary>
public sealed class RevisionsModel(
    TidingsDbContext db,
    ArticleDesk desk,
    IMemoryCache cache,
    [FromKeyedServices(Throttle.Newsroom)] Throttle throttle,
    [FromKeyedServices(Throttle.NewsroomReads)] Throttle reads) : PageModel
{
    /// <summary>The newest revisions listed with their change counts; older ones are reached by number.</summary>
    public const int Listed = 100;

    // Revisions never change, so a comparison is worked out once per node and kept while people look at it.
    private static readonly TimeSpan DiffLifetime = TimeSpan.FromMinutes(10);

    public int ArticleId { get; private set; }
    public string Title { get; private set; } = string.Empty;
    public IReadOnlyList<RevisionRow> Rows { get; private set; } = [];
    public int? Shown { get; private set; }
    public int? ComparedWith { get; private set; }
    public IReadOnlyList<FieldDiff> Diff { get; private set; } = [];
    public bool CanRestore { get; private set; }
    public string? Error { get; private set; }

    /// <summary>How many older revisions the list leaves out.</summary>
    public int Older { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, [FromQuery(Name = "n")] string? n, CancellationToken ct)
    {
        if (await reads.TryAcquireAsync("user:" + User.UserId()) is { } wait)
        {
            return this.TooBusy(wait);
        }

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
            TempData["Flash"] = Phrase.Format(NewsroomText.RevisionRestored, number);
            return Redirect("/newsroom/articles/" + id.ToString(CultureInfo.InvariantCulture));
        }

        if (!await LoadAsync(id, null, ct))
        {
            return NotFound();
        }

        Error = outcome.Error;
        return this.Refused(outcome.Status);
    }


    private (int Removed, int Added) Counts(ArticleRevision before, ArticleRevision after) =>
        cache.GetOrCreate(("revision-counts", before.Id, after.Id), entry =>
        {
            entry.SlidingExpiration = DiffLifetime;
            return RevisionDiff.Count(RevisionDiff.Compute(before.Body, after.Body));
        });

    private IReadOnlyList<FieldDiff> Compare(ArticleRevision? before, ArticleRevision shown) =>
        cache.GetOrCreate(("revision-diff", before?.Id, shown.Id), entry =>
        {
            entry.SlidingExpiration = DiffLifetime;
            return (IReadOnlyList<FieldDiff>)
            [
                new(Ui.FieldTitle, RevisionDiff.Compute(before?.Title ?? string.Empty, shown.Title)),
                new(NewsroomText.FieldSummary, RevisionDiff.Compute(before?.Summary ?? string.Empty, shown.Summary)),
                new(NewsroomText.FieldBody, RevisionDiff.Compute(before?.Body ?? string.Empty, shown.Body)),
            ];
        })!;

    private async Task<bool> LoadAsync(int id, int? number, CancellationToken ct)
    {
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null)
        {
            return false;
        }

        var actor = User.Actor();
        var facts = await desk.FactsAsync(article, ct);
        if (!EditorialWorkflow.MayView(actor, facts))
        {
            return false;
        }

        ArticleId = id;
        Title = article.Title;
        CanRestore = EditorialWorkflow.Check(actor, facts, EditorialAction.Edit) == WorkflowRefusal.None;

        // The newest revisions and the one before the oldest listed (its predecessor in the diff), never all of them:
        // an article saved thousands of times costs no more to list than one saved a hundred times.
        var recent = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id).OrderByDescending(r => r.Number).Take(Listed + 1).ToListAsync(ct);
        Older = Math.Max(0, await db.ArticleRevisions.CountAsync(r => r.ArticleId == id, ct) - Listed);
        Rows = recent.Take(Listed).Select((r, i) =>
        {
            var before = i + 1 < recent.Count ? recent[i + 1] : null;
            var (removed, added) = before is null ? (0, r.Body.Length) : Counts(before, r);
            return new RevisionRow(r.Number, r.CreatedAt, r.UserName, r.Note, removed, added);
        }).ToList();

        var shown = number is { } n ? recent.FirstOrDefault(r => r.Number == n) : recent.FirstOrDefault();
        if (number is { } wanted && shown is null)
        {
            shown = await db.ArticleRevisions.AsNoTracking().FirstOrDefaultAsync(r => r.ArticleId == id && r.Number == wanted, ct);
            if (shown is null)
            {
                return false;
            }
        }

        if (shown is not null)
        {
            var before = recent.FirstOrDefault(r => r.Number < shown.Number)
                ?? await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id && r.Number < shown.Number).OrderByDescending(r => r.Number).FirstOrDefaultAsync(ct);
            Shown = shown.Number;
            ComparedWith = before?.Number;
            Diff = Compare(before, shown);
        }

        ViewData["Section"] = "articles";
        ViewData.SetMeta(new PageMeta { Title = NewsroomText.Revisions + " · " + Title, NoIndex = true });
        return true;
    }
}
