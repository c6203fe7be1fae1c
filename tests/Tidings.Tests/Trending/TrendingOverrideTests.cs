using Tidings.Core.Trending;

namespace Tidings.Tests.Trending;

public sealed class TrendingOverrideTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    private static readonly IReadOnlyList<TrendingEntry> Ranked = [new(1, 5), new(2, 4), new(3, 3), new(4, 2)];

    private static TrendingOverride Pin(int article, int position, TrendingScope? scope = null, DateTime? expires = null) => new()
    {
        Id = article,
        ArticleId = article,
        Pinned = true,
        Position = position,
        ScopeKind = (scope ?? TrendingScope.Site).Kind,
        ScopeId = (scope ?? TrendingScope.Site).Id,
        ExpiresAt = expires,
    };

    private static TrendingOverride Suppress(int article) => new() { Id = 100 + article, ArticleId = article, ScopeKind = TrendingScopeKind.Site };

    private static List<int> Ids(IReadOnlyList<TrendingEntry> list) => list.Select(e => e.ArticleId).ToList();

    [Fact]
    public void Pins_TakeTheirPlace_AndSuppressedArticlesLeave()
    {
        var list = TrendingOverride.Apply(Ranked, [Pin(4, 1), Suppress(2), Pin(9, 3)], TrendingScope.Site, Now);
        Assert.Equal([4, 1, 9, 3], Ids(list));
        Assert.Equal(2, list[0].Score);
    }

    [Fact]
    public void PinsBeyondTheEnd_GoLast_AndOtherListsOrLapsedDecisionsAreIgnored()
    {
        Assert.Equal([1, 2, 3, 4, 7], Ids(TrendingOverride.Apply(Ranked, [Pin(7, 40)], TrendingScope.Site, Now)));
        Assert.Equal([1, 2, 3, 4], Ids(TrendingOverride.Apply(Ranked, [Pin(7, 1, TrendingScope.Channel(2))], TrendingScope.Site, Now)));
        Assert.Equal([1, 2, 3, 4], Ids(TrendingOverride.Apply(Ranked, [Pin(7, 1, expires: Now.AddMinutes(-1))], TrendingScope.Site, Now)));
        Assert.Equal([7, 1, 2, 3, 4], Ids(TrendingOverride.Apply(Ranked, [Pin(7, 1, expires: Now.AddMinutes(1))], TrendingScope.Site, Now)));
    }
}
