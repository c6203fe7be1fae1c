using Tidings.Core.Accounts;
using Tidings.Core.Articles;
using Tidings.Core.Creators;
using Tidings.Core.Newsroom;

namespace Tidings.Tests.Creators;

public sealed class OriginalityRulesTests
{
    private const string Passage = "城郊湿地公园今年迎来了两千多只越冬候鸟，其中有十几只国家一级保护动物东方白鹳。管理处在观鸟台加装了望远镜，请游客保持距离，不要投喂。";

    [Fact]
    public void Folding_IgnoresPunctuationSpacesWidthAndCase()
    {
        var plain = Shingles.Normalize(Passage + "ABC");
        var reworked = Shingles.Normalize(Passage.Replace("，", " ", StringComparison.Ordinal).Replace("。", "\n", StringComparison.Ordinal) + "ａｂｃ");
        Assert.Equal(plain, reworked);
    }

    [Fact]
    public void Containment_IsTheShareOfTheTextFoundInTheOther()
    {
        var own = "我每个周末都去湿地走走，带着一本旧笔记本，把看到的鸟一只只记下来，已经记了整整三年。";
        var whole = Shingles.All(Shingles.Normalize(Passage));
        var mixed = Shingles.All(Shingles.Normalize(own + Passage));
        Assert.Equal(1.0, Shingles.Containment(whole, mixed));
        var share = Shingles.Containment(mixed, whole);
        Assert.InRange(share, 0.5, 0.75);
        Assert.Equal(0, Shingles.Containment(Shingles.All(Shingles.Normalize(own)), whole));
        Assert.Equal(0, Shingles.Containment([], whole));
    }

    [Fact]
    public void TheSample_DependsOnTheShingleOnly_SoACopiedPassageBringsItsSampleAlong()
    {
        var alone = Shingles.Sample(Shingles.All(Shingles.Normalize(Passage)));
        var embedded = Shingles.Sample(Shingles.All(Shingles.Normalize("前面是作者自己写的一大段话，和湿地毫无关系。" + Passage + "后面还有作者自己的结尾。")));
        Assert.All(alone, h => Assert.Contains(h, embedded));
        Assert.Equal(alone, Shingles.Unpack(Shingles.Pack(alone)));
    }

    [Fact]
    public void Standing_StartsFull_LosesPoints_AndTimeRestoresThem()
    {
        var now = new DateTime(2026, 12, 5, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(100, Standing.Score([], now, 30));
        Assert.Equal(80, Standing.Score([(now, Standing.PointsFor(StandingReason.CopyRefused))], now, 30));
        Assert.Equal(90, Standing.Score([(now.AddDays(-30), -20)], now, 30));
        Assert.Equal(0, Standing.Score(Enumerable.Repeat((now, -20), 10).ToList(), now, 30));
        var options = new StandingOptions { Low = 60, Trusted = 90 };
        Assert.True(Standing.IsLow(59, options));
        Assert.False(Standing.IsTrusted(89, options));
        Assert.True(Standing.IsTrusted(90, options));
        Assert.False(Standing.IsTrusted(100, new StandingOptions()));
    }

    [Fact]
    public void ATrustedCreator_MayPublishTheirOwnDraft_AnUntrustedOneMustSubmit()
    {
        var creator = new WorkflowActor(7, [Roles.Creator]);
        var trusted = new WorkflowArticle(ArticleStatus.Draft, 7, FromCreator: true, CreatorTrusted: true);
        var untrusted = trusted with { CreatorTrusted = false };
        Assert.Equal(WorkflowRefusal.None, EditorialWorkflow.Check(creator, trusted, EditorialAction.Publish));
        Assert.NotEqual(WorkflowRefusal.None, EditorialWorkflow.Check(creator, untrusted, EditorialAction.Publish));
        // Never someone else's, and scheduling stays the desk's.
        Assert.NotEqual(WorkflowRefusal.None, EditorialWorkflow.Check(new WorkflowActor(8, [Roles.Creator]), trusted with { OwnerId = 7 }, EditorialAction.Publish));
        Assert.NotEqual(WorkflowRefusal.None, EditorialWorkflow.Check(creator, trusted, EditorialAction.Schedule, DateTime.UtcNow.AddHours(1), DateTime.UtcNow));
    }
}
