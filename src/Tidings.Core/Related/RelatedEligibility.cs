namespace Tidings.Core.Related;

/// <summary>
/// Which candidates may stand in a related list at all, before any scoring: one that shares a key term with the
/// article, or one from the article's channel (given, or the channel model's likeliest suggestion). A list may be
/// shorter than ten; it is never padded with articles that share neither, which readers see as noise and which, being
/// "nearest in time", would be the same few fillers in every list.
/// </summary>
public static class RelatedEligibility
{
    /// <param name="sharedTerms">Whether the candidate shares at least one of the article's key terms.</param>
    /// <param name="articleChannel">The article's channel: given, else the likeliest suggested one; null when unknown.</param>
    /// <param name="candidateChannel">The candidate's channel, given or suggested; null when unknown.</param>
    public static bool IsEligible(bool sharedTerms, int? articleChannel, int? candidateChannel) =>
        sharedTerms || IsSameChannel(articleChannel, candidateChannel);

    /// <summary>Both are (or are likeliest to be) in one channel: the "same topic" reason a list shows.</summary>
    public static bool IsSameChannel(int? articleChannel, int? candidateChannel) =>
        articleChannel is not null && articleChannel == candidateChannel;
}
