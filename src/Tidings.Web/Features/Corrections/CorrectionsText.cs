using System.Globalization;
using System.Resources;

namespace Tidings.Web.Features.Corrections;

/// <summary>
/// Corrections's own strings, in the reader's language: CorrectionsText.resx holds the Chinese (the neutral resource), CorrectionsText.en.resx
/// the English. Strings several features share live in <see cref="Shared.Ui"/>; the resource tests check both files
/// and this class agree.
/// </summary>
public static class CorrectionsText
{
    public static ResourceManager ResourceManager { get; } = new("Tidings.Web.Features.Corrections.CorrectionsText", typeof(CorrectionsText).Assembly);

    public static string CorrectionsIntro => Get(nameof(CorrectionsIntro));
    public static string CorrectionsFeed => Get(nameof(CorrectionsFeed));
    public static string CorrectionsNone => Get(nameof(CorrectionsNone));
    public static string CorrectedAt => Get(nameof(CorrectedAt));
    public static string CorrectionNotice => Get(nameof(CorrectionNotice));

    private static string Get(string key) => ResourceManager.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
