using System.Globalization;
using System.Resources;

namespace Tidings.Web.Features.Following;

/// <summary>
/// Following accounts's own strings, in the reader's language: FollowingText.resx holds the Chinese (the neutral resource), FollowingText.en.resx
/// the English. Strings several features share live in <see cref="Shared.Ui"/>; the resource tests check both files
/// and this class agree.
/// </summary>
public static class FollowingText
{
    public static ResourceManager ResourceManager { get; } = new("Tidings.Web.Features.Following.FollowingText", typeof(FollowingText).Assembly);

    public static string FollowingCorrections => Get(nameof(FollowingCorrections));
    public static string AccountPersonal => Get(nameof(AccountPersonal));
    public static string AccountMedia => Get(nameof(AccountMedia));
    public static string AccountOrganization => Get(nameof(AccountOrganization));
    public static string FollowNeedsAccount => Get(nameof(FollowNeedsAccount));
    public static string FollowTooFast => Get(nameof(FollowTooFast));
    public static string FollowTooFastOne => Get(nameof(FollowTooFastOne));
    public static string FollowTooMany => Get(nameof(FollowTooMany));
    public static string FollowTooManyOne => Get(nameof(FollowTooManyOne));
    public static string FollowingAccounts => Get(nameof(FollowingAccounts));
    public static string FollowingNews => Get(nameof(FollowingNews));
    public static string FollowingNone => Get(nameof(FollowingNone));
    public static string FollowingNoArticles => Get(nameof(FollowingNoArticles));
    public static string FollowingSuggested => Get(nameof(FollowingSuggested));
    public static string FollowingSignedOut => Get(nameof(FollowingSignedOut));

    private static string Get(string key) => ResourceManager.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
