using System.Text.Json;
using Tidings.Core.Text;

namespace Tidings.Core.Breaking;

/// <summary>突发: the one-line banner an editor puts over every page, with a link and an end.</summary>
public sealed record BreakingBanner(string Text, string Url, DateTime Until, string By)
{
    public const int TextMaxLength = 60;
    public const int UrlMaxLength = 500;

    /// <summary>A banner lasts at most this long; a forgotten one ends by itself.</summary>
    public const double MaxHours = 72;

    public bool IsActive(DateTime now) => now < Until;
}

/// <summary>哀悼日: the site in grey, from <see cref="From"/> (null: at once) until <see cref="Until"/>.</summary>
public sealed record MourningDay(DateTime? From, DateTime Until, string By)
{
    /// <summary>A mourning period lasts at most this long (national mourning days are one to three days).</summary>
    public const double MaxHours = 96;

    public bool IsActive(DateTime now) => (From is null || now >= From) && now < Until;
}

/// <summary>
/// The rules of the two site-wide switches, one place for every door (the newsroom's form, every node's poll, the
/// pages). Both are stored as JSON in a site setting, so every node reads the same switch.
/// </summary>
public static class SiteAlerts
{
    public const string BannerKey = "breaking-banner";
    public const string MourningKey = "mourning";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A banner as the editor typed it, or the reason it cannot be shown.</summary>
    public static BreakingBanner? Banner(string? text, string? url, DateTime? until, string by, DateTime now, out string? error)
    {
        var line = UnicodeText.Repair(text ?? string.Empty).Trim();
        var link = (url ?? string.Empty).Trim();
        error = line.Length == 0 ? "text"
            : line.Length > BreakingBanner.TextMaxLength || line.Any(char.IsControl) ? "text-length"
            : !IsSafeLink(link) ? "url"
            : until is null || until <= now || until > now.AddHours(BreakingBanner.MaxHours) ? "until"
            : null;
        return error is null ? new BreakingBanner(line, link, until!.Value, by) : null;
    }

    /// <summary>A mourning period, or the reason it cannot be: it must end after it starts, in the future, within the limit.</summary>
    public static MourningDay? Mourning(DateTime? from, DateTime? until, string by, DateTime now, out string? error)
    {
        var start = from is { } f && f > now ? f : (DateTime?)null;
        error = until is null || until <= (start ?? now) ? "until"
            : until > (start ?? now).AddHours(MourningDay.MaxHours) ? "too-long"
            : from is { } g && g > now.AddDays(30) ? "from"
            : null;
        return error is null ? new MourningDay(start, until!.Value, by) : null;
    }

    /// <summary>A link readers may follow from every page: a path on this site, or an http(s) address.</summary>
    public static bool IsSafeLink(string url)
    {
        if (url.Length is 0 or > BreakingBanner.UrlMaxLength || url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            return false;
        }

        if (url.StartsWith('/'))
        {
            // "//host" and "/\host" are other sites to a browser.
            return url.Length == 1 || (url[1] != '/' && url[1] != '\\');
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp);
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);

    /// <summary>A stored switch; null when there is none or it cannot be read (a hand-edited row turns nothing on).</summary>
    public static T? Parse<T>(string? value)
        where T : class
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(value, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
