using System.Globalization;
using System.Resources;

namespace Tidings.Web.Features.Search;

/// <summary>
/// Search's own strings, in the reader's language: SearchText.resx holds the Chinese (the neutral resource), SearchText.en.resx
/// the English. Strings several features share live in <see cref="Shared.Ui"/>; the resource tests check both files
/// and this class agree.
/// </summary>
public static class SearchText
{
    public static ResourceManager ResourceManager { get; } = new("Tidings.Web.Features.Search.SearchText", typeof(SearchText).Assembly);

    public static string SearchHeading => Get(nameof(SearchHeading));
    public static string SearchResultsHeading => Get(nameof(SearchResultsHeading));
    public static string SearchPageTitle => Get(nameof(SearchPageTitle));
    public static string SearchField => Get(nameof(SearchField));
    public static string SearchHelp => Get(nameof(SearchHelp));
    public static string AllChannels => Get(nameof(AllChannels));
    public static string AllRegions => Get(nameof(AllRegions));
    public static string SortBy => Get(nameof(SortBy));
    public static string SortRelevance => Get(nameof(SortRelevance));
    public static string SortNewest => Get(nameof(SortNewest));
    public static string SearchFailed => Get(nameof(SearchFailed));
    public static string SearchPrompt => Get(nameof(SearchPrompt));
    public static string SearchNothingSearchable => Get(nameof(SearchNothingSearchable));
    public static string SearchNoResults => Get(nameof(SearchNoResults));
    public static string SearchInterpretation => Get(nameof(SearchInterpretation));
    public static string SearchTipSpelling => Get(nameof(SearchTipSpelling));
    public static string SearchTipFewer => Get(nameof(SearchTipFewer));
    public static string SearchTipCommon => Get(nameof(SearchTipCommon));
    public static string SearchFound => Get(nameof(SearchFound));
    public static string SearchFoundOne => Get(nameof(SearchFoundOne));
    public static string SearchInterpretationAside => Get(nameof(SearchInterpretationAside));
    public static string SearchNoChannel => Get(nameof(SearchNoChannel));
    public static string SearchNoRegion => Get(nameof(SearchNoRegion));
    public static string SearchNoSource => Get(nameof(SearchNoSource));
    public static string SearchFromDate => Get(nameof(SearchFromDate));
    public static string SearchToDate => Get(nameof(SearchToDate));
    public static string SearchDateOrder => Get(nameof(SearchDateOrder));
    public static string SearchBadSort => Get(nameof(SearchBadSort));
    public static string SearchBadPage => Get(nameof(SearchBadPage));
    public static string SearchPageTooFar => Get(nameof(SearchPageTooFar));
    public static string SearchBadDate => Get(nameof(SearchBadDate));
    public static string SearchTooLong => Get(nameof(SearchTooLong));
    public static string SearchTooManyTerms => Get(nameof(SearchTooManyTerms));
    public static string SearchApiPageSize => Get(nameof(SearchApiPageSize));
    public static string SearchApiNoQuery => Get(nameof(SearchApiNoQuery));
    public static string SearchApiNothingSearchable => Get(nameof(SearchApiNothingSearchable));
    public static string SearchApiInvalid => Get(nameof(SearchApiInvalid));

    private static string Get(string key) => ResourceManager.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
