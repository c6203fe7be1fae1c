using Tidings.Core.Text;

namespace Tidings.Tests.Text;

public sealed class LocalTimeFieldTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");

    [Theory]
    [InlineData("2026-12-05T20:30", "2026-12-05T12:30:00")]
    [InlineData(" 2026-12-05T20:30:45 ", "2026-12-05T12:30:45")]
    [InlineData("2026-01-01T03:00", "2025-12-31T19:00:00")]
    public void TryParse_ReadsSiteTimeAsUtc(string value, string expected)
    {
        Assert.True(LocalTimeField.TryParse(value, Shanghai, out var utc));
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), utc);
        Assert.Equal(DateTimeKind.Utc, utc!.Value.Kind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void TryParse_EmptyIsNoTime(string? value)
    {
        Assert.True(LocalTimeField.TryParse(value, Shanghai, out var utc));
        Assert.Null(utc);
    }

    [Theory]
    [InlineData("2026-12-05 20:30")]
    [InlineData("2026-13-05T20:30")]
    [InlineData("2026-12-05T20:30:00.0000000Z")]
    [InlineData("明天晚上")]
    [InlineData("2026-12-05T20:30Z")]
    public void TryParse_RefusesWhatIsNotAFieldValue(string value) => Assert.False(LocalTimeField.TryParse(value, Shanghai, out _));

    [Fact]
    public void TryParse_RefusesATimeTheZoneSkips()
    {
        // Spring forward in New York, 2026-03-08: 02:00-02:59 does not exist there.
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
            DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 2, DayOfWeek.Sunday),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 11, 1, DayOfWeek.Sunday));
        var eastern = TimeZoneInfo.CreateCustomTimeZone("test-eastern", TimeSpan.FromHours(-5), "Eastern", "EST", "EDT", [rule]);
        Assert.False(LocalTimeField.TryParse("2026-03-08T02:30", eastern, out _));
        Assert.True(LocalTimeField.TryParse("2026-03-08T03:30", eastern, out _));
    }

    [Fact]
    public void Format_IsWhatTheFieldShows_AndReadsBack()
    {
        var utc = new DateTime(2026, 12, 5, 12, 30, 45, DateTimeKind.Utc);
        var shown = LocalTimeField.Format(utc, Shanghai);
        Assert.Equal("2026-12-05T20:30", shown);
        Assert.True(LocalTimeField.TryParse(shown, Shanghai, out var back));
        Assert.Equal(utc.AddSeconds(-45), back);
    }
}
