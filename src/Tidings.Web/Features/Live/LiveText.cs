using System.Globalization;
using System.Resources;

namespace Tidings.Web.Features.Live;

/// <summary>
/// Live coverage's own strings, in the reader's language: LiveText.resx holds the Chinese (the neutral resource), LiveText.en.resx
/// the English. Strings several features share live in <see cref="Shared.Ui"/>; the resource tests check both files
/// and this class agree.
/// </summary>
public static class LiveText
{
    public static ResourceManager ResourceManager { get; } = new("Tidings.Web.Features.Live.LiveText", typeof(LiveText).Assembly);

    public static string LivePage => Get(nameof(LivePage));
    public static string LiveIntro => Get(nameof(LiveIntro));
    public static string LiveStart => Get(nameof(LiveStart));
    public static string LiveEnd => Get(nameof(LiveEnd));
    public static string LiveReopen => Get(nameof(LiveReopen));
    public static string LiveNotStarted => Get(nameof(LiveNotStarted));
    public static string LivePost => Get(nameof(LivePost));
    public static string LiveKind => Get(nameof(LiveKind));
    public static string LiveKindText => Get(nameof(LiveKindText));
    public static string LiveKindQuote => Get(nameof(LiveKindQuote));
    public static string LiveKindEmbed => Get(nameof(LiveKindEmbed));
    public static string LiveKindImage => Get(nameof(LiveKindImage));
    public static string LiveImage => Get(nameof(LiveImage));
    public static string LiveImageAlt => Get(nameof(LiveImageAlt));
    public static string LiveEntryText => Get(nameof(LiveEntryText));
    public static string LiveAttribution => Get(nameof(LiveAttribution));
    public static string LiveEmbed => Get(nameof(LiveEmbed));
    public static string LiveConfirm => Get(nameof(LiveConfirm));
    public static string LivePin => Get(nameof(LivePin));
    public static string LiveUnpin => Get(nameof(LiveUnpin));
    public static string LiveRemove => Get(nameof(LiveRemove));
    public static string LiveEntries => Get(nameof(LiveEntries));
    public static string LivePosted => Get(nameof(LivePosted));
    public static string ErrorLiveNotRunning => Get(nameof(ErrorLiveNotRunning));
    public static string ErrorLiveEmpty => Get(nameof(ErrorLiveEmpty));
    public static string ErrorLiveEmbed => Get(nameof(ErrorLiveEmbed));
    public static string ErrorLiveImage => Get(nameof(ErrorLiveImage));
    public static string ErrorLiveSensitive => Get(nameof(ErrorLiveSensitive));
    public static string ErrorLiveTooManyPinned => Get(nameof(ErrorLiveTooManyPinned));
    public static string ErrorLiveTooManyPinnedOne => Get(nameof(ErrorLiveTooManyPinnedOne));
    public static string AuditLivePicture => Get(nameof(AuditLivePicture));

    private static string Get(string key) => ResourceManager.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
