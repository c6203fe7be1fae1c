using Tidings.Core.Accounts;
using Tidings.Core.Articles;

namespace Tidings.Core.Newsroom;

/// <summary>What a newsroom user asks to do with an article.</summary>
public enum EditorialAction
{
    /// <summary>Change the content or its metadata.</summary>
    Edit,

    /// <summary>送审: draft (or unpublished) to review.</summary>
    Submit,

    /// <summary>撤回 by the author, 退回 by an editor: back to draft.</summary>
    ToDraft,

    Publish,
    Schedule,

    /// <summary>Cancel a schedule: the article goes back to review.</summary>
    Unschedule,

    Unpublish,
    Archive,

    /// <summary>Take an archived article out again, as a draft.</summary>
    Restore,

    /// <summary>Append a dated 更正 note to a published article.</summary>
    Correct,
}

/// <summary>Why the workflow refused; the web layer turns these into messages.</summary>
public enum WorkflowRefusal
{
    None,

    /// <summary>The person may not even see the article: the doors answer as if it did not exist (404).</summary>
    NotVisible,

    MissingPermission,
    NotOwner,
    WrongState,

    /// <summary>A self-media creator's article must have been sent to review before an editor publishes it.</summary>
    CreatorNeedsReview,

    ScheduleNotInFuture,

    /// <summary>禁发: the article's embargo still holds at the time it would go out.</summary>
    Embargoed,

    /// <summary>An embargo must end in the future (an embargo in the past embargoes nothing).</summary>
    EmbargoNotInFuture,
}

/// <summary>The facts about an article the rules need.</summary>
/// <param name="CreatorTrusted">
/// The owner is a self-media creator whose account's standing lets them publish without review
/// (<see cref="Creators.Standing.IsTrusted"/>); false for everyone else, and for every creator unless the operator
/// turned the trusted tier on.
/// </param>
/// <param name="EmbargoUntil">The article's 禁发 time, if any (<see cref="Embargo"/>).</param>
/// <param name="PublishedAt">Its publication or scheduled time, if any.</param>
public sealed record WorkflowArticle(
    ArticleStatus Status, int? OwnerId, bool FromCreator, bool CreatorTrusted = false, DateTime? EmbargoUntil = null, DateTime? PublishedAt = null);

/// <summary>The facts about the person acting.</summary>
public sealed record WorkflowActor(int UserId, IReadOnlyCollection<string> Roles)
{
    public bool Can(Permission permission) => Permissions.Has(Roles, permission);
}

/// <summary>
/// The editorial state machine: draft → in review → scheduled → published → unpublished / archived. Writers and
/// creators write and submit their own articles; editors edit anything, publish and schedule; a creator's article is
/// always reviewed first. Every rule is here so the newsroom pages, the API and the tests share one answer.
/// </summary>
public static class EditorialWorkflow
{
    private static readonly Dictionary<EditorialAction, (ArticleStatus[] From, ArticleStatus? To)> Transitions = new()
    {
        [EditorialAction.Edit] = ([ArticleStatus.Draft, ArticleStatus.InReview, ArticleStatus.Scheduled, ArticleStatus.Published, ArticleStatus.Unpublished], null),
        [EditorialAction.Submit] = ([ArticleStatus.Draft, ArticleStatus.Unpublished], ArticleStatus.InReview),
        [EditorialAction.ToDraft] = ([ArticleStatus.InReview, ArticleStatus.Unpublished], ArticleStatus.Draft),
        [EditorialAction.Publish] = ([ArticleStatus.Draft, ArticleStatus.InReview, ArticleStatus.Scheduled, ArticleStatus.Unpublished], ArticleStatus.Published),
        [EditorialAction.Schedule] = ([ArticleStatus.Draft, ArticleStatus.InReview, ArticleStatus.Unpublished, ArticleStatus.Scheduled], ArticleStatus.Scheduled),
        [EditorialAction.Unschedule] = ([ArticleStatus.Scheduled], ArticleStatus.InReview),
        [EditorialAction.Unpublish] = ([ArticleStatus.Published], ArticleStatus.Unpublished),
        [EditorialAction.Archive] = ([ArticleStatus.Draft, ArticleStatus.Published, ArticleStatus.Unpublished], ArticleStatus.Archived),
        [EditorialAction.Restore] = ([ArticleStatus.Archived], ArticleStatus.Draft),
        [EditorialAction.Correct] = ([ArticleStatus.Published], null),
    };

    /// <summary>The state an action leads to (null: the state stays).</summary>
    public static ArticleStatus? Target(EditorialAction action) => Transitions[action].To;

    /// <summary>The actions that are possible from a state, whoever asks.</summary>
    public static IEnumerable<EditorialAction> From(ArticleStatus status) =>
        Transitions.Where(t => t.Value.From.Contains(status)).Select(t => t.Key);

