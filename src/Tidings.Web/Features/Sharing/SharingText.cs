using System.Globalization;
using System.Resources;

namespace Tidings.Web.Features.Sharing;

/// <summary>
/// Sharing's own strings, in the reader's language: SharingText.resx holds the Chinese (the neutral resource), SharingText.en.resx
/// the English. Strings several features share live in <see cref="Shared.Ui"/>; the resource tests check both files
/// and this class agree.
/// </summary>
public static class SharingText
{
    public static ResourceManager ResourceManager { get; } = new("Tidings.Web.Features.Sharing.SharingText", typeof(SharingText).Assembly);

    public static string ShareTo => Get(nameof(ShareTo));
    public static string ShareWeibo => Get(nameof(ShareWeibo));
    public static string ShareQzone => Get(nameof(ShareQzone));
    public static string ShareQq => Get(nameof(ShareQq));
    public static string ShareWeChat => Get(nameof(ShareWeChat));
    public static string ShareWeChatHelp => Get(nameof(ShareWeChatHelp));
    public static string ShareQrAlt => Get(nameof(ShareQrAlt));
    public static string ShareCopy => Get(nameof(ShareCopy));
    public static string ShareLink => Get(nameof(ShareLink));
    public static string ShareMore => Get(nameof(ShareMore));
    public static string OpensInNewWindow => Get(nameof(OpensInNewWindow));
    public static string LinkCopied => Get(nameof(LinkCopied));
    public static string CopyFailed => Get(nameof(CopyFailed));
    public static string CopySelected => Get(nameof(CopySelected));

    private static string Get(string key) => ResourceManager.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
