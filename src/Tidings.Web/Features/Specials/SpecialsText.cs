using System.Globalization;
using System.Resources;

namespace Tidings.Web.Features.Specials;

/// <summary>
/// 专题 (topic pages and their desk)'s own strings, in the reader's language: SpecialsText.resx holds the Chinese (the neutral resource), SpecialsText.en.resx
/// the English. Strings several features share live in <see cref="Shared.Ui"/>; the resource tests check both files
/// and this class agree.
/// </summary>
public static class SpecialsText
{
    public static ResourceManager ResourceManager { get; } = new("Tidings.Web.Features.Specials.SpecialsText", typeof(SpecialsText).Assembly);

    public static string SpecialsIntro => Get(nameof(SpecialsIntro));
    public static string SpecialsNone => Get(nameof(SpecialsNone));
    public static string SpecialNew => Get(nameof(SpecialNew));
    public static string SpecialTitle => Get(nameof(SpecialTitle));
    public static string SpecialSlug => Get(nameof(SpecialSlug));
    public static string SpecialSlugHint => Get(nameof(SpecialSlugHint));
    public static string SpecialLead => Get(nameof(SpecialLead));
    public static string SpecialLive => Get(nameof(SpecialLive));
    public static string SpecialLiveHint => Get(nameof(SpecialLiveHint));
    public static string SpecialOutline => Get(nameof(SpecialOutline));
    public static string SpecialOutlineHint => Get(nameof(SpecialOutlineHint));
    public static string SpecialPublishedField => Get(nameof(SpecialPublishedField));
    public static string SpecialPublished => Get(nameof(SpecialPublished));
    public static string SpecialUnpublished => Get(nameof(SpecialUnpublished));
    public static string SpecialArticleCount => Get(nameof(SpecialArticleCount));
    public static string SpecialSaved => Get(nameof(SpecialSaved));
    public static string SpecialKind => Get(nameof(SpecialKind));
    public static string SpecialFeed => Get(nameof(SpecialFeed));
    public static string SpecialLiveTitle => Get(nameof(SpecialLiveTitle));
    public static string SpecialArticles => Get(nameof(SpecialArticles));
    public static string SpecialEmpty => Get(nameof(SpecialEmpty));
    public static string ErrorSpecialTitle => Get(nameof(ErrorSpecialTitle));
    public static string ErrorSpecialTitleOne => Get(nameof(ErrorSpecialTitleOne));
    public static string ErrorSpecialSlugTaken => Get(nameof(ErrorSpecialSlugTaken));
    public static string ErrorSpecialNoArticle => Get(nameof(ErrorSpecialNoArticle));
    public static string ErrorSpecialMissing => Get(nameof(ErrorSpecialMissing));
    public static string ErrorSpecialOutlineTooLong => Get(nameof(ErrorSpecialOutlineTooLong));
    public static string ErrorSpecialOutlineTooLongOne => Get(nameof(ErrorSpecialOutlineTooLongOne));
    public static string ErrorOutlineHeading => Get(nameof(ErrorOutlineHeading));
    public static string ErrorOutlineSections => Get(nameof(ErrorOutlineSections));
    public static string ErrorOutlineDuplicate => Get(nameof(ErrorOutlineDuplicate));
    public static string ErrorOutlineArticles => Get(nameof(ErrorOutlineArticles));
    public static string ErrorOutlineLine => Get(nameof(ErrorOutlineLine));
    public static string AuditTopicPublished => Get(nameof(AuditTopicPublished));
    public static string AuditTopicUnpublished => Get(nameof(AuditTopicUnpublished));

    private static string Get(string key) => ResourceManager.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
