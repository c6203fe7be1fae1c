using Tidings.Core.Text;

namespace Tidings.Tests.Text;

public sealed class EnglishTimeTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateTime Now = new(2026, 12, 5, 6, 0, 0, DateTimeKind.Utc); // 14:00 in Shanghai

    [Theory]
    [InlineData(0, "just now")]
    [InlineData(-1, "just now")]            // a clock a little ahead is never "-1 mins ago"
    [InlineData(60, "1 min ago")]
    [InlineData(5 * 60, "5 mins ago")]
    [InlineData(60 * 60, "1 hour ago")]
    [InlineData(3 * 3600, "3 hours ago")]
    [InlineData(18 * 3600, "yesterday 20:00")]
    [InlineData(3 * 86400, "2 Dec 14:00")]
    [InlineData(400 * 86400, "31 Oct 2025 14:00")]
    public void Relative_MirrorsTheChineseSteps(int secondsAgo, string expected) =>
        Assert.Equal(expected, EnglishTime.Relative(Now.AddSeconds(-secondsAgo), Now, Shanghai));

    [Fact]
    public void Full_IsDayMonthYearWithSeconds() =>
        Assert.Equal("5 Dec 2026 14:00:00", EnglishTime.Full(Now, Shanghai));
}
