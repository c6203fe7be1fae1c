using Tidings.Core.Related;

namespace Tidings.Tests.Related;

public sealed class RelatedEligibilityTests
{
    [Theory]
    [InlineData(true, 3, 5, true)] // a shared term is enough, whatever the channels
    [InlineData(true, null, null, true)]
    [InlineData(false, 3, 3, true)] // no term, but the (suggested) channel is the article's
    [InlineData(false, 3, 5, false)] // neither: never padding
    [InlineData(false, null, 5, false)] // the article's channel is unknown: only terms can relate
    [InlineData(false, 3, null, false)]
    [InlineData(false, null, null, false)] // two unknown channels are not "the same"
    public void ACandidate_MustShareATermOrTheChannel(bool sharedTerms, int? articleChannel, int? candidateChannel, bool eligible) =>
        Assert.Equal(eligible, RelatedEligibility.IsEligible(sharedTerms, articleChannel, candidateChannel));
}
