using Tidings.Core.Creators;
using Tidings.Core.Sources;

namespace Tidings.Tests.Creators;

public sealed class ApplicationRulesTests
{
    private static ApplicationForm Good(AccountKind kind = AccountKind.Personal, string? credential = null) =>
        new("山海行记", "shanhai-notes", "走过的山和海，写成给普通人的出行笔记。", 3, null, kind, "me@example.org", credential, AcceptTerms: true);

    [Fact]
    public void AWellFormedPersonalApplication_HasNoProblems() => Assert.Empty(ApplicationRules.Check(Good()));

    [Theory]
    [InlineData("a", "Name", ApplicationProblem.NameLength)]
    [InlineData("二十五个字的名字二十五个字的名字二十五个字的名字二", "Name", ApplicationProblem.NameLength)]
    [InlineData("小编\u200B官方号", "Name", ApplicationProblem.NameInvisible)]
    [InlineData("本地官方发布", "Name", ApplicationProblem.NameReservedWord)]
    public void Names_AreChecked(string name, string field, ApplicationProblem problem) =>
        Assert.Equal(problem, ApplicationRules.Check(Good() with { Name = name })[field]);

    [Theory]
    [InlineData("ab", ApplicationProblem.SlugFormat)]
    [InlineData("-lead", ApplicationProblem.SlugFormat)]
    [InlineData("trail-", ApplicationProblem.SlugFormat)]
    [InlineData("two--hyphens", ApplicationProblem.SlugFormat)]
    [InlineData("中文网址", ApplicationProblem.SlugFormat)]
    [InlineData("api", ApplicationProblem.SlugReserved)]
    [InlineData("newsroom", ApplicationProblem.SlugReserved)]
    public void Slugs_AreLowerCaseAsciiAndNotTheSitesOwn(string slug, ApplicationProblem problem) =>
        Assert.Equal(problem, ApplicationRules.Check(Good() with { Slug = slug })["Slug"]);

    [Fact]
    public void Slugs_AreFoldedToLowerCase_BeforeTheCheck() => Assert.Empty(ApplicationRules.Check(Good() with { Slug = "  ShanHai-Notes " }));

    [Fact]
    public void MediaAndOrganisations_MustSayWhoTheyAre()
    {
        Assert.Equal(ApplicationProblem.CredentialMissing, ApplicationRules.Check(Good(AccountKind.Media))["Credential"]);
        Assert.Equal(ApplicationProblem.CredentialMissing, ApplicationRules.Check(Good(AccountKind.Organization, "太短"))["Credential"]);
        Assert.Empty(ApplicationRules.Check(Good(AccountKind.Media, "青禾县融媒体中心，事业单位法人证书编号 12370000MB0000000X。")));
    }

    [Fact]
    public void TermsKindAndField_AreRequired()
    {
        var problems = ApplicationRules.Check(Good() with { AcceptTerms = false, Kind = null, ChannelId = null });
        Assert.Equal(ApplicationProblem.TermsNotAccepted, problems["AcceptTerms"]);
        Assert.Equal(ApplicationProblem.KindMissing, problems["Kind"]);
        Assert.Equal(ApplicationProblem.ChannelMissing, problems["ChannelId"]);
        Assert.Equal(ApplicationProblem.KindMissing, ApplicationRules.Check(Good() with { Kind = (AccountKind)7 })["Kind"]);
    }

    [Theory]
    [InlineData(ApplicationStatus.Pending, ApplicationDecision.Approve, true)]
    [InlineData(ApplicationStatus.Pending, ApplicationDecision.AskForChanges, true)]
    [InlineData(ApplicationStatus.ChangesRequested, ApplicationDecision.Reject, true)]
    [InlineData(ApplicationStatus.ChangesRequested, ApplicationDecision.Approve, false)]
    [InlineData(ApplicationStatus.Approved, ApplicationDecision.Reject, false)]
    [InlineData(ApplicationStatus.Rejected, ApplicationDecision.Approve, false)]
    [InlineData(ApplicationStatus.Withdrawn, ApplicationDecision.Approve, false)]
    public void Decisions_FollowTheStates(ApplicationStatus status, ApplicationDecision decision, bool allowed) =>
        Assert.Equal(allowed, ApplicationRules.CanDecide(status, decision));

    [Fact]
    public void RefusalsSayWhy_ApprovalsNeedNot()
    {
        Assert.Equal(ApplicationProblem.ReasonMissing, ApplicationRules.CheckReason(ApplicationDecision.Reject, "  "));
        Assert.Equal(ApplicationProblem.ReasonMissing, ApplicationRules.CheckReason(ApplicationDecision.AskForChanges, null));
        Assert.Null(ApplicationRules.CheckReason(ApplicationDecision.Approve, null));
        Assert.Equal(ApplicationProblem.ReasonTooLong, ApplicationRules.CheckReason(ApplicationDecision.Approve, new string('长', 501)));
    }
}
