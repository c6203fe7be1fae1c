using System.Globalization;
using System.Resources;

namespace Tidings.Web.Features.Trending;

/// <summary>
/// 热点推荐's own strings, in the reader's language: TrendingText.resx holds the Chinese (the neutral resource), TrendingText.en.resx
/// the English. Strings several features share live in <see cref="Shared.Ui"/>; the resource tests check both files
/// and this class agree.
/// </summary>
public static class TrendingText
{
    public static ResourceManager ResourceManager { get; } = new("Tidings.Web.Features.Trending.TrendingText", typeof(TrendingText).Assembly);

    public static string HotPage => Get(nameof(HotPage));
    public static string HotIntro => Get(nameof(HotIntro));
    public static string HotEmpty => Get(nameof(HotEmpty));
    public static string WindowHour => Get(nameof(WindowHour));
    public static string WindowDay => Get(nameof(WindowDay));
    public static string WindowWeek => Get(nameof(WindowWeek));
    public static string HotWindows => Get(nameof(HotWindows));
    public static string HotScopes => Get(nameof(HotScopes));
    public static string HotPageOf => Get(nameof(HotPageOf));

    private static string Get(string key) => ResourceManager.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
