using System.Globalization;

namespace Tidings.Core.Text;

/// <summary>
/// The English interface's times, on the same steps as <see cref="ChineseTime"/>: just now, 1 min ago, 5 mins ago,
/// 1 hour ago, 3 hours ago, yesterday 10:26, 25 Apr 21:47, 25 Apr 2024 21:47 (24-hour clock, day before month, as
/// British and international news sites write them).
/// </summary>
public static class EnglishTime
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static string Relative(DateTime utc, DateTime utcNow, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var age = utcNow - utc;
        if (age < TimeSpan.FromMinutes(1))
        {
            return "just now";
        }

        if (age < TimeSpan.FromHours(1))
        {
            var minutes = (int)age.TotalMinutes;
            return string.Create(CultureInfo.InvariantCulture, $"{minutes} {(minutes == 1 ? "min" : "mins")} ago");
        }

        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        var localNow = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc), zone);
        if (local.Date == localNow.Date)
        {
            var hours = (int)age.TotalHours;
            return string.Create(CultureInfo.InvariantCulture, $"{hours} {(hours == 1 ? "hour" : "hours")} ago");
        }

        if (local.Date == localNow.Date.AddDays(-1))
        {
            return "yesterday " + local.ToString("HH:mm", CultureInfo.InvariantCulture);
        }

        return local.ToString(local.Year == localNow.Year ? "d MMM HH:mm" : "d MMM yyyy HH:mm", English);
    }

    /// <summary>The full timestamp: 25 Apr 2024 21:47:03.</summary>
    public static string Full(DateTime utc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        return local.ToString("d MMM yyyy HH:mm:ss", English);
    }
}
