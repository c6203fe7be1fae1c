namespace Tidings.Core.Articles;

/// <summary>
/// The language an article is written in, as a BCP 47 tag: the site's languages are Chinese (zh-CN, the default)
/// and English (en). Every door that takes a language (the editor, imports, the site's configuration) reads it here,
/// so "zh", "zh-Hans" and "ZH-cn" all mean one stored value and anything else is refused rather than guessed.
/// </summary>
public static class ContentLanguage
{
    public const string Chinese = "zh-CN";
    public const string English = "en";
    public const int MaxLength = 16;

    public static readonly IReadOnlyList<string> Supported = [Chinese, English];

    /// <summary>The stored tag for what a person or a file wrote; null when it is empty or not one of the site's languages.</summary>
    public static string? Normalize(string? tag)
    {
        var value = tag?.Trim().Replace('_', '-');
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return null;
        }

        var primary = value.Split('-')[0];
        if (primary.Equals("zh", StringComparison.OrdinalIgnoreCase))
        {
            // Traditional-script tags are another written language; the site does not claim to serve them.
            return value.Contains("Hant", StringComparison.OrdinalIgnoreCase) || value.EndsWith("-TW", StringComparison.OrdinalIgnoreCase)
                || value.EndsWith("-HK", StringComparison.OrdinalIgnoreCase) || value.EndsWith("-MO", StringComparison.OrdinalIgnoreCase)
                ? null
                : Chinese;
        }

        return primary.Equals("en", StringComparison.OrdinalIgnoreCase) ? English : null;
    }

    /// <summary>
    /// A comma-separated list of languages (an operator's "zh-CN,en"), normalized and without repeats; null when it
    /// is empty or names a language the site does not serve.
    /// </summary>
    public static IReadOnlyList<string>? ParseList(string? list)
    {
        var parts = (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var languages = new List<string>(parts.Length);
        foreach (var part in parts)
        {
            if (Normalize(part) is not { } language)
            {
                return null;
            }

            if (!languages.Contains(language))
            {
                languages.Add(language);
            }
        }

        return languages.Count == 0 ? null : languages;
    }

    /// <summary>The Open Graph locale of a language (og:locale wants language_TERRITORY).</summary>
    public static string OpenGraphLocale(string language) => language == English ? "en_GB" : "zh_CN";

    /// <summary>The language code Google News sitemaps expect (ISO 639, "zh-cn" for Simplified Chinese).</summary>
    public static string NewsSitemapCode(string language) => language == English ? "en" : "zh-cn";

    /// <summary>The name of a language in itself, for the editor's choice.</summary>
    public static string Endonym(string language) => language == English ? "English" : "中文";
}
