using System.Globalization;

namespace Tidings.Core.Text;

/// <summary>
/// The value of an HTML datetime-local field ("2026-12-05T20:30", seconds optional) in the site's time zone: one
/// parser and one format for every form that takes a time (schedule, embargo, banner, 哀悼日).
/// </summary>
public static class LocalTimeField
{
    private static readonly string[] Formats = ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"];

    /// <summary>The time in UTC: null when the field is empty; false when it holds no valid time.</summary>
    public static bool TryParse(string? value, TimeZoneInfo zone, out DateTime? utc)
    {
        ArgumentNullException.ThrowIfNull(zone);
        utc = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > 19 || !DateTime.TryParseExact(trimmed, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        // A time that the zone skips (a DST gap, where the site has one) is not a time there.
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            return false;
        }

        utc = TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
        return true;
    }

    /// <summary>A UTC time as the field shows it, to the minute, in the zone.</summary>
    public static string Format(DateTime utc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
    }
}
