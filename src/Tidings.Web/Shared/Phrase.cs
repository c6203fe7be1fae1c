using System.Globalization;

namespace Tidings.Web.Shared;

/// <summary>
/// Fills the reader's-language strings of <see cref="Ui"/> (generated from Shared/Ui.resx, Chinese, and Ui.en.resx,
/// English): format arguments, and the singular English needs where Chinese has one form.
/// </summary>
internal static class Phrase
{
    /// <summary>Fills a format string with invariant digits: Chinese text uses Arabic numerals as they are, and
    /// thousands separators are the format string's business ({0:N0}), not the server's culture.</summary>
    public static string Format(string format, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, format, args);

    /// <summary>
    /// A count in words: <paramref name="one"/> (a Ui "…One" string, e.g. "{0} comment") when the count is 1, else
    /// <paramref name="other"/>. Chinese resources give both the same text.
    /// </summary>
    public static string Count(string other, string one, double? count, params object?[] more) =>
        string.Format(CultureInfo.InvariantCulture, count == 1 ? one : other, [count, .. more]);
}
