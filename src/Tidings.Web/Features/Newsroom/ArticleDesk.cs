using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidings.Core.Accounts;
using Tidings.Core.Articles;
using Tidings.Core.Creators;
using Tidings.Core.Data;
using Tidings.Core.Importing;
using Tidings.Core.Media;
using Tidings.Core.Newsroom;
using Tidings.Core.Related;
using Tidings.Core.Search;
using Tidings.Core.Text;
using Tidings.Core.Topics;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Features.Articles;
using Tidings.Web.Features.Creators;
using Tidings.Web.Infrastructure;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Newsroom;

/// <summary>What a newsroom write came to: a status code, the article, and what to tell the user.</summary>
public sealed record DeskOutcome(int Status, int? ArticleId = null, string? Error = null, IReadOnlyDictionary<string, string>? Fields = null)
{
    /// <summary>The live entry a post created (滚动直播).</summary>
    public long? EntryId { get; init; }

    public bool Succeeded => Status is >= 200 and < 300;

    public static DeskOutcome Ok(int id) => new(StatusCodes.Status200OK, id);

    public static DeskOutcome Refused(int status, string error) => new(status, Error: error);

    public static DeskOutcome Invalid(IReadOnlyDictionary<string, string> fields) => new(StatusCodes.Status400BadRequest, Error: NewsroomText.ErrorFixFields, Fields: fields);

    public static DeskOutcome NotFound => new(StatusCodes.Status404NotFound, Error: NewsroomText.ErrorArticleMissing);
}

