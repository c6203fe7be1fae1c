using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Tidings.Core.Accounts;
using Tidings.Core.Articles;
using Tidings.Core.Data;
using Tidings.Core.Media;
using Tidings.Core.Newsroom;
using Tidings.Core.Text;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Features.Articles;
using Tidings.Web.Features.Channels;
using Tidings.Web.Features.Comments;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Newsroom;

public sealed record Choice(int Id, string Name);

public sealed record OverlapView(Tidings.Core.Creators.MatchKind Kind, int EarlierId, string Title, string SourceName, double Share);

public sealed record CorrectionView(DateTime At, string Text, string EditorName);

/// <summary>The article editor: write, preview, save (with a revision), and move the article through the workflow.</summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class EditModel(
    TidingsDbContext db,
    ArticleDesk desk,
    PortalLists lists,
    SiteContext site,
    IMemoryCache cache,
    ModerationLists moderation,
    MiswrittenList miswritten,
    [FromKeyedServices(Throttle.Newsroom)] Throttle throttle,
    [FromKeyedServices(Throttle.NewsroomReads)] Throttle reads) : PageModel
{
    // A cover (10 MB) plus the text fields; anything larger is refused before it is read.
    private const int MaxRequestBytes = (int)CoverImages.MaxBytes + (2 * 1024 * 1024);

    [BindProperty]
    public ArticleForm Form { get; set; } = new();

    [BindProperty]
    public IFormFile? CoverFile { get; set; }

    public int? ArticleId { get; private set; }
    public Article? Current { get; private set; }

    public IReadOnlyList<OverlapView> Overlaps { get; private set; } = [];
    public string? PreviewHtml { get; private set; }
    public IReadOnlyList<Choice> Channels { get; private set; } = [];
    public IReadOnlyList<Choice> Regions { get; private set; } = [];
    public IReadOnlyList<Choice> Sources { get; private set; } = [];
    public (string Channel, double Confidence)? Suggestion { get; private set; }
    public IReadOnlyList<EditorialAction> Actions { get; private set; } = [];
    public IReadOnlyList<CorrectionView> Corrections { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public bool CanCorrect { get; private set; }
    public bool SourceFixed { get; private set; }
    public string? OwnerName { get; private set; }

    /// <summary>发稿前检查: the text's sensitive words and 易错词, each with where it is.</summary>
    public IReadOnlyList<DraftHit> Checks { get; private set; } = [];
    public string? PublicUrl { get; private set; }

    /// <summary>What the last post did, carried over its redirect.</summary>
    [TempData]
    public string? Flash { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (await reads.TryAcquireAsync("user:" + User.UserId()) is { } wait)
        {
            return this.TooBusy(wait);
        }

        if (id is { } articleId)
        {
            var article = await LoadAsync(articleId, ct);
            if (article is null)
            {
                return NotFound();
            }

            var tags = await db.ArticleTags.Where(t => t.ArticleId == articleId).Join(db.Tags, at => at.TagId, t => t.Id, (_, t) => t.Name).ToListAsync(ct);
            var author = article.AuthorId is { } authorId ? await db.Authors.Where(a => a.Id == authorId).Select(a => a.Name).FirstOrDefaultAsync(ct) : null;
            Form = ArticleForm.From(article, tags, author, (await desk.CurrentRevisionAsync(articleId, ct)).Number, site.Zone);
        }
        else if (!User.Can(Permission.Draft))
        {
            return Forbid();
        }
        else
        {
            Form.SourceId = User.SourceId();
        }

        await PrepareAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int? id, CancellationToken ct)
    {
        if (await throttle.TryAcquireAsync("user:" + User.UserId()) is { } wait)
        {
            await ReloadAsync(id, ct);
            return this.TooFast(wait);
        }

        var (upload, tooLarge) = await PictureUploads.ReadAsync(CoverFile, ct);
        if (tooLarge is not null)
        {
            ModelState.AddModelError("CoverFile", tooLarge);
            await ReloadAsync(id, ct);
            return this.Refused(StatusCodes.Status400BadRequest);
        }

        var outcome = await desk.SaveAsync(User, id, Form, upload, ct);
        if (outcome.Succeeded)
        {
            Flash = NewsroomText.Saved;
            return EditorOf(outcome.ArticleId!.Value);
        }

        return await RefuseAsync(id, outcome, ct);
    }

    /// <summary>
    /// Renders the text as readers would see it. It costs what a save costs (Markdown, sanitizing, the channel
    /// model), so it needs the draft permission and shares the save's budget.
    /// </summary>
    public async Task<IActionResult> OnPostPreviewAsync(int? id, CancellationToken ct)
    {
        if (!User.Can(Permission.Draft))
        {
            return Forbid();
        }

        if (id is { } articleId && await LoadAsync(articleId, ct) is null)
        {
            return NotFound();
        }

        if (await throttle.TryAcquireAsync("user:" + User.UserId()) is { } wait)
        {
            await ReloadAsync(id, ct);
            return this.TooFast(wait);
        }

        var body = Form.CleanBody;
        if (body.Length > 0 && ArticleRules.CheckBodySource(body) is { } problem)
        {
            ModelState.AddModelError("Form.Body", ArticleForm.Message(problem));
        }
        else
        {
            PreviewHtml = ArticleMarkdown.ToSafeHtml(body);
        }

        await ReloadAsync(id, ct);
        return ModelState.IsValid ? Page() : this.Refused(StatusCodes.Status400BadRequest);
    }

    public async Task<IActionResult> OnPostActAsync(int id, string? action, string? scheduleAt, string? note, string? revision, CancellationToken ct)
    {
        if (await throttle.TryAcquireAsync("user:" + User.UserId()) is { } wait)
        {
            await ReloadAsync(id, ct);
            return this.TooFast(wait);
        }

        if (!Enum.TryParse<EditorialAction>(action, ignoreCase: true, out var parsed) || parsed is EditorialAction.Edit or EditorialAction.Correct || !Enum.IsDefined(parsed))
        {
            Error = NewsroomText.ErrorUnknownAction;
            await ReloadAsync(id, ct);
            return this.Refused(StatusCodes.Status400BadRequest);
        }

        // The revision the page showed: without it nobody can say what was reviewed, so nothing is done.
        if (!int.TryParse(revision, NumberStyles.None, CultureInfo.InvariantCulture, out var reviewed))
        {
            Error = NewsroomText.ErrorReviewedRevisionMissing;
            await ReloadAsync(id, ct);
            return Current is null ? NotFound() : this.Refused(StatusCodes.Status400BadRequest);
        }

        DateTime? when = null;
        if (parsed == EditorialAction.Schedule)
        {
            if (!site.TryParseField(scheduleAt, out when) || when is null)
            {
                ModelState.AddModelError("ScheduleAt", NewsroomText.ErrorScheduleFormat);
                await ReloadAsync(id, ct);
                return this.Refused(StatusCodes.Status400BadRequest);
            }
        }

        var outcome = await desk.ActAsync(User, id, parsed, when, note, reviewed, ct);
        if (outcome.Succeeded)
        {
            Flash = Phrase.Format(NewsroomText.ActionDone, ActionName(parsed));
            return EditorOf(id);
        }

        return await RefuseAsync(id, outcome, ct);
    }

    public async Task<IActionResult> OnPostCorrectAsync(int id, string? correction, CancellationToken ct)
    {
        if (await throttle.TryAcquireAsync("user:" + User.UserId()) is { } wait)
        {
            await ReloadAsync(id, ct);
            return this.TooFast(wait);
        }

        var outcome = await desk.CorrectAsync(User, id, correction, ct);
        if (outcome.Succeeded)
        {
            Flash = NewsroomText.CorrectionAdded;
            return EditorOf(id);
        }

        return await RefuseAsync(id, outcome, ct);
    }

    public static string ActionName(EditorialAction action) => action switch
    {
        EditorialAction.Submit => NewsroomText.ActionSubmit,
        EditorialAction.ToDraft => NewsroomText.ActionToDraft,
        EditorialAction.Publish => NewsroomText.ActionPublish,
        EditorialAction.Schedule => NewsroomText.ActionSchedule,
        EditorialAction.Unschedule => NewsroomText.ActionUnschedule,
        EditorialAction.Unpublish => NewsroomText.ActionUnpublish,
        EditorialAction.Archive => NewsroomText.ActionArchive,
        EditorialAction.Restore => NewsroomText.ActionRestore,
        EditorialAction.Correct => NewsroomText.Correction,
        _ => Ui.Save,
    };

    /// <summary>
    /// Where the page's forms post. Written out, not generated: the page has two routes, and the "new" one would drop
    /// the article id, so an edit would create a copy.
    /// </summary>
    public string HandlerUrl(string handler) =>
        (ArticleId is { } id ? "/newsroom/articles/" + id.ToString(CultureInfo.InvariantCulture) : "/newsroom/articles/new") + "?handler=" + handler;

    /// <summary>The article's own editor address (the "new" route would otherwise carry the id as a query).</summary>
    private RedirectResult EditorOf(int id) => Redirect("/newsroom/articles/" + id.ToString(CultureInfo.InvariantCulture));


    /// <summary>The value for a datetime-local input: an hour from now in the site's zone.</summary>
    public string DefaultScheduleTime => site.Field(ScheduleProbe);

    /// <summary>An hour from now, or the embargo's end if that is later: the first time the schedule field offers.</summary>
    private DateTime ScheduleProbe => Current?.EmbargoUntil is { } until && until > site.UtcNow.AddHours(1) ? until : site.UtcNow.AddHours(1);

    private async Task<IActionResult> RefuseAsync(int? id, DeskOutcome outcome, CancellationToken ct)
    {
        // Missing, or not this person's to see: the same plain 404, which tells nothing about other people's work.
        if (outcome.Status == StatusCodes.Status404NotFound && outcome.ArticleId is null && id is { } articleId && await LoadAsync(articleId, ct) is null)
        {
            return NotFound();
        }

        foreach (var (field, message) in outcome.Fields ?? new Dictionary<string, string>())
        {
            ModelState.AddModelError(field is "CoverFile" or "ScheduleAt" or "Correction" or "Note" ? field : "Form." + field, message);
        }

        Error = outcome.Error;
        await ReloadAsync(id, ct);
        return this.Refused(outcome.Status);
    }

    /// <summary>Re-reads the article's state after a refused post; the form keeps what the user typed.</summary>
    private async Task ReloadAsync(int? id, CancellationToken ct)
    {
        if (id is { } articleId && await LoadAsync(articleId, ct) is null)
        {
            ArticleId = null;
        }

        await PrepareAsync(ct);
    }

    private async Task<Article?> LoadAsync(int id, CancellationToken ct)
    {
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null)
        {
            return null;
        }

        var actor = User.Actor();
        var facts = await desk.FactsAsync(article, ct);
        if (!EditorialWorkflow.MayView(actor, facts))
        {
            return null;
        }

        ArticleId = id;
        Current = article;
        CanEdit = EditorialWorkflow.Check(actor, facts, EditorialAction.Edit) == WorkflowRefusal.None;
        CanCorrect = EditorialWorkflow.Check(actor, facts, EditorialAction.Correct) == WorkflowRefusal.None;
        // Scheduling is offered with a time field; the check with a time in the future stands for "may schedule".
        Actions = EditorialWorkflow.From(article.Status)
            .Where(a => a is not EditorialAction.Edit and not EditorialAction.Correct)
            .Where(a => EditorialWorkflow.Check(actor, facts, a, a == EditorialAction.Schedule ? ScheduleProbe : null, site.UtcNow) == WorkflowRefusal.None)
            .ToList();
        Corrections = await db.ArticleCorrections.AsNoTracking().Where(c => c.ArticleId == id).OrderBy(c => c.At)
            .Select(c => new CorrectionView(c.At, c.Text, c.EditorName)).ToListAsync(ct);
        // 原创保护: what this article repeats of earlier ones (found on declaring 原创, or later by the index). Editors
        // see it to decide; the creator sees it on their own article too.
        Overlaps = await db.OriginalityMatches.AsNoTracking().Where(m => m.ArticleId == id)
            .OrderByDescending(m => m.Share)
            .Select(m => new OverlapView(m.Kind, m.EarlierId, db.Articles.Where(e => e.Id == m.EarlierId).Select(e => e.Title).FirstOrDefault() ?? string.Empty,
                db.Articles.Where(e => e.Id == m.EarlierId).Select(e => e.Source!.Name).FirstOrDefault() ?? string.Empty, m.Share))
            .Take(10).ToListAsync(ct);
        OwnerName = article.OwnerId is { } owner ? await db.Users.Where(u => u.Id == owner).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) : null;
        PublicUrl = ReaderVisibility.IsVisible(article.Status, article.PublishedAt, article.EmbargoUntil, site.UtcNow) ? ArticleUrls.For(article.Id, article.Slug) : null;
        return article;
    }

    /// <summary>
    /// The channel model's guess. The stored text is guessed once per revision (the editor page is opened far more
    /// often than saved); text the person just typed is guessed afresh.
    /// </summary>
    private async Task<(int ChannelId, double Confidence)?> SuggestAsync(CancellationToken ct)
    {
        Task<(int ChannelId, double Confidence)?> Guess() => desk.SuggestChannelAsync(Form.CleanTitle, PreviewHtml ?? ArticleMarkdown.ToSafeHtml(Form.CleanBody), ct);
        if (Current is null || !HttpMethods.IsGet(Request.Method))
        {
            return await Guess();
        }

        return await cache.GetOrCreateAsync(("channel-suggestion", Current.Id, Form.BaseRevision, Current.UpdatedAt), entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromMinutes(30);
            return Guess();
        });
    }

    private async Task PrepareAsync(CancellationToken ct)
    {
        Channels = (await lists.ChannelsAsync()).Select(c => new Choice(c.Id, c.Name)).ToList();
        Regions = (await lists.RegionsAsync()).Select(r => new Choice(r.Id, r.SiteName)).ToList();
        SourceFixed = User.IsInRole(Roles.Creator) && !User.Can(Permission.EditAny);
        Sources = await db.Sources.AsNoTracking().OrderBy(s => s.Kind).ThenBy(s => s.Id).Select(s => new Choice(s.Id, s.Name)).ToListAsync(ct);
        if (Current is null && ArticleId is null)
        {
            CanEdit = User.Can(Permission.Draft);
        }

        if (!string.IsNullOrWhiteSpace(Form.Title) && (Form.CleanBody.Length == 0 || ArticleRules.CheckBodySource(Form.CleanBody) is null))
        {
            var guess = await SuggestAsync(ct);
            if (guess is { } g && Channels.FirstOrDefault(c => c.Id == g.ChannelId) is { } channel)
            {
                Suggestion = (channel.Name, g.Confidence);
            }
        }

        if (CanEdit || Current is not null)
        {
            Checks = DraftCheck.Run([(Ui.FieldTitle, Form.CleanTitle), (NewsroomText.FieldSummary, Form.CleanSummary), (NewsroomText.FieldBody, Form.CleanBody)], moderation.Words, miswritten.Words);
        }

        ViewData["Section"] = ArticleId is null ? "new" : "articles";
        ViewData.SetMeta(new PageMeta { Title = ArticleId is null ? Ui.NewArticle : Form.CleanTitle, NoIndex = true });
    }
}
