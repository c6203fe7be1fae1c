using Tidings.Core.Live;

namespace Tidings.Tests.Live;

public sealed class LiveRulesTests
{
    [Theory]
    [InlineData(LiveStatus.Live, LiveEntryKind.Text, "台风登陆", null, null, false, null, LiveEntryProblem.None)]
    [InlineData(LiveStatus.Ended, LiveEntryKind.Text, "台风登陆", null, null, false, null, LiveEntryProblem.NotLive)]
    [InlineData(LiveStatus.None, LiveEntryKind.Text, "台风登陆", null, null, false, null, LiveEntryProblem.NotLive)]
    [InlineData(LiveStatus.Live, LiveEntryKind.Text, "  \n ", null, null, false, null, LiveEntryProblem.Empty)]
    [InlineData(LiveStatus.Live, LiveEntryKind.Quote, "请勿外出", "市防汛办", null, false, null, LiveEntryProblem.None)]
    [InlineData(LiveStatus.Live, LiveEntryKind.Embed, "", null, 12, false, null, LiveEntryProblem.None)]
    [InlineData(LiveStatus.Live, LiveEntryKind.Embed, "看这篇", null, null, false, null, LiveEntryProblem.NoEmbed)]
    [InlineData(LiveStatus.Live, LiveEntryKind.Embed, "", null, 0, false, null, LiveEntryProblem.NoEmbed)]
    // A picture needs no caption, but it needs a description for readers who cannot see it.
    [InlineData(LiveStatus.Live, LiveEntryKind.Image, "", null, null, true, "吊机放下钢箱梁", LiveEntryProblem.None)]
    [InlineData(LiveStatus.Live, LiveEntryKind.Image, "合龙时刻", null, null, false, "吊机放下钢箱梁", LiveEntryProblem.NoImage)]
    [InlineData(LiveStatus.Live, LiveEntryKind.Image, "合龙时刻", null, null, true, "  ", LiveEntryProblem.ImageAltMissing)]
    [InlineData(LiveStatus.Live, LiveEntryKind.Image, "合龙时刻", null, null, true, null, LiveEntryProblem.ImageAltMissing)]
    public void Check_NamesWhatIsMissing(LiveStatus status, LiveEntryKind kind, string body, string? attribution, int? embed, bool hasImage, string? alt, LiveEntryProblem expected) =>
        Assert.Equal(expected, LiveRules.Check(status, kind, body, attribution, embed, hasImage, alt));

    [Fact]
    public void Check_BoundsEveryField()
    {
        Assert.Equal(LiveEntryProblem.TooLong, LiveRules.Check(LiveStatus.Live, LiveEntryKind.Text, new string('字', LiveEntry.BodyMaxLength + 1), null, null));
        Assert.Equal(LiveEntryProblem.TooLong, LiveRules.Check(LiveStatus.Live, LiveEntryKind.Image, new string('字', LiveEntry.BodyMaxLength + 1), null, null, true, "图"));
        Assert.Equal(LiveEntryProblem.AttributionTooLong, LiveRules.Check(LiveStatus.Live, LiveEntryKind.Quote, "话", new string('人', LiveEntry.AttributionMaxLength + 1), null));
        Assert.Equal(LiveEntryProblem.ImageAltTooLong, LiveRules.Check(LiveStatus.Live, LiveEntryKind.Image, "", null, null, true, new string('图', LiveEntry.ImageAltMaxLength + 1)));
        Assert.Equal(LiveEntryProblem.None, LiveRules.Check(LiveStatus.Live, LiveEntryKind.Image, "", null, null, true, new string('图', LiveEntry.ImageAltMaxLength)));
    }
}