/// <summary>
/// Every newsroom write to an article: saving (with a revision), workflow actions, corrections and restoring a
/// revision. Each checks <see cref="EditorialWorkflow"/>, validates everything before storing anything, commits the
/// article, its revision and its audit line in one transaction, then refreshes what readers see (search text,
/// story clusters, 相关推荐, cached pages and feeds).
/// </summary>
public sealed partial class ArticleDesk(
    TidingsDbContext db,
    SearchTextBuilder search,
    RelatedArticles related,
    TopicModels topics,
    ContentChanges changes,
    ArticlePageCache pages,
    DataDirectory data,
    SiteContext site,
    TimeProvider time,
    Originality originality,
    IOptions<OriginalityOptions> originalityOptions,
    Standings standings,
    ILogger<ArticleDesk> logger)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public string CoversDirectory => Path.Combine(data.Path, "media", "covers");

    public async Task<DeskOutcome> SaveAsync(ClaimsPrincipal user, int? id, ArticleForm form, byte[]? coverUpload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(form);
        var actor = user.Actor();
        Article? article = null;
        if (id is { } existingId)
        {
            article = await db.Articles.Include(a => a.Tags).Include(a => a.SearchText).FirstOrDefaultAsync(a => a.Id == existingId, ct);
            if (article is null)
            {
                return DeskOutcome.NotFound;
            }

            var refusal = EditorialWorkflow.Check(actor, await FactsAsync(article, ct), EditorialAction.Edit);
            if (refusal != WorkflowRefusal.None)
            {
                return Refuse(refusal);
            }

            var current = await CurrentRevisionAsync(article.Id, ct);
            if (form.BaseRevision != current.Number)
            {
                return DeskOutcome.Refused(StatusCodes.Status409Conflict, Phrase.Format(NewsroomText.ErrorEditConflict, current.UserName, site.Minute(current.CreatedAt)));
            }
        }
        else if (!user.Can(Permission.Draft))
        {
            return Refuse(WorkflowRefusal.MissingPermission);
        }

        // A creator writes as their own self-media account and nothing else.
        var ownSource = user.SourceId();
        var creatorOnly = user.IsInRole(Roles.Creator) && !user.Can(Permission.EditAny);
        if (creatorOnly)
        {
            if (ownSource is null)
            {
                return DeskOutcome.Refused(StatusCodes.Status403Forbidden, NewsroomText.ErrorCreatorWithoutSource);
            }

            form.SourceId = ownSource;
        }

        var fields = form.Validate(hasCover: coverUpload is not null || article?.CoverUrl is not null);
        var bodyHtml = fields.ContainsKey(nameof(ArticleForm.Body)) ? string.Empty : ArticleMarkdown.ToSafeHtml(form.CleanBody);
        if (!fields.ContainsKey(nameof(ArticleForm.Body)) && ArticleRules.CheckCleanBody(bodyHtml) is { } cleaned)
        {
            fields[nameof(ArticleForm.Body)] = ArticleForm.Message(cleaned);
        }

        if (!form.TryEmbargo(site.Zone, article?.EmbargoUntil, out var embargo))
        {
            fields[nameof(ArticleForm.Embargo)] = NewsroomText.ErrorEmbargoFormat;
        }

        var language = string.IsNullOrWhiteSpace(form.Language) ? article?.Language ?? site.Language : ContentLanguage.Normalize(form.Language);
        if (language is null)
        {
            fields[nameof(ArticleForm.Language)] = Ui.ErrorUnknownChoice;
        }

        var sourceName = form.SourceId is { } sourceId ? await db.Sources.Where(s => s.Id == sourceId).Select(s => s.Name).FirstOrDefaultAsync(ct) : null;
        if (form.SourceId is not null && sourceName is null)
        {
            fields[nameof(ArticleForm.SourceId)] = Ui.ErrorUnknownChoice;
        }

        if (form.ChannelId is { } channelId && !await db.Channels.AnyAsync(c => c.Id == channelId, ct))
        {
            fields[nameof(ArticleForm.ChannelId)] = Ui.ErrorUnknownChoice;
        }

        if (form.RegionId is { } regionId && !await db.Regions.AnyAsync(r => r.Id == regionId, ct))
        {
            fields[nameof(ArticleForm.RegionId)] = Ui.ErrorUnknownChoice;
        }

        if (fields.Count > 0)
        {
            return DeskOutcome.Invalid(fields);
        }

        // 禁发: setting or lengthening is an edit; shortening or lifting one that holds is a publishing decision.
        var embargoBefore = article?.EmbargoUntil;
        if (embargo != embargoBefore)
        {
            var facts = article is null ? new WorkflowArticle(ArticleStatus.Draft, actor.UserId, FromCreator: creatorOnly) : await FactsAsync(article, ct);
            var embargoRefusal = EditorialWorkflow.ChangeEmbargo(actor, facts, embargo, Now);
            if (embargoRefusal != WorkflowRefusal.None)
            {
                return embargoRefusal switch
                {
                    WorkflowRefusal.EmbargoNotInFuture => DeskOutcome.Invalid(new Dictionary<string, string> { [nameof(ArticleForm.Embargo)] = NewsroomText.ErrorEmbargoInPast }),
                    WorkflowRefusal.Embargoed => DeskOutcome.Invalid(new Dictionary<string, string> { [nameof(ArticleForm.Embargo)] = NewsroomText.ErrorEmbargoAfterSchedule }),
                    WorkflowRefusal.MissingPermission => DeskOutcome.Invalid(new Dictionary<string, string> { [nameof(ArticleForm.Embargo)] = NewsroomText.ErrorEmbargoLoosen }),
                    _ => Refuse(embargoRefusal),
                };
            }
        }

        // 原创: checked against earlier articles of other accounts before the label can be kept.
        IReadOnlyList<OriginalityHit> overlaps = [];
        if (form.IsOriginal && form.SourceId is { } declaredSource)
        {
            overlaps = await originality.CheckAsync(Originality.TextOf(form.CleanTitle, bodyHtml), declaredSource, article?.Id, Now, originalOnly: false, ct);
            if (await RefuseOriginalAsync(user, article?.Id, declaredSource, overlaps, ct) is { } refused)
            {
                return refused;
            }
        }

        StoredCover? cover = null;
        if (coverUpload is not null)
        {
            var (stored, refusal) = CoverImages.Store(coverUpload, CoversDirectory);
            if (stored is null)
            {
                return DeskOutcome.Invalid(new Dictionary<string, string> { ["CoverFile"] = CoverMessage(refusal) });
            }

            cover = stored;
        }

        // Names first: the catalog saves new authors and tags by itself, which must not sweep half-applied article
        // changes along.
        var catalog = new Catalog(db);
        var authorId = form.CleanAuthor is { } authorName ? await catalog.AuthorAsync(authorName, ct) : (int?)null;
        var tagIds = await catalog.TagsAsync(form.TagNames, ct);

        var now = Now;
        var isNew = article is null;
        article ??= db.Articles.Add(new Article
        {
            Title = string.Empty,
            Summary = string.Empty,
            BodyHtml = string.Empty,
            Status = ArticleStatus.Draft,
            CreatedAt = now,
            OwnerId = actor.UserId,
        }).Entity;

        var summary = form.CleanSummary.Length > 0 ? form.CleanSummary : ArticleHtml.Summarize(bodyHtml);
        var textChanged = isNew || article.Title != form.CleanTitle || article.Summary != summary || (article.BodyMarkdown ?? article.BodyHtml) != form.CleanBody;
        var detailsBefore = Details(article);
        article.Title = form.CleanTitle;
        article.Summary = summary;
        article.BodyHtml = bodyHtml;
        article.BodyMarkdown = form.CleanBody;
        if (article.ChannelId != form.ChannelId)
        {
            // A person chose: the model's guess no longer stands and the article may train it.
            article.ChannelSuggested = false;
        }

        article.ChannelId = form.ChannelId;
        article.RegionId = form.RegionId;
        article.SourceId = form.SourceId!.Value;
        article.AuthorId = authorId;
        article.IsOriginal = form.IsOriginal;
        article.Slug = form.CleanSlug;
        if (cover is not null)
        {
            (article.CoverUrl, article.CoverWidth, article.CoverHeight) = (cover.Url, cover.Width, cover.Height);
        }
        else if (form.RemoveCover)
        {
            (article.CoverUrl, article.CoverWidth, article.CoverHeight) = (null, null, null);
        }

        article.CoverAlt = article.CoverUrl is null ? null : form.CleanCoverAlt;
        article.EmbargoUntil = embargo;
        article.Language = language!;
        article.Tags.RemoveAll(t => !tagIds.Contains(t.TagId));
        foreach (var tagId in tagIds.Where(t => article.Tags.All(x => x.TagId != t)))
        {
            article.Tags.Add(new ArticleTag { TagId = tagId });
        }

        article.UpdatedAt = now;
        ArticleSearchText.ApplyTo(article, search.Build(article.Title, article.Summary, article.BodyHtml, sourceName!, form.TagNames));
        var detailsChanged = !isNew && Details(article) != detailsBefore;

        if (cover is not null)
        {
            await MediaPaths.AddToDatabaseAsync(db, data.Path, cover.Url, now, ct);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        // Every change is a revision, not only the text's: a workflow action names the revision it was taken on, so a
        // cover or byline swapped after review cannot go out under the reviewer's name either.
        if (textChanged || detailsChanged)
        {
            var number = (await CurrentRevisionAsync(article.Id, ct)).Number + 1;
            db.ArticleRevisions.Add(new ArticleRevision
            {
                ArticleId = article.Id,
                Number = number,
                CreatedAt = now,
                UserId = actor.UserId,
                UserName = user.DisplayName(),
                Title = article.Title,
                Summary = article.Summary,
                Body = article.BodyMarkdown,
                Note = Ui.InSiteLanguage(() => isNew ? NewsroomText.RevisionCreated : (textChanged ? null : NewsroomText.AuditDetailsChanged)),
            });
        }

        db.Audit(user, Now, isNew ? "create" : "edit", article.Id, isNew ? article.Title : Ui.InSiteLanguage(() => textChanged ? NewsroomText.AuditTextChanged : NewsroomText.AuditDetailsChanged));
        if (embargo != embargoBefore)
        {
            db.Audit(user, Now, "embargo", article.Id, Ui.InSiteLanguage(() => embargo is { } until ? Phrase.Format(NewsroomText.AuditEmbargoSet, site.Minute(until)) : NewsroomText.AuditEmbargoLifted));
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        // Overlaps below the refusal mark keep the label and are shown to the editors who review it.
        await originality.RecordAsync(article.Id, overlaps, MatchKind.Declared, now, ct);

        await AfterWriteAsync(article.Id, article.Status == ArticleStatus.Published, article.Status == ArticleStatus.Published, article.SearchText, ct);
        return DeskOutcome.Ok(article.Id);
    }

    /// <summary>
    /// Moves the article through the workflow. <paramref name="reviewedRevision"/> is the revision the person saw when
    /// they pressed the button (0 for an article without revisions): if anyone saved since, nothing happens and they
    /// are told to look again, so 先审后发 publishes exactly the text that was reviewed.
    /// </summary>
    public async Task<DeskOutcome> ActAsync(ClaimsPrincipal user, int id, EditorialAction action, DateTime? scheduleAt, string? note, int reviewedRevision, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null)
        {
            return DeskOutcome.NotFound;
        }

        var cleanNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (cleanNote is { Length: > ArticleRevision.NoteMaxLength })
        {
            return DeskOutcome.Invalid(new Dictionary<string, string> { ["Note"] = Phrase.Format(Ui.ErrorTooLong, NewsroomText.FieldNote, ArticleRevision.NoteMaxLength, cleanNote.Length) });
        }

        var now = Now;
        var refusal = EditorialWorkflow.Check(user.Actor(), await FactsAsync(article, ct), action, scheduleAt, now);
        if (refusal != WorkflowRefusal.None)
        {
            return Refuse(refusal);
        }

        // The label is checked again on the way out: the text may have changed since it was declared.
        if (article.IsOriginal && action is EditorialAction.Publish or EditorialAction.Schedule)
        {
            var overlaps = await originality.CheckAsync(Originality.TextOf(article.Title, article.BodyHtml), article.SourceId, article.Id, now, originalOnly: false, ct);
            if (await RefuseOriginalAsync(user, article.Id, article.SourceId, overlaps, ct) is { } refused)
            {
                return refused;
            }
        }

        var from = article.Status;
        var to = EditorialWorkflow.Target(action) ?? from;
        var publishedAt = action switch
        {
            // A republished article keeps its first date; anything else goes out now.
            EditorialAction.Publish => from == ArticleStatus.Unpublished && article.PublishedAt is not null ? article.PublishedAt : now,
            EditorialAction.Schedule => scheduleAt,
            EditorialAction.Unschedule => null,
            _ => article.PublishedAt,
        };
        var editor = action is EditorialAction.Publish or EditorialAction.Schedule ? user.DisplayName() : article.EditorName;

        var current = await CurrentRevisionAsync(id, ct);
        if (current.Number != reviewedRevision)
        {
            return RevisionChanged(reviewedRevision, current);
        }

        // Taken only if nobody changed the state or saved a newer revision since they were read: two editors pressing
        // at once get one transition and one audit line, and the second a clear refusal; an author who took the
        // article back, rewrote and resubmitted it in between makes the editor's click a refusal too.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var taken = await db.Articles
            .Where(a => a.Id == id && a.Status == from && !db.ArticleRevisions.Any(r => r.ArticleId == id && r.Number > reviewedRevision))
            .ExecuteUpdateAsync(u => u
            .SetProperty(a => a.Status, to)
            .SetProperty(a => a.PublishedAt, publishedAt)
            .SetProperty(a => a.EditorName, editor)
            .SetProperty(a => a.UpdatedAt, now), ct);
        if (taken == 0)
        {
            var latest = await CurrentRevisionAsync(id, ct);
            return latest.Number != reviewedRevision ? RevisionChanged(reviewedRevision, latest) : DeskOutcome.Refused(StatusCodes.Status409Conflict, NewsroomText.ErrorStateChanged);
        }

        // In the site's language whoever acts (the log is one record, read by everyone); the editor's note follows a
        // line break, which no status name or time contains, so the creator's desk can find it again.
        var detail = Ui.InSiteLanguage(() => $"{StatusName(from)} → {StatusName(to)}"
            + (action == EditorialAction.Schedule ? " " + site.Minute(scheduleAt!.Value) : string.Empty))
            + (cleanNote is null ? string.Empty : CreatorStats.NoteSeparator + cleanNote);
        db.Audit(user, now, action.ToString().ToLowerInvariant(), id, detail);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await AfterWriteAsync(id, isPublic: to == ArticleStatus.Published, wasPublic: from == ArticleStatus.Published, text: null, ct);
        // 信用分: the desk taking a self-media article down, or sending a submission back, counts against the account.
        if (action == EditorialAction.Unpublish || (action == EditorialAction.ToDraft && from == ArticleStatus.InReview && article.OwnerId != user.UserId()))
        {
            await standings.PenalizeAsync(db, article.SourceId, action == EditorialAction.Unpublish ? StandingReason.Unpublished : StandingReason.Returned, id, cleanNote, ct);
        }

        return DeskOutcome.Ok(id);
    }

    /// <summary>
    /// Refuses the 原创 label when the text repeats too much of an earlier article of another account, and counts it
    /// against the account (once per earlier article); null when the label may stand.
    /// </summary>
    private async Task<DeskOutcome?> RefuseOriginalAsync(ClaimsPrincipal user, int? articleId, int sourceId, IReadOnlyList<OriginalityHit> overlaps, CancellationToken ct)
    {
        var limit = originalityOptions.Value.RefuseShare;
        if (overlaps.Count == 0 || overlaps[0].Share < limit)
        {
            return null;
        }

        var hit = overlaps[0];
        db.Audit(user, Now, "original-refused", articleId, $"{Shingles.Percent(hit.Share)} ← #{hit.ArticleId} {hit.Title}");
        await db.SaveChangesAsync(ct);
        await standings.PenalizeAsync(db, sourceId, StandingReason.CopyRefused, hit.ArticleId, hit.Title, ct);
        return DeskOutcome.Invalid(new Dictionary<string, string>
        {
            [nameof(ArticleForm.IsOriginal)] = Phrase.Format(NewsroomText.OriginalRefused, Shingles.Percent(hit.Share), hit.Title, hit.SourceName, site.Day(hit.PublishedAt), Shingles.Percent(limit)),
        });
    }

    public async Task<DeskOutcome> CorrectAsync(ClaimsPrincipal user, int id, string? text, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null)
        {
            return DeskOutcome.NotFound;
        }

        var refusal = EditorialWorkflow.Check(user.Actor(), await FactsAsync(article, ct), EditorialAction.Correct);
        if (refusal != WorkflowRefusal.None)
        {
            return Refuse(refusal);
        }

        var clean = (text ?? string.Empty).Trim();
        if (clean.Length == 0)
        {
            return DeskOutcome.Invalid(new Dictionary<string, string> { ["Correction"] = NewsroomText.ErrorCorrectionRequired });
        }

        if (clean.Length > ArticleCorrection.TextMaxLength)
        {
            return DeskOutcome.Invalid(new Dictionary<string, string> { ["Correction"] = Phrase.Format(Ui.ErrorTooLong, NewsroomText.Correction, ArticleCorrection.TextMaxLength, clean.Length) });
        }

        var now = Now;
        db.ArticleCorrections.Add(new ArticleCorrection { ArticleId = id, At = now, Text = clean, EditorName = user.DisplayName() });
        article.UpdatedAt = now;
        db.Audit(user, Now, "correct", id, clean);
        await db.SaveChangesAsync(ct);
        await pages.ChangedAsync(id, ct);
        await changes.ChangedAsync(ct);
        return DeskOutcome.Ok(id);
    }

    public async Task<DeskOutcome> RestoreAsync(ClaimsPrincipal user, int id, int number, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var article = await db.Articles.Include(a => a.Tags).Include(a => a.SearchText).Include(a => a.Source).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null)
        {
            return DeskOutcome.NotFound;
        }

        var refusal = EditorialWorkflow.Check(user.Actor(), await FactsAsync(article, ct), EditorialAction.Edit);
        if (refusal != WorkflowRefusal.None)
        {
            return Refuse(refusal);
        }

        var revision = await db.ArticleRevisions.AsNoTracking().FirstOrDefaultAsync(r => r.ArticleId == id && r.Number == number, ct);
        if (revision is null)
        {
            return DeskOutcome.Refused(StatusCodes.Status404NotFound, NewsroomText.ErrorRevisionMissing);
        }

        var now = Now;
        article.Title = revision.Title;
        article.Summary = revision.Summary;
        article.BodyMarkdown = revision.Body;
        article.BodyHtml = ArticleMarkdown.ToSafeHtml(revision.Body);
        article.UpdatedAt = now;
        var tags = await db.ArticleTags.Where(t => t.ArticleId == id).Join(db.Tags, at => at.TagId, t => t.Id, (_, t) => t.Name).ToListAsync(ct);
        ArticleSearchText.ApplyTo(article, search.Build(article.Title, article.Summary, article.BodyHtml, article.Source!.Name, tags));

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var next = (await CurrentRevisionAsync(id, ct)).Number + 1;
        db.ArticleRevisions.Add(new ArticleRevision
        {
            ArticleId = id,
            Number = next,
            CreatedAt = now,
            UserId = user.UserId(),
            UserName = user.DisplayName(),
            Title = revision.Title,
            Summary = revision.Summary,
            Body = revision.Body,
            Note = Ui.InSiteLanguage(() => Phrase.Format(NewsroomText.RevisionRestored, number)),
        });
        db.Audit(user, Now, "restore", id, Ui.InSiteLanguage(() => Phrase.Format(NewsroomText.RevisionRestored, number)));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await AfterWriteAsync(article.Id, article.Status == ArticleStatus.Published, article.Status == ArticleStatus.Published, article.SearchText, ct);
        return DeskOutcome.Ok(id);
    }

    /// <summary>The topic model's channel for a text being written, and how sure it is; null without a model.</summary>
    public async Task<(int ChannelId, double Confidence)?> SuggestChannelAsync(string title, string bodyHtml, CancellationToken ct)
    {
        var model = await topics.CurrentAsync(db, ct);
        if (model is null || string.IsNullOrWhiteSpace(title))
        {
            return null;
        }

        var text = search.Build(title, string.Empty, bodyHtml, string.Empty, []);
        var head = text.Body.Length > TopicModels.BodyHeadChars ? text.Body[..(TopicModels.BodyHeadChars + 1)] : text.Body;
        var prediction = model.Predict(topics.FeaturesOf(text.Title, head));
        return int.TryParse(prediction.Label, NumberStyles.None, CultureInfo.InvariantCulture, out var channel) ? (channel, prediction.Confidence) : null;
    }

    /// <summary>The newest revision's number and author (0 for an article that has none, e.g. an imported one).</summary>
    public async Task<(int Number, string UserName, DateTime CreatedAt)> CurrentRevisionAsync(int articleId, CancellationToken ct)
    {
        var latest = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == articleId).OrderByDescending(r => r.Number)
            .Select(r => new { r.Number, r.UserName, r.CreatedAt }).FirstOrDefaultAsync(ct);
        return latest is null ? (0, string.Empty, default) : (latest.Number, latest.UserName, latest.CreatedAt);
    }

    /// <summary>The facts the workflow needs, including whether the owner is a self-media creator.</summary>
    public async Task<WorkflowArticle> FactsAsync(Article article, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(article);
        var fromCreator = article.OwnerId is { } owner && await db.UserRoles
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .AnyAsync(x => x.UserId == owner && x.Name == Roles.Creator, ct);
        // The trusted tier (先发后审) is off unless the operator sets a mark; then the owner's account must stand above it.
        var trusted = fromCreator && standings.Options.Trusted > 0
            && Standing.IsTrusted(await standings.ScoreAsync(db, article.SourceId, ct), standings.Options);
        return new WorkflowArticle(article.Status, article.OwnerId, fromCreator, trusted, article.EmbargoUntil, article.PublishedAt);
    }

    public static string StatusName(ArticleStatus status) => status switch
    {
        ArticleStatus.Draft => NewsroomText.StatusDraft,
        ArticleStatus.InReview => NewsroomText.StatusInReview,
        ArticleStatus.Scheduled => NewsroomText.StatusScheduled,
        ArticleStatus.Published => NewsroomText.StatusPublished,
        ArticleStatus.Unpublished => NewsroomText.StatusUnpublished,
        ArticleStatus.Archived => NewsroomText.StatusArchived,
        _ => status.ToString(),
    };

    private DeskOutcome RevisionChanged(int reviewed, (int Number, string UserName, DateTime CreatedAt) current) =>
        DeskOutcome.Refused(StatusCodes.Status409Conflict, Phrase.Format(NewsroomText.ErrorRevisionChanged, reviewed, current.Number, current.UserName, site.Minute(current.CreatedAt)));

    /// <summary>What a save compares besides the text: a change to any of these is a revision of its own.</summary>
    private static string Details(Article article) => string.Join(
        '\u001f',
        article.ChannelId,
        article.RegionId,
        article.SourceId,
        article.AuthorId,
        article.IsOriginal,
        article.Slug,
        article.CoverUrl,
        article.CoverAlt,
        article.EmbargoUntil,
        string.Join(',', article.Tags.Select(t => t.TagId).Order()));

    public static DeskOutcome Refuse(WorkflowRefusal refusal) => refusal switch
    {
        WorkflowRefusal.NotVisible => DeskOutcome.NotFound,
        WorkflowRefusal.MissingPermission => DeskOutcome.Refused(StatusCodes.Status403Forbidden, Ui.ErrorNoPermission),
        WorkflowRefusal.NotOwner => DeskOutcome.Refused(StatusCodes.Status403Forbidden, NewsroomText.ErrorNotOwner),
        WorkflowRefusal.WrongState => DeskOutcome.Refused(StatusCodes.Status409Conflict, NewsroomText.ErrorWrongState),
        WorkflowRefusal.CreatorNeedsReview => DeskOutcome.Refused(StatusCodes.Status409Conflict, NewsroomText.ErrorCreatorNeedsReview),
        WorkflowRefusal.ScheduleNotInFuture => DeskOutcome.Invalid(new Dictionary<string, string> { ["ScheduleAt"] = NewsroomText.ErrorScheduleInPast }),
        WorkflowRefusal.Embargoed => DeskOutcome.Refused(StatusCodes.Status409Conflict, NewsroomText.ErrorEmbargoed),
        WorkflowRefusal.EmbargoNotInFuture => DeskOutcome.Invalid(new Dictionary<string, string> { [nameof(ArticleForm.Embargo)] = NewsroomText.ErrorEmbargoInPast }),
        _ => DeskOutcome.Refused(StatusCodes.Status400BadRequest, Ui.ErrorNoPermission),
    };

    public static string CoverMessage(CoverRefusal refusal) => refusal switch
    {
        CoverRefusal.TooLarge => Phrase.Format(NewsroomText.ErrorCoverTooLarge, CoverImages.MaxBytes / 1024 / 1024),
        CoverRefusal.TooManyPixels or CoverRefusal.Implausible => NewsroomText.ErrorCoverTooManyPixels,
        CoverRefusal.Truncated => NewsroomText.ErrorCoverTruncated,
        CoverRefusal.TooSmall => Phrase.Count(NewsroomText.ErrorCoverTooSmall, NewsroomText.ErrorCoverTooSmallOne, CoverImages.MinWidth),
        CoverRefusal.Empty => NewsroomText.ErrorCoverEmpty,
        _ => NewsroomText.ErrorCoverNotImage,
    };


    /// <summary>
    /// After a commit: cluster the text, refresh 相关推荐 while the article is public, and drop cached pages, feeds and
    /// lists when readers' view changed. The article is already saved; a failure here is logged, and the background
    /// maintenance and the next poll catch up.
    /// </summary>
    private async Task AfterWriteAsync(int articleId, bool isPublic, bool wasPublic, ArticleSearchText? text, CancellationToken ct)
    {
        try
        {
            if (text is not null)
            {
                await StoryClusters.AssignAsync(db, [text], ct);
            }

            if (isPublic)
            {
                db.ChangeTracker.Clear();
                await related.UpdateAsync([articleId], Now, ct);
            }
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException)
        {
            Log.IndexingFailed(logger, e, articleId);
        }

        if (isPublic || wasPublic)
        {
            // Its own pages go at once everywhere (withdrawn text is never served again); the rest of the site's
            // pages turn stale and are rendered again as readers ask.
            await pages.ChangedAsync(articleId, ct);
            await changes.ChangedAsync(ct);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 501, EventName = "ArticleDesk.IndexingFailed", Level = LogLevel.Warning, Message = "Article {ArticleId} was saved, but clustering or its related list failed; background maintenance will retry")]
        public static partial void IndexingFailed(ILogger logger, Exception e, int articleId);
    }
}
