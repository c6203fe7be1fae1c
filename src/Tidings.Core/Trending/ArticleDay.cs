namespace Tidings.Core.Trending;

/// <summary>
/// One article's reader signals over one day (site time), summed from its hourly <see cref="TrendingBucket"/>s when
/// they are saved. Buckets are forgotten after a week; these stay, so a creator's dashboard can show a month and
/// more without a second tracker. Counts are as the trending gate weighs them (bots out, once per visitor and hour).
/// </summary>
public sealed class ArticleDay
{
    public int ArticleId { get; set; }

    /// <summary>Days since 1970-01-01 in the site's time zone.</summary>
    public int Day { get; set; }

    /// <summary>阅读: page views.</summary>
    public double Views { get; set; }

    /// <summary>读完: the reader reached the end or stayed a while.</summary>
    public double Reads { get; set; }

    /// <summary>分享.</summary>
    public double Shares { get; set; }

    /// <summary>The local day of an hour since the epoch (UTC), in <paramref name="zone"/>.</summary>
    public static int DayOf(long hour, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var utc = DateTime.UnixEpoch.AddHours(hour);
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
        return DateOnly.FromDateTime(local).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
    }

    /// <summary>The first UTC hour (since the epoch) of local day <paramref name="day"/>, and the first of the next.</summary>
    public static (long From, long To) HoursOf(int day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var date = DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + day);
        long Start(DateOnly d)
        {
            var utc = TimeZoneInfo.ConvertTimeToUtc(d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone);
            // A zone whose offset is not whole hours (India, Nepal) starts its day inside an hour: that hour counts to
            // the day it starts in, as DayOf says.
            return (long)Math.Ceiling((utc - DateTime.UnixEpoch).TotalHours);
        }

        return (Start(date), Start(date.AddDays(1)));
    }
}
