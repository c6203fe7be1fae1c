using Tidings.Core.Breaking;

namespace Tidings.Tests.Breaking;

public sealed class SiteAlertsTests
{
    private static readonly DateTime Now = new(2026, 12, 5, 4, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("/article/12", true)]
    [InlineData("/", true)]
    [InlineData("https://example.org/live", true)]
    [InlineData("http://example.org/", true)]
    [InlineData("//evil.example/", false)]
    [InlineData("/\\evil.example/", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("data:text/html,x", false)]
    [InlineData("article/12", false)]
    [InlineData("/a b", false)]
    [InlineData("", false)]
    public void TheBannerLinks_OnlyToThisSiteOrTheWeb(string url, bool safe) =>
        Assert.Equal(safe, SiteAlerts.IsSafeLink(url));

    [Theory]
    [InlineData("市区突发暴雨，多条道路积水", "/article/1", 2, null)]
    [InlineData("", "/article/1", 2, "text")]
    [InlineData("   ", "/article/1", 2, "text")]
    [InlineData("这是一条超过六十个字的横幅文字这是一条超过六十个字的横幅文字这是一条超过六十个字的横幅文字这是一条超过六十个字的横幅文字多一个", "/", 2, "text-length")]
    [InlineData("两行\n横幅", "/", 2, "text-length")]
    [InlineData("横幅", "javascript:alert(1)", 2, "url")]
    [InlineData("横幅", "/", -1, "until")]
    [InlineData("横幅", "/", 73, "until")]
    public void ABanner_IsOneShortLine_WithASafeLink_AndAnEndWithinThreeDays(string text, string url, double hours, string? error)
    {
        var banner = SiteAlerts.Banner(text, url, Now.AddHours(hours), "陈编辑", Now, out var problem);
        Assert.Equal(error, problem);
        Assert.Equal(error is null, banner is not null);
        if (banner is not null)
        {
            Assert.True(banner.IsActive(Now));
            Assert.False(banner.IsActive(Now.AddHours(hours)));
        }
    }

    [Fact]
    public void AMourningDay_StartsNowOrLater_AndEndsWithinFourDays()
    {
        var now = SiteAlerts.Mourning(null, Now.AddHours(24), "管理员", Now, out var error);
        Assert.Null(error);
        Assert.True(now!.IsActive(Now));
        Assert.False(now.IsActive(Now.AddHours(24)));

        var scheduled = SiteAlerts.Mourning(Now.AddDays(1), Now.AddDays(2), "管理员", Now, out error);
        Assert.Null(error);
        Assert.False(scheduled!.IsActive(Now));
        Assert.True(scheduled.IsActive(Now.AddDays(1)));

        // A start in the past means "now".
        Assert.Null(SiteAlerts.Mourning(Now.AddHours(-3), Now.AddHours(3), "管理员", Now, out _)!.From);
        Assert.Equal("until", (SiteAlerts.Mourning(Now.AddHours(5), Now.AddHours(4), "管理员", Now, out error), error).error);
        Assert.Equal("until", (SiteAlerts.Mourning(null, null, "管理员", Now, out error), error).error);
        Assert.Equal("too-long", (SiteAlerts.Mourning(null, Now.AddHours(97), "管理员", Now, out error), error).error);
        Assert.Equal("from", (SiteAlerts.Mourning(Now.AddDays(31), Now.AddDays(32), "管理员", Now, out error), error).error);
    }

    [Fact]
    public void AStoredSwitch_ThatCannotBeRead_TurnsNothingOn()
    {
        Assert.Null(SiteAlerts.Parse<BreakingBanner>("{not json"));
        Assert.Null(SiteAlerts.Parse<MourningDay>(null));
        var banner = new BreakingBanner("突发", "/", Now, "陈编辑");
        Assert.Equal(banner, SiteAlerts.Parse<BreakingBanner>(SiteAlerts.Serialize(banner)));
    }
}
