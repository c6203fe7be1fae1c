using System.Globalization;

namespace Tidings.Core.Aggregation;

/// <summary>
/// Dates as partner feeds write them: RFC 822 (RSS) and RFC 3339 (Atom, JSON Feed) as the standards say, and the
/// forms Chinese CMSs emit instead ("2026-12-05 10:30:00", "2026/12/05 10:30", "2026年12月05日 10:30", with or without
/// an offset). A date without an offset is taken as China time (UTC+8), the partners' clock. Unparseable: null.
/// </summary>
public static class FeedDates
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private static readonly string[] WithOffset =
    [
        "d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm zzz", "d MMMM yyyy HH:mm:ss zzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mm:ssK",
        "yyyy-MM-dd HH:mm:ss zzz",
    ];

    private static readonly string[] WithoutOffset =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd",
        "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd HH:mm", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm", "yyyy/MM/dd",
        "yyyy年MM月dd日 HH:mm:ss", "yyyy年MM月dd日 HH:mm", "yyyy年M月d日 H:mm", "yyyy年MM月dd日HH:mm", "yyyy年M月d日",
        "d MMM yyyy HH:mm:ss", "d MMM yyyy HH:mm",
    ];

    // RFC 822 zone names still found in RSS (only the ones the RFC defines; others are guesses we do not make). "CST"
    // is US Central in the RFC, but Chinese CMSs write it for China Standard Time, and our partners are Chinese: read
    // as US Central, their items would sit 14 hours in the future.
    private static readonly Dictionary<string, string> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GMT"] = "+00:00",
        ["UT"] = "+00:00",
        ["UTC"] = "+00:00",
        ["Z"] = "+00:00",
        ["EST"] = "-05:00",
        ["EDT"] = "-04:00",
        ["CST"] = "+08:00",
        ["CDT"] = "-05:00",
        ["MST"] = "-07:00",
        ["MDT"] = "-06:00",
        ["PST"] = "-08:00",
        ["PDT"] = "-07:00",
    };

    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
        {
            return null;
        }

        var value = text.Trim();
        var space = value.LastIndexOf(' ');
        if (space > 0 && Zones.TryGetValue(value[(space + 1)..], out var zone))
        {
            value = string.Concat(value.AsSpan(0, space + 1), zone);
        }

        // RFC 822 writes "+0800" where .NET reads "+08:00"; the weekday is dropped (feeds get it wrong, the date is enough).
        if (value.Length > 5 && value[^5] is '+' or '-' && value[^4..].All(char.IsAsciiDigit))
        {
            value = string.Concat(value.AsSpan(0, value.Length - 2), ":", value.AsSpan(value.Length - 2));
        }

        var comma = value.IndexOf(',', StringComparison.Ordinal);
        if (comma is > 0 and <= 9 && value[..comma].All(char.IsAsciiLetter))
        {
            value = value[(comma + 1)..].TrimStart();
        }

        var styles = DateTimeStyles.AllowWhiteSpaces;
        // Zone-less forms first: "K" in the others also matches no zone at all, and would read it in this server's zone.
        if (DateTime.TryParseExact(value, WithoutOffset, CultureInfo.InvariantCulture, styles, out var local))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), ChinaOffset);
        }

        if (DateTimeOffset.TryParseExact(value, WithOffset, CultureInfo.InvariantCulture, styles, out var exact))
        {
            return exact;
        }

        return null;
    }
}