    /// <summary>
    /// Whether <paramref name="actor"/> may open the article in the newsroom at all (editor, revisions, any action):
    /// its owner while they may still write, or anyone whose role edits or publishes other people's work. Writers,
    /// self-media creators (outside parties) and moderators never see other people's drafts, articles in review or
    /// embargoed schedules, and a published article is read on the site, not in someone else's editor.
    /// </summary>
    public static bool MayView(WorkflowActor actor, WorkflowArticle article)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(article);
        return actor.Can(Permission.EditAny) || actor.Can(Permission.Publish) || (article.OwnerId == actor.UserId && actor.Can(Permission.Draft));
    }

    /// <summary>
    /// Whether <paramref name="actor"/> may do <paramref name="action"/> to <paramref name="article"/>;
    /// <paramref name="scheduleAt"/> and <paramref name="utcNow"/> matter for scheduling only.
    /// </summary>
    public static WorkflowRefusal Check(WorkflowActor actor, WorkflowArticle article, EditorialAction action, DateTime? scheduleAt = null, DateTime? utcNow = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(article);
        if (!MayView(actor, article))
        {
            return WorkflowRefusal.NotVisible;
        }

        var refusal = CheckPermission(actor, article, action);
        if (refusal != WorkflowRefusal.None)
        {
            return refusal;
        }

        if (!Transitions[action].From.Contains(article.Status))
        {
            return WorkflowRefusal.WrongState;
        }

        // 先审后发 for self-media: an editor publishes what the creator has sent, never a draft they kept (unless the
        // account's standing has earned 先发后审).
        if (article.FromCreator && !article.CreatorTrusted && action is EditorialAction.Publish or EditorialAction.Schedule && article.Status == ArticleStatus.Draft)
        {
            return WorkflowRefusal.CreatorNeedsReview;
        }

        if (action == EditorialAction.Schedule && (scheduleAt is null || utcNow is null || scheduleAt <= utcNow))
        {
            return WorkflowRefusal.ScheduleNotInFuture;
        }

        // 禁发 holds for everyone, the admin included: to publish earlier, someone allowed to must first move the
        // embargo (ChangeEmbargo), which is its own decision with its own audit line.
        if (article.EmbargoUntil is { } embargo
            && ((action == EditorialAction.Publish && (utcNow is null || embargo > utcNow)) || (action == EditorialAction.Schedule && scheduleAt < embargo)))
        {
            return WorkflowRefusal.Embargoed;
        }

        return WorkflowRefusal.None;
    }

    /// <summary>
    /// Whether <paramref name="actor"/> may set the article's embargo to <paramref name="until"/> (null: none). Whoever
    /// may edit the article may embargo it or make the embargo longer (a writer with an agency story under embargo);
    /// ending it earlier or lifting it is a publishing decision and needs the scheduling permission. A published
    /// article is out already, and a schedule may not fall inside the embargo.
    /// </summary>
    public static WorkflowRefusal ChangeEmbargo(WorkflowActor actor, WorkflowArticle article, DateTime? until, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(article);
        if (until == article.EmbargoUntil)
        {
            return WorkflowRefusal.None;
        }

        var refusal = Check(actor, article, EditorialAction.Edit);
        if (refusal != WorkflowRefusal.None)
        {
            return refusal;
        }

        if (article.Status is ArticleStatus.Published or ArticleStatus.Archived)
        {
            return WorkflowRefusal.WrongState;
        }

        if (Embargo.Loosens(article.EmbargoUntil, until, utcNow) && !actor.Can(Permission.Schedule))
        {
            return WorkflowRefusal.MissingPermission;
        }

        if (until is { } end && end <= utcNow)
        {
            return WorkflowRefusal.EmbargoNotInFuture;
        }

        return article.Status == ArticleStatus.Scheduled && article.PublishedAt < until ? WorkflowRefusal.Embargoed : WorkflowRefusal.None;
    }

    private static WorkflowRefusal CheckPermission(WorkflowActor actor, WorkflowArticle article, EditorialAction action)
    {
        var owns = article.OwnerId == actor.UserId;
        switch (action)
        {
            case EditorialAction.Edit:
                if (actor.Can(Permission.EditAny))
                {
                    return WorkflowRefusal.None;
                }

                if (!actor.Can(Permission.Draft))
                {
                    return WorkflowRefusal.MissingPermission;
                }

                if (!owns)
                {
                    return WorkflowRefusal.NotOwner;
                }

                // Authors change their own drafts; once sent, the article is the desk's until it comes back.
                return article.Status == ArticleStatus.Draft ? WorkflowRefusal.None : WorkflowRefusal.WrongState;
            case EditorialAction.Submit:
            case EditorialAction.ToDraft:
                if (actor.Can(Permission.EditAny))
                {
                    return WorkflowRefusal.None;
                }

                if (!actor.Can(Permission.Submit))
                {
                    return WorkflowRefusal.MissingPermission;
                }

                if (!owns)
                {
                    return WorkflowRefusal.NotOwner;
                }

                // An author may take back what is in review, but not what the desk has taken down.
                return action == EditorialAction.ToDraft && article.Status == ArticleStatus.Unpublished
                    ? WorkflowRefusal.MissingPermission
                    : WorkflowRefusal.None;
            case EditorialAction.Publish:
                // A trusted creator publishes their own article themselves; the desk can still take it down.
                return actor.Can(Permission.Publish) || (owns && article.FromCreator && article.CreatorTrusted && actor.Can(Permission.Submit))
                    ? WorkflowRefusal.None
                    : WorkflowRefusal.MissingPermission;
            case EditorialAction.Schedule:
            case EditorialAction.Unschedule:
                return actor.Can(Permission.Schedule) ? WorkflowRefusal.None : WorkflowRefusal.MissingPermission;
            case EditorialAction.Unpublish:
            case EditorialAction.Archive:
            case EditorialAction.Restore:
                return actor.Can(Permission.Unpublish) ? WorkflowRefusal.None : WorkflowRefusal.MissingPermission;
            case EditorialAction.Correct:
                return actor.Can(Permission.Correct) ? WorkflowRefusal.None : WorkflowRefusal.MissingPermission;
            default:
                return WorkflowRefusal.MissingPermission;
        }
    }
}
