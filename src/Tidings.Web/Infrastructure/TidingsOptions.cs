using System.ComponentModel.DataAnnotations;

namespace Tidings.Web.Infrastructure;

public sealed class TidingsOptions
{
    public const string Section = "Tidings";

    /// <summary>Where the SQLite database and data-protection keys live; relative paths start at the content root.</summary>
    [Required(ErrorMessage = "Tidings:DataDirectory must be set.")]
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Load the demo portal when the database has no channels yet.</summary>
    public bool SeedDemoOnEmptyDatabase { get; set; } = true;

    [Required(ErrorMessage = "Tidings:SiteName must be set.")]
    [StringLength(64, MinimumLength = 1, ErrorMessage = "Tidings:SiteName must be 1-64 characters.")]
    public string SiteName { get; set; } = "潮讯网";

    /// <summary>Times are stored in UTC and shown in this zone (IANA id).</summary>
    [Required(ErrorMessage = "Tidings:TimeZone must be set (an IANA id such as Asia/Shanghai).")]
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>
    /// The site's language (zh-CN or en): what a new article is written in unless its editor or import says otherwise,
    /// and what the site's own feeds declare.
    /// </summary>
    [Required(ErrorMessage = "Tidings:Language must be set (zh-CN or en).")]
    public string Language { get; set; } = "zh-CN";

    /// <summary>
    /// The interface languages readers may choose, comma-separated ("zh-CN,en"; just the site's language for one).
    /// With more than one, every page shows the 中文 / English switch and hreflang alternates.
    /// </summary>
    [Required(ErrorMessage = "Tidings:Languages must list the interface languages (zh-CN,en).")]
    public string Languages { get; set; } = "zh-CN,en";

    /// <summary>Whether a first-time reader's browser language (Accept-Language) picks the interface language.</summary>
    public bool UseBrowserLanguage { get; set; }

    /// <summary>Absolute base for canonical links (https://news.example.com); the request's host when empty.</summary>
    [Url(ErrorMessage = "Tidings:PublicBaseUrl must be an absolute http(s) URL, such as https://news.example.cn.")]
    public string? PublicBaseUrl { get; set; }

    /// <summary>Where readers report accessibility problems (shown on the 无障碍声明 page).</summary>
    [EmailAddress(ErrorMessage = "Tidings:ContactEmail must be an e-mail address.")]
    public string? ContactEmail { get; set; }
}
