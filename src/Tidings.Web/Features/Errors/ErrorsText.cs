using System.Globalization;
using System.Resources;

namespace Tidings.Web.Features.Errors;

/// <summary>
/// Error pages's own strings, in the reader's language: ErrorsText.resx holds the Chinese (the neutral resource), ErrorsText.en.resx
/// the English. Strings several features share live in <see cref="Shared.Ui"/>; the resource tests check both files
/// and this class agree.
/// </summary>
public static class ErrorsText
{
    public static ResourceManager ResourceManager { get; } = new("Tidings.Web.Features.Errors.ErrorsText", typeof(ErrorsText).Assembly);

    public static string NotFoundTitle => Get(nameof(NotFoundTitle));
    public static string ErrorTitle => Get(nameof(ErrorTitle));
    public static string ErrorText => Get(nameof(ErrorText));
    public static string BadRequestText => Get(nameof(BadRequestText));
    public static string RequestTooLargeText => Get(nameof(RequestTooLargeText));

    private static string Get(string key) => ResourceManager.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
