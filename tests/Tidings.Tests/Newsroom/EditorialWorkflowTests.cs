using Tidings.Core.Accounts;
using Tidings.Core.Articles;
using Tidings.Core.Newsroom;

namespace Tidings.Tests.Newsroom;

public sealed class EditorialWorkflowTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 8, 0, 0, DateTimeKind.Utc);

    private static WorkflowActor As(int id, params string[] roles) => new(id, roles);

    private static WorkflowArticle Owned(ArticleStatus status, int owner = 7, bool creator = false) => new(status, owner, creator);

    /// <summary>The matrix the newsroom promises: who may draft, submit, publish, schedule, unpublish, curate, moderate, manage users.</summary>
    [Theory]
    [InlineData(Roles.Admin, "Draft,Submit,Publish,Schedule,Unpublish,Curate,Moderate,ManageUsers,ViewAudit,EditAny,Correct,Spike,Feeds,Creators")]
    [InlineData(Roles.Editor, "Draft,Submit,Publish,Schedule,Unpublish,Curate,Moderate,ViewAudit,EditAny,Correct,Feeds")]
    [InlineData(Roles.Writer, "Draft,Submit")]
    [InlineData(Roles.Creator, "Draft,Submit")]
    [InlineData(Roles.Moderator, "Moderate,ViewAudit")]
    public void Permissions_Matrix_GrantsExactlyTheRolesRights(string role, string expected)
    {
        var granted = Permissions.Of(role).Where(p => p != Permission.Newsroom).Select(p => p.ToString()).Order().ToList();
        Assert.Equal(expected.Split(',').Order().ToList(), granted);
        Assert.True(Permissions.Has([role], Permission.Newsroom));
    }

    [Fact]
    public void Permissions_ReaderWithoutRole_HasNothing()
    {
        Assert.All(Enum.GetValues<Permission>(), p => Assert.False(Permissions.Has([], p)));
        Assert.False(Permissions.Has(["unknown"], Permission.Newsroom));
    }

    [Fact]
    public void Writer_EditsOwnDraftOnly()
    {
        var writer = As(7, Roles.Writer);
        Assert.Equal(WorkflowRefusal.None, EditorialWorkflow.Check(writer, Owned(ArticleStatus.Draft), EditorialAction.Edit));
        Assert.Equal(WorkflowRefusal.NotVisible, EditorialWorkflow.Check(writer, Owned(ArticleStatus.Draft, owner: 8), EditorialAction.Edit));
        Assert.Equal(WorkflowRefusal.WrongState, EditorialWorkflow.Check(writer, Owned(ArticleStatus.InReview), EditorialAction.Edit));
        Assert.Equal(WorkflowRefusal.WrongState, EditorialWorkflow.Check(writer, Owned(ArticleStatus.Published), EditorialAction.Edit));
    }

    [Fact]
    public void Writer_SubmitsAndWithdrawsButNeverPublishes()
    {
        var writer = As(7, Roles.Writer);
        Assert.Equal(WorkflowRefusal.None, EditorialWorkflow.Check(writer, Owned(ArticleStatus.Draft), EditorialAction.Submit));
        Assert.Equal(WorkflowRefusal.None, EditorialWorkflow.Check(writer, Owned(ArticleStatus.InReview), EditorialAction.ToDraft));
        Assert.Equal(WorkflowRefusal.MissingPermission, EditorialWorkflow.Check(writer, Owned(ArticleStatus.InReview), EditorialAction.Publish));
        Assert.Equal(WorkflowRefusal.MissingPermission, EditorialWorkflow.Check(writer, Owned(ArticleStatus.InReview), EditorialAction.Schedule, Now.AddHours(1), Now));
        Assert.Equal(WorkflowRefusal.MissingPermission, EditorialWorkflow.Check(writer, Owned(ArticleStatus.Published), EditorialAction.Unpublish));
        // Taken down by the desk: the author cannot pull it back to draft themself.
        Assert.Equal(WorkflowRefusal.MissingPermission, EditorialWorkflow.Check(writer, Owned(ArticleStatus.Unpublished), EditorialAction.ToDraft));
    }

    [Fact]
    public void Editor_PublishesAnythingInAPublishableState()
    {
        var editor = As(1, Roles.Editor);
        foreach (var status in new[] { ArticleStatus.Draft, ArticleStatus.InReview, ArticleStatus.Scheduled, ArticleStatus.Unpublished })
        {
            Assert.Equal(WorkflowRefusal.None, EditorialWorkflow.Check(editor, Owned(status), EditorialAction.Publish));
        }

        Assert.Equal(WorkflowRefusal.WrongState, EditorialWorkflow.Check(editor, Owned(ArticleStatus.Published), EditorialAction.Publish));
        Assert.Equal(WorkflowRefusal.WrongState, EditorialWorkflow.Check(editor, Owned(ArticleStatus.Archived), EditorialAction.Publish));
        Assert.Equal(WorkflowRefusal.WrongState, EditorialWorkflow.Check(editor, Owned(ArticleStatus.Archived), EditorialAction.Edit));
    }

    [Fact]
    public void CreatorArticle_MustBeSubmittedBeforeAnEditorPublishes()
    {
        var editor = As(1, Roles.Editor);
        Assert.Equal(WorkflowRefusal.CreatorNeedsReview, EditorialWorkflow.Check(editor, Owned(ArticleStatus.Draft, creator: true), EditorialAction.Publish));
        Assert.Equal(WorkflowRefusal.CreatorNeedsReview, EditorialWorkflow.Check(editor, Owned(ArticleStatus.Draft, creator: true), EditorialAction.Schedule, Now.AddHours(1), Now));
        Assert.Equal(WorkflowRefusal.None, EditorialWorkflow.Check(editor, Owned(ArticleStatus.InReview, creator: true), EditorialAction.Publish));
        Assert.Equal(WorkflowRefusal.MissingPermission, EditorialWorkflow.Check(As(7, Roles.Creator), Owned(ArticleStatus.InReview, creator: true), EditorialAction.Publish));
    }

    [Fact]
    public void Schedule_NeedsATimeInTheFuture()
    {
        var editor = As(1, Roles.Editor);
        Assert.Equal(WorkflowRefusal.ScheduleNotInFuture, EditorialWorkflow.Check(editor, Owned(ArticleStatus.InReview), EditorialAction.Schedule, Now.AddMinutes(-1), Now));
        Assert.Equal(WorkflowRefusal.ScheduleNotInFuture, EditorialWorkflow.Check(editor, Owned(ArticleStatus.InReview), EditorialAction.Schedule, null, Now));
        Assert.Equal(WorkflowRefusal.None, EditorialWorkflow.Check(editor, Owned(ArticleStatus.InReview), EditorialAction.Schedule, Now.AddMinutes(1), Now));
        Assert.Equal(ArticleStatus.Scheduled, EditorialWorkflow.Target(EditorialAction.Schedule));
        Assert.Equal(ArticleStatus.InReview, EditorialWorkflow.Target(EditorialAction.Unschedule));
    }

    [Fact]
    public void Moderator_CannotTouchArticles()
    {
        var moderator = As(3, Roles.Moderator);
        // Not even an article they somehow own: moderators never reach an editor.
        Assert.Equal(WorkflowRefusal.NotVisible, EditorialWorkflow.Check(moderator, Owned(ArticleStatus.Draft, owner: 3), EditorialAction.Edit));
        Assert.Equal(WorkflowRefusal.NotVisible, EditorialWorkflow.Check(moderator, Owned(ArticleStatus.Published), EditorialAction.Correct));
    }

    /// <summary>
    /// Who may open an article in the newsroom, by role × state × ownership: the owner while they may write, and the
    /// roles that edit or publish other people's work. Everyone else is told nothing exists (every action refuses too).
    /// </summary>
    [Theory]
    [InlineData(Roles.Admin, false, true)]
    [InlineData(Roles.Editor, false, true)]
    [InlineData(Roles.Writer, true, true)]
    [InlineData(Roles.Writer, false, false)]
    [InlineData(Roles.Creator, true, true)]
    [InlineData(Roles.Creator, false, false)]
    [InlineData(Roles.Moderator, true, false)]
    [InlineData(Roles.Moderator, false, false)]
    public void MayView_OwnerOrDesk_InEveryState(string role, bool owns, bool visible)
    {
        var actor = As(7, role);
        foreach (var status in Enum.GetValues<ArticleStatus>())
        {
            var article = Owned(status, owner: owns ? 7 : 8, creator: role == Roles.Creator);
            Assert.Equal(visible, EditorialWorkflow.MayView(actor, article));
            foreach (var action in Enum.GetValues<EditorialAction>())
            {
                var refusal = EditorialWorkflow.Check(actor, article, action, Now.AddHours(1), Now);
                Assert.True(visible || refusal == WorkflowRefusal.NotVisible, $"{role} {status} {action}: {refusal}");
            }
        }

        // A reader who was once a writer keeps no view of their old drafts.
        Assert.False(EditorialWorkflow.MayView(As(7), Owned(ArticleStatus.Draft)));
    }

    [Fact]
    public void From_ListsOnlyActionsValidInTheState()
    {
        Assert.Equal(
            [EditorialAction.Edit, EditorialAction.Unpublish, EditorialAction.Archive, EditorialAction.Correct],
            EditorialWorkflow.From(ArticleStatus.Published).Order().ToList());
        Assert.Equal([EditorialAction.Restore], EditorialWorkflow.From(ArticleStatus.Archived).ToList());
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Editor)]
    public void Embargo_NobodyPublishesBeforeIt_NorSchedulesInsideIt(string role)
    {
        var desk = As(1, role);
        var embargoed = new WorkflowArticle(ArticleStatus.InReview, 7, FromCreator: false, EmbargoUntil: Now.AddHours(2));
        Assert.Equal(WorkflowRefusal.Embargoed, EditorialWorkflow.Check(desk, embargoed, EditorialAction.Publish, utcNow: Now));
        Assert.Equal(WorkflowRefusal.Embargoed, EditorialWorkflow.Check(desk, embargoed, EditorialAction.Publish));
        Assert.Equal(WorkflowRefusal.Embargoed, EditorialWorkflow.Check(desk, embargoed, EditorialAction.Schedule, Now.AddHours(1), Now));
        Assert.Equal(WorkflowRefusal.None, EditorialWorkflow.Check(desk, embargoed, EditorialAction.Schedule, Now.AddHours(2), Now));
        // Once it has passed, it is an ordinary article.
        Assert.Equal(WorkflowRefusal.None, EditorialWorkflow.Check(desk, embargoed, EditorialAction.Publish, utcNow: Now.AddHours(2)));
        // Other actions are not publishing: the desk may still send it back, edit it or archive it.
        Assert.Equal(WorkflowRefusal.None, EditorialWorkflow.Check(desk, embargoed, EditorialAction.ToDraft));
        Assert.Equal(WorkflowRefusal.None, EditorialWorkflow.Check(desk, embargoed, EditorialAction.Edit));
    }

    [Fact]
    public void Embargo_AnyEditorOfTheArticleSetsOrLengthensIt_OnlyTheDeskShortensOrLiftsIt()
    {
        var writer = As(7, Roles.Writer);
        var editor = As(1, Roles.Editor);
        var free = Owned(ArticleStatus.Draft);
        var held = new WorkflowArticle(ArticleStatus.Draft, 7, FromCreator: false, EmbargoUntil: Now.AddHours(2));

        Assert.Equal(WorkflowRefusal.None, EditorialWorkflow.ChangeEmbargo(writer, free, Now.AddHours(1), Now));
        Assert.Equal(WorkflowRefusal.None, EditorialWorkflow.ChangeEmbargo(writer, held, Now.AddHours(3), Now));
        Assert.Equal(WorkflowRefusal.None, EditorialWorkflow.ChangeEmbargo(writer, held, held.EmbargoUntil, Now));
        Assert.Equal(WorkflowRefusal.MissingPermission, EditorialWorkflow.ChangeEmbargo(writer, held, Now.AddHours(1), Now));
        Assert.Equal(WorkflowRefusal.MissingPermission, EditorialWorkflow.ChangeEmbargo(writer, held, null, Now));
        Assert.Equal(WorkflowRefusal.None, EditorialWorkflow.ChangeEmbargo(editor, held, null, Now));
        Assert.Equal(WorkflowRefusal.None, EditorialWorkflow.ChangeEmbargo(editor, held, Now.AddMinutes(5), Now));
        // An embargo that has passed is no longer a decision: its author may clear the field.
        Assert.Equal(WorkflowRefusal.None, EditorialWorkflow.ChangeEmbargo(writer, held, null, Now.AddHours(3)));

        Assert.Equal(WorkflowRefusal.EmbargoNotInFuture, EditorialWorkflow.ChangeEmbargo(editor, free, Now.AddMinutes(-1), Now));
        Assert.Equal(WorkflowRefusal.NotVisible, EditorialWorkflow.ChangeEmbargo(writer, Owned(ArticleStatus.Draft, owner: 8), Now.AddHours(1), Now));
        Assert.Equal(WorkflowRefusal.WrongState, EditorialWorkflow.ChangeEmbargo(editor, Owned(ArticleStatus.Published), Now.AddHours(1), Now));
        var scheduled = new WorkflowArticle(ArticleStatus.Scheduled, 7, FromCreator: false, PublishedAt: Now.AddHours(1));
        Assert.Equal(WorkflowRefusal.Embargoed, EditorialWorkflow.ChangeEmbargo(editor, scheduled, Now.AddHours(2), Now));
        Assert.Equal(WorkflowRefusal.None, EditorialWorkflow.ChangeEmbargo(editor, scheduled, Now.AddMinutes(30), Now));
    }
}
