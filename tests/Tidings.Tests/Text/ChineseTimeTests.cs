using Tidings.Core.Text;

namespace Tidings.Tests.Text;

public sealed class ChineseTimeTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    // 2026-11-24 15:30 in Shanghai.
    private static readonly DateTime Now = new(2026, 11, 24, 7, 30, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(0, "刚刚")]
    [InlineData(59, "刚刚")]
    [InlineData(60, "1分钟前")]
    [InlineData(5 * 60, "5分钟前")]
    [InlineData(59 * 60 + 59, "59分钟前")]
    [InlineData(3 * 3600, "3小时前")]
    [InlineData(15 * 3600, "15小时前")]
    public void Relative_WithinToday_CountsMinutesThenHours(int secondsAgo, string expected) =>
        Assert.Equal(expected, ChineseTime.Relative(Now.AddSeconds(-secondsAgo), Now, Shanghai));

    [Fact]
    public void Relative_YesterdayInShanghai_ShowsYesterdayAndClock()
    {
        var yesterday = new DateTime(2026, 11, 23, 2, 26, 0, DateTimeKind.Utc);
        Assert.Equal("昨天 10:26", ChineseTime.Relative(yesterday, Now, Shanghai));
    }

    [Fact]
    public void Relative_JustBeforeLocalMidnight_IsYesterdayEvenWhenUtcDateIsTheSame()
    {
        // 23:50 on the 23rd in Shanghai is 15:50 UTC on the 23rd; "now" is 00:10 on the 24th in Shanghai.
        var now = new DateTime(2026, 11, 23, 16, 10, 0, DateTimeKind.Utc);
        var before = new DateTime(2026, 11, 23, 15, 50, 0, DateTimeKind.Utc);
        Assert.Equal("20分钟前", ChineseTime.Relative(before, now, Shanghai));
        Assert.Equal("昨天 22:10", ChineseTime.Relative(before.AddMinutes(-100), now, Shanghai));
    }

    [Fact]
    public void Relative_EarlierThisYear_ShowsMonthDayAndClock() =>
        Assert.Equal("04-25 21:47", ChineseTime.Relative(new DateTime(2026, 4, 25, 13, 47, 0, DateTimeKind.Utc), Now, Shanghai));

    [Fact]
    public void Relative_PreviousYear_ShowsFullDate() =>
        Assert.Equal("2024-04-25 21:47", ChineseTime.Relative(new DateTime(2024, 4, 25, 13, 47, 0, DateTimeKind.Utc), Now, Shanghai));

    [Fact]
    public void Relative_FutureTime_NeverShowsNegativeAge() =>
        Assert.Equal("刚刚", ChineseTime.Relative(Now.AddMinutes(3), Now, Shanghai));

    [Fact]
    public void Full_UsesSiteZone() =>
        Assert.Equal("2026-11-24 15:30:00", ChineseTime.Full(Now, Shanghai));
}
