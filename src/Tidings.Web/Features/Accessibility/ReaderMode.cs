namespace Tidings.Web.Features.Accessibility;

/// <summary>
/// 关怀版 (care mode for older readers, as MIIT's 适老化 rules ask): the same URLs rendered by the server as a
/// variant — larger type, big controls, one column, simpler navigation — chosen with a first-party cookie so the
/// choice holds across pages and visits and the first paint is already right.
/// </summary>
public static class ReaderMode
{
    public const string CareCookie = "tcare";

    public static bool IsCare(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Request.Cookies.TryGetValue(CareCookie, out var value) && value == "1";
    }

    /// <summary>The root element's classes for this reader's mode and 无障碍浏览 settings ("" for the defaults).</summary>
    public static string HtmlClass(HttpContext http) => HtmlClass(IsCare(http), ReaderPreferences.From(http));

    /// <summary>The same, for a page that has already read the mode and the settings.</summary>
    public static string HtmlClass(bool care, ReaderPreferences preferences)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        return string.Join(' ', new[] { care ? "care" : null, preferences.Classes }.Where(c => !string.IsNullOrEmpty(c)));
    }

    /// <summary>
    /// What a cached page varies by: the interface language, 关怀版 and the 无障碍浏览 settings are rendered by the
    /// server, so each combination is its own cached copy and no reader is ever served another's language or mode.
    /// </summary>
    public static KeyValuePair<string, string> CacheVariant(HttpContext http) =>
        new("reader", Languages.InterfaceLanguages.Current + "|" + (IsCare(http) ? "care" : "standard") + "|" + ReaderPreferences.From(http).Classes);
}
