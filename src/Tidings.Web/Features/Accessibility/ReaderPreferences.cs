using System.Globalization;

namespace Tidings.Web.Features.Accessibility;

/// <summary>
/// 无障碍浏览 preferences, kept in one first-party cookie ("t:2|c:dark|k:1|g:1") that both the server (to render the
/// chosen state with no flash) and the toolbar script read. Anything unparseable counts as the default.
/// </summary>
public sealed record ReaderPreferences(int TextStep, string Contrast, bool LargeCursor, bool ReadingGuide)
{
    public const string Cookie = "tprefs";
    public const int MaxTextStep = 3;

    public static readonly ReaderPreferences Default = new(0, "none", false, false);

    public static readonly IReadOnlyList<string> Contrasts = ["none", "dark", "light"];

    public bool IsDefault => this == Default;

    /// <summary>Classes on &lt;html&gt;: text-N, contrast-dark|light, cursor-large, guide.</summary>
    public string Classes => string.Join(' ', new[]
    {
        TextStep > 0 ? "text-" + TextStep.ToString(CultureInfo.InvariantCulture) : null,
        Contrast != "none" ? "contrast-" + Contrast : null,
        LargeCursor ? "cursor-large" : null,
        ReadingGuide ? "guide" : null,
    }.Where(c => c is not null));

    public static ReaderPreferences From(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Request.Cookies.TryGetValue(Cookie, out var value) ? Parse(value) : Default;
    }

    public static ReaderPreferences Parse(string? value)
    {
        var result = Default;
        if (string.IsNullOrEmpty(value) || value.Length > 64)
        {
            return result;
        }

        foreach (var part in value.Split('|'))
        {
            var pair = part.Split(':', 2);
            if (pair.Length != 2)
            {
                continue;
            }

            result = pair[0] switch
            {
                "t" when int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t <= MaxTextStep => result with { TextStep = t },
                "c" when Contrasts.Contains(pair[1]) => result with { Contrast = pair[1] },
                "k" => result with { LargeCursor = pair[1] == "1" },
                "g" => result with { ReadingGuide = pair[1] == "1" },
                _ => result,
            };
        }

        return result;
    }

    public override string ToString() =>
        $"t:{TextStep.ToString(CultureInfo.InvariantCulture)}|c:{Contrast}|k:{(LargeCursor ? 1 : 0)}|g:{(ReadingGuide ? 1 : 0)}";
}
