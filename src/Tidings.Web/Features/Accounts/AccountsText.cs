using System.Globalization;
using System.Resources;

namespace Tidings.Web.Features.Accounts;

/// <summary>
/// Accounts (sign-in, registration, account administration)'s own strings, in the reader's language: AccountsText.resx holds the Chinese (the neutral resource), AccountsText.en.resx
/// the English. Strings several features share live in <see cref="Shared.Ui"/>; the resource tests check both files
/// and this class agree.
/// </summary>
public static class AccountsText
{
    public static ResourceManager ResourceManager { get; } = new("Tidings.Web.Features.Accounts.AccountsText", typeof(AccountsText).Assembly);

    public static string RegisterIntro => Get(nameof(RegisterIntro));
    public static string UserNameHint => Get(nameof(UserNameHint));
    public static string ConfirmPassword => Get(nameof(ConfirmPassword));
    public static string RememberMe => Get(nameof(RememberMe));
    public static string NoAccount => Get(nameof(NoAccount));
    public static string HaveAccount => Get(nameof(HaveAccount));
    public static string AccessDeniedText => Get(nameof(AccessDeniedText));
    public static string ErrorUserNameRequired => Get(nameof(ErrorUserNameRequired));
    public static string ErrorUserNameLong => Get(nameof(ErrorUserNameLong));
    public static string ErrorUserNameLength => Get(nameof(ErrorUserNameLength));
    public static string ErrorUserNameCharacters => Get(nameof(ErrorUserNameCharacters));
    public static string ErrorUserNameTaken => Get(nameof(ErrorUserNameTaken));
    public static string ErrorDisplayNameRequired => Get(nameof(ErrorDisplayNameRequired));
    public static string ErrorDisplayNameLong => Get(nameof(ErrorDisplayNameLong));
    public static string ErrorPasswordRequired => Get(nameof(ErrorPasswordRequired));
    public static string ErrorPasswordLong => Get(nameof(ErrorPasswordLong));
    public static string ErrorPasswordShort => Get(nameof(ErrorPasswordShort));
    public static string ErrorPasswordShortOne => Get(nameof(ErrorPasswordShortOne));
    public static string ErrorPasswordUniqueChars => Get(nameof(ErrorPasswordUniqueChars));
    public static string ErrorPasswordUniqueCharsOne => Get(nameof(ErrorPasswordUniqueCharsOne));
    public static string ErrorPasswordMismatch => Get(nameof(ErrorPasswordMismatch));
    public static string ErrorPasswordWrong => Get(nameof(ErrorPasswordWrong));
    public static string ErrorAccountFailed => Get(nameof(ErrorAccountFailed));
    public static string ErrorSignInFailed => Get(nameof(ErrorSignInFailed));
    public static string ErrorSignInNotAllowed => Get(nameof(ErrorSignInNotAllowed));
    public static string ErrorDisplayNameLength => Get(nameof(ErrorDisplayNameLength));
    public static string ErrorUnknownRole => Get(nameof(ErrorUnknownRole));
    public static string ErrorNoSourceSlug => Get(nameof(ErrorNoSourceSlug));
    public static string ErrorCreatorNeedsSource => Get(nameof(ErrorCreatorNeedsSource));
    public static string RoleAdmin => Get(nameof(RoleAdmin));
    public static string RoleEditor => Get(nameof(RoleEditor));
    public static string RoleWriter => Get(nameof(RoleWriter));
    public static string RoleModerator => Get(nameof(RoleModerator));
    public static string RoleCreator => Get(nameof(RoleCreator));
    public static string ErrorUserAlreadyInRole => Get(nameof(ErrorUserAlreadyInRole));
    public static string ErrorUserNotInRole => Get(nameof(ErrorUserNotInRole));

    private static string Get(string key) => ResourceManager.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
