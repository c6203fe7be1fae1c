using System.Globalization;
using System.Resources;

namespace Tidings.Web.Features.Articles;

/// <summary>
/// The article page's own strings, in the reader's language: ArticlesText.resx holds the Chinese (the neutral resource), ArticlesText.en.resx
/// the English. Strings several features share live in <see cref="Shared.Ui"/>; the resource tests check both files
/// and this class agree.
/// </summary>
public static class ArticlesText
{
    public static ResourceManager ResourceManager { get; } = new("Tidings.Web.Features.Articles.ArticlesText", typeof(ArticlesText).Assembly);

    public static string Body => Get(nameof(Body));
    public static string Related => Get(nameof(Related));
    public static string OriginalSelfMedia => Get(nameof(OriginalSelfMedia));
    public static string ReadOriginal => Get(nameof(ReadOriginal));
    public static string FromPartner => Get(nameof(FromPartner));
    public static string OtherVersions => Get(nameof(OtherVersions));
    public static string Comments => Get(nameof(Comments));
    public static string MoreChannels => Get(nameof(MoreChannels));
    public static string LiveEnded => Get(nameof(LiveEnded));
    public static string LiveStream => Get(nameof(LiveStream));
    public static string LiveNewEntries => Get(nameof(LiveNewEntries));
    public static string LiveNewEntriesOne => Get(nameof(LiveNewEntriesOne));
    public static string LiveFeed => Get(nameof(LiveFeed));
    public static string SpecialsOfArticle => Get(nameof(SpecialsOfArticle));
    public static string AllCorrections => Get(nameof(AllCorrections));
    public static string OutletsReportingCount => Get(nameof(OutletsReportingCount));

    private static string Get(string key) => ResourceManager.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
