using Microsoft.Extensions.Options;
using Tidings.Core.Text;
using Tidings.Web.Infrastructure;

namespace Tidings.Web.Shared;

/// <summary>Site-wide facts every view needs: the site name, the display time zone, absolute URLs.</summary>
public sealed class SiteContext(IOptions<TidingsOptions> options, TimeZoneInfo zone, TimeProvider time)
{
    public string SiteName => options.Value.SiteName;

    public string? ContactEmail => options.Value.ContactEmail;
    public TimeZoneInfo Zone => zone;

    /// <summary>The site's language, as stored on articles (zh-CN or en).</summary>
    public string Language => Core.Articles.ContentLanguage.Normalize(options.Value.Language) ?? Core.Articles.ContentLanguage.Chinese;

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    /// <summary>The interface language of this request (zh-CN or en); see Features/Languages.</summary>
    public static bool English => Features.Languages.InterfaceLanguages.Current == Core.Articles.ContentLanguage.English;

    /// <summary>刚刚 / just now, 5分钟前 / 5 mins ago …, in the reader's interface language.</summary>
    public string Relative(DateTime utc) => English ? EnglishTime.Relative(utc, UtcNow, zone) : ChineseTime.Relative(utc, UtcNow, zone);

    public string Full(DateTime utc) => English ? EnglishTime.Full(utc, zone) : ChineseTime.Full(utc, zone);

    /// <summary>The instant in the site's zone, with its offset (+08:00 by default).</summary>
    public DateTimeOffset Local(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(zone.GetUtcOffset(utc));

    /// <summary>"2026-12-04 20:15" in the site's zone: how the newsroom shows every time, in one format.</summary>
    public string Minute(DateTime utc) => Local(utc).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"2026-12-04 20:15:09" in the site's zone, where order within a minute matters (the audit log).</summary>
    public string Second(DateTime utc) => Local(utc).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A datetime-local field's value (site time) in UTC: null when empty, false when it is not a time.</summary>
    public bool TryParseField(string? value, out DateTime? utc) => LocalTimeField.TryParse(value, zone, out utc);

    /// <summary>A UTC time as a datetime-local field shows it (site time, to the minute).</summary>
    public string Field(DateTime utc) => LocalTimeField.Format(utc, zone);

    /// <summary>"2026-12-04" in the site's zone.</summary>
    public string Day(DateTime utc) => Local(utc).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 with the site's offset, for &lt;time datetime&gt; and JSON-LD.</summary>
    public string Iso(DateTime utc) => Local(utc).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    public string Absolute(HttpRequest request, string path)
    {
        ArgumentNullException.ThrowIfNull(request);
        var baseUrl = options.Value.PublicBaseUrl;
        return string.IsNullOrEmpty(baseUrl)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}{path}"
            : baseUrl.TrimEnd('/') + path;
    }
}
