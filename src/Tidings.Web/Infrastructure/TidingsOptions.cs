using System.ComponentModel.DataAnnotations;

namespace Tidings.Web.Infrastructure;

public sealed class TidingsOptions
{
    public const string Section = "Tidings";

    /// <summary>Where the SQLite database and data-protection keys live; relative paths start at the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Load the demo portal when the database has no channels yet.</summary>
    public bool SeedDemoOnEmptyDatabase { get; set; } = true;

    [Required]
    [StringLength(64, MinimumLength = 1)]
    public string SiteName { get; set; } = "潮讯网";

    /// <summary>Times are stored in UTC and shown in this zone (IANA id).</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Absolute base for canonical links (https://news.example.com); the request's host when empty.</summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    /// <summary>Where readers report accessibility problems (shown on the 无障碍声明 page).</summary>
    [EmailAddress]
    public string? ContactEmail { get; set; }
}
