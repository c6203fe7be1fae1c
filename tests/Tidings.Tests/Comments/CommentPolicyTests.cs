using System.Net;
using Tidings.Core.Comments;
using Tidings.Core.Text;

namespace Tidings.Tests.Comments;

public sealed class CommentPolicyTests
{
    private static readonly SensitiveMatch Clean = SensitiveMatch.None;

    private static SensitiveMatch Suspect(string term) => new(SensitiveTier.Suspect, term, 0, term.Length);

    private static SensitiveMatch Banned(string term) => new(SensitiveTier.Banned, term, 0, term.Length);

    [Theory]
    [InlineData("", "网友", 2, true, CommentRefusal.BodyEmpty)]
    [InlineData("好", "网友", 2, true, CommentRefusal.BodyTooShort)]
    [InlineData("说得好", "", 2, false, CommentRefusal.NicknameRequired)]
    [InlineData("说得好", "", 2, true, null)]
    [InlineData("说得好", "网友", 2, false, null)]
    public void TheText_MustBeLongEnough_AndSignedUnlessAnonymousIsAllowed(string body, string nickname, int min, bool anonymous, CommentRefusal? expected) =>
        Assert.Equal(expected, CommentPolicy.CheckText(body, nickname, min, anonymous));

    [Fact]
    public void LongTexts_AndNames_AreRefused()
    {
        Assert.Equal(CommentRefusal.BodyTooLong, CommentPolicy.CheckText(new string('长', Comment.BodyMaxLength + 1), "网友", 1, true));
        Assert.Equal(CommentRefusal.NicknameTooLong, CommentPolicy.CheckText("好的好的", new string('名', Comment.NicknameMaxLength + 1), 1, true));
    }

    [Fact]
    public void ABannedTerm_Refuses_TheNicknameFirst()
    {
        Assert.Equal(CommentRefusal.NicknameBanned, CommentPolicy.Screen(Banned("违禁"), Banned("坏名")));
        Assert.Equal(CommentRefusal.BodyBanned, CommentPolicy.Screen(Banned("违禁"), Suspect("可疑")));
        Assert.Null(CommentPolicy.Screen(Suspect("可疑"), Clean));
    }

    [Fact]
    public void ASuspectTerm_Holds_WithTheTermInTheNote()
    {
        var verdict = CommentPolicy.Decide(Suspect("可疑"), Suspect("名里可疑"), spikeHeld: true, siteWide: true, null, []);
        Assert.Equal(new CommentVerdict(CommentStatus.Pending, "可疑词：可疑", "可疑"), verdict);
        Assert.Equal("名里可疑", CommentPolicy.Decide(Clean, Suspect("名里可疑"), false, false, null, []).Term);
    }

    [Theory]
    [InlineData(true, false, null, "突发新闻模式：先审后发")]
    [InlineData(false, true, null, "先审后发")]
    [InlineData(false, false, "MIL", "先审后发")]
    [InlineData(false, false, "sports", null)]
    [InlineData(false, false, null, null)]
    public void SpikeMode_AndPreModeration_Hold_EverythingElseIsPublished(bool spike, bool siteWide, string? channel, string? note)
    {
        var verdict = CommentPolicy.Decide(Clean, Clean, spike, siteWide, channel, ["mil"]);
        Assert.Equal(note is null ? CommentStatus.Published : CommentStatus.Pending, verdict.Status);
        Assert.Equal(note, verdict.Note);
    }

    [Theory]
    [InlineData("支持", false)]
    [InlineData("支持支持支持支持支持", true)]
    public void OnlyLongerTexts_RepeatAcrossOneAddress(string folded, bool repeats) =>
        Assert.Equal(repeats, CommentPolicy.RepeatsAcrossTheAddress(folded));

    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0/24")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    public void ABanFromAComment_CoversItsNeighbourhood(string address, string network) =>
        Assert.Equal(network, CommentPolicy.BanNetwork(IPAddress.Parse(address)).ToString());

    [Theory]
    [InlineData(null, true)]
    [InlineData(1.5, true)]
    [InlineData(87600.0, true)]
    [InlineData(0.0, false)]
    [InlineData(-1.0, false)]
    [InlineData(87601.0, false)]
    [InlineData(double.NaN, false)]
    public void ABan_IsPermanent_OrLastsUpToTenYears(double? hours, bool valid) =>
        Assert.Equal(valid, CommentPolicy.IsValidBanLength(hours));
}
