using Tidings.Core.Articles;
using Tidings.Core.Newsroom;

namespace Tidings.Tests.Articles;

public sealed class ReaderVisibilityTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(ArticleStatus.Published, -1, true)]
    [InlineData(ArticleStatus.Published, 0, true)]
    [InlineData(ArticleStatus.Published, 1, false)]
    [InlineData(ArticleStatus.Scheduled, -1, false)]
    [InlineData(ArticleStatus.Draft, -1, false)]
    [InlineData(ArticleStatus.Unpublished, -1, false)]
    [InlineData(ArticleStatus.Archived, -1, false)]
    public void OnlyPublishedArticlesWhoseTimeHasCome_AreVisible(ArticleStatus status, int minutesFromNow, bool visible)
    {
        var published = Now.AddMinutes(minutesFromNow);
        Assert.Equal(visible, ReaderVisibility.IsVisible(status, published, null, Now));

        // The query form and the in-memory form are the same rule.
        var article = new Article { Title = "标题", Summary = "摘要", BodyHtml = "<p>正文</p>", Status = status, PublishedAt = published };
        Assert.Equal(visible, new[] { article }.AsQueryable().VisibleAt(Now).Any());
        Assert.Equal(status == ArticleStatus.Published && !visible, new[] { article }.AsQueryable().Where(ReaderVisibility.DueAfter(Now)).Any());
    }

    [Fact]
    public void AnArticleWithoutAPublicationTime_IsNotVisible() =>
        Assert.False(ReaderVisibility.IsVisible(ArticleStatus.Published, null, null, Now));

    [Theory]
    [InlineData(-60, -1, true)]
    [InlineData(-60, 0, true)]
    [InlineData(-60, 1, false)]
    [InlineData(-60, 600, false)]
    [InlineData(30, 10, false)]
    public void AnEmbargo_HoldsBackAPublishedArticleUntilItEnds(int publishedMinutes, int embargoMinutes, bool visible)
    {
        var published = Now.AddMinutes(publishedMinutes);
        var embargo = Now.AddMinutes(embargoMinutes);
        Assert.Equal(visible, ReaderVisibility.IsVisible(ArticleStatus.Published, published, embargo, Now));
        var article = new Article { Title = "标题", Summary = "摘要", BodyHtml = "<p>正文</p>", Status = ArticleStatus.Published, PublishedAt = published, EmbargoUntil = embargo };
        Assert.Equal(visible, new[] { article }.AsQueryable().VisibleAt(Now).Any());
        // Due later, at whichever comes last: the caches are dropped when that moment comes.
        Assert.Equal(!visible, new[] { article }.AsQueryable().Where(ReaderVisibility.DueAfter(Now)).Any());
        Assert.Equal(published > embargo ? published : embargo, new[] { article }.AsQueryable().Select(Embargo.VisibleFrom).Single());
    }

    [Theory]
    [InlineData(0.5, true)]
    [InlineData(720, true)]
    [InlineData(720.01, false)]
    [InlineData(8760, false)]
    [InlineData(0, false)]
    [InlineData(-3, false)]
    [InlineData(double.NaN, false)]
    [InlineData(double.PositiveInfinity, false)]
    public void Placements_LastMoreThanNothing_AndAtMostThirtyDays(double hours, bool valid) =>
        Assert.Equal(valid, PlacementLifetime.IsValid(hours));

    [Theory]
    // current, incoming (hours from now; null none), visible now → kept
    [InlineData(null, 2.0, false, 2.0)]
    [InlineData(1.0, 2.0, false, 2.0)]
    [InlineData(2.0, 1.0, false, 2.0)]
    [InlineData(2.0, null, false, 2.0)]
    [InlineData(null, null, false, null)]
    [InlineData(null, 2.0, true, null)]
    [InlineData(-1.0, 2.0, true, -1.0)]
    public void AnImport_SetsOrLengthensAnEmbargo_NeverShortensIt_AndNeverHidesWhatReadersSee(double? current, double? incoming, bool visible, double? kept) =>
        Assert.Equal(
            kept is { } k ? Now.AddHours(k) : null,
            Embargo.FromImport(current is { } c ? Now.AddHours(c) : null, incoming is { } i ? Now.AddHours(i) : null, visible));
}
