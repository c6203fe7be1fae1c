using System.Globalization;

namespace Tidings.Core.Text;

/// <summary>Formats times the way Chinese portals show them: 刚刚, 5分钟前, 3小时前, 昨天 10:26, 04-25 21:47, 2024-04-25 21:47.</summary>
public static class ChineseTime
{
    public static string Relative(DateTime utc, DateTime utcNow, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var age = utcNow - utc;
        if (age < TimeSpan.FromMinutes(1))
        {
            // Also covers clocks a little ahead of ours: a future time is never shown as "-3分钟前".
            return "刚刚";
        }

        if (age < TimeSpan.FromHours(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalMinutes}分钟前");
        }

        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        var localNow = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc), zone);
        if (local.Date == localNow.Date)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalHours}小时前");
        }

        if (local.Date == localNow.Date.AddDays(-1))
        {
            return "昨天 " + local.ToString("HH:mm", CultureInfo.InvariantCulture);
        }

        return local.Year == localNow.Year
            ? local.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture)
            : local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>The full timestamp of the reference page: 2024-04-25 21:47:03.</summary>
    public static string Full(DateTime utc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        return local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }
}
