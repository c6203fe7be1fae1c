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
    [InlineData(Roles.Admin, "Draft,Submit,Publish,Schedule,Unpublish,Curate,Moderate,ManageUsers,ViewAudit,EditAny,Correct")]
    [InlineData(Roles.Editor, "Draft,Submit,Publish,Schedule,Unpublish,Curate,Moderate,ViewAudit,EditAny,Correct")]
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
        Assert.Equal(WorkflowRefusal.NotOwner, EditorialWorkflow.Check(writer, Owned(ArticleStatus.Draft, owner: 8), EditorialAction.Edit));
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
        Assert.Equal(WorkflowRefusal.MissingPermission, EditorialWorkflow.Check(moderator, Owned(ArticleStatus.Draft, owner: 3), EditorialAction.Edit));
        Assert.Equal(WorkflowRefusal.MissingPermission, EditorialWorkflow.Check(moderator, Owned(ArticleStatus.Published), EditorialAction.Correct));
    }

    [Fact]
    public void From_ListsOnlyActionsValidInTheState()
    {
        Assert.Equal(
            [EditorialAction.Edit, EditorialAction.Unpublish, EditorialAction.Archive, EditorialAction.Correct],
            EditorialWorkflow.From(ArticleStatus.Published).Order().ToList());
        Assert.Equal([EditorialAction.Restore], EditorialWorkflow.From(ArticleStatus.Archived).ToList());
    }
}
