using System.Globalization;
using System.Resources;

namespace Tidings.Web.Shared;

/// <summary>
/// The interface's strings, in the reader's language: Ui.resx holds the Chinese (the neutral resource), Ui.en.resx
/// the English. One property per key keeps every use compiler-checked (a view writes @Ui.Home); adding a string means
/// a line in each .resx and one here, and UiResourcesTests fails when the three disagree.
/// </summary>
public static class Ui
{
    public static ResourceManager ResourceManager { get; } = new("Tidings.Web.Shared.Ui", typeof(Ui).Assembly);

    public static string Home => Get(nameof(Home));
    public static string Breadcrumb => Get(nameof(Breadcrumb));
    public static string MainNavigation => Get(nameof(MainNavigation));
    public static string SkipToContent => Get(nameof(SkipToContent));
    public static string Headlines => Get(nameof(Headlines));
    public static string Trending => Get(nameof(Trending));
    public static string WholeSite => Get(nameof(WholeSite));
    public static string Original => Get(nameof(Original));
    public static string Editor => Get(nameof(Editor));
    public static string Author => Get(nameof(Author));
    public static string Source => Get(nameof(Source));
    public static string PartnerFeeds => Get(nameof(PartnerFeeds));
    public static string Tags => Get(nameof(Tags));
    public static string Regions => Get(nameof(Regions));
    public static string PreviousPage => Get(nameof(PreviousPage));
    public static string NextPage => Get(nameof(NextPage));
    public static string PageOf => Get(nameof(PageOf));
    public static string EmptyList => Get(nameof(EmptyList));
    public static string SelfMedia => Get(nameof(SelfMedia));
    public static string Media => Get(nameof(Media));
    public static string NotFoundText => Get(nameof(NotFoundText));
    public static string BackHome => Get(nameof(BackHome));
    public static string DatabaseDownTitle => Get(nameof(DatabaseDownTitle));
    public static string DatabaseDownText => Get(nameof(DatabaseDownText));
    public static string DatabaseDownApi => Get(nameof(DatabaseDownApi));
    public static string Reload => Get(nameof(Reload));
    public static string DemoNotice => Get(nameof(DemoNotice));
    public static string PoweredBy => Get(nameof(PoweredBy));
    public static string EnterCare => Get(nameof(EnterCare));
    public static string ExitCare => Get(nameof(ExitCare));
    public static string ReadingModes => Get(nameof(ReadingModes));
    public static string AccessibilityStatement => Get(nameof(AccessibilityStatement));
    public static string A11yToolbar => Get(nameof(A11yToolbar));
    public static string TextSize => Get(nameof(TextSize));
    public static string TextSizes => Get(nameof(TextSizes));
    public static string ColourScheme => Get(nameof(ColourScheme));
    public static string ContrastNone => Get(nameof(ContrastNone));
    public static string ContrastDark => Get(nameof(ContrastDark));
    public static string ContrastLight => Get(nameof(ContrastLight));
    public static string ReadingAids => Get(nameof(ReadingAids));
    public static string LargeCursor => Get(nameof(LargeCursor));
    public static string ReadingGuide => Get(nameof(ReadingGuide));
    public static string ResetPreferences => Get(nameof(ResetPreferences));
    public static string ReadAloud => Get(nameof(ReadAloud));
    public static string ReadAll => Get(nameof(ReadAll));
    public static string Pause => Get(nameof(Pause));
    public static string Resume => Get(nameof(Resume));
    public static string Stop => Get(nameof(Stop));
    public static string ClosePanel => Get(nameof(ClosePanel));
    public static string BackToArticle => Get(nameof(BackToArticle));
    public static string ErrorNicknameBanned => Get(nameof(ErrorNicknameBanned));
    public static string ErrorNicknameReserved => Get(nameof(ErrorNicknameReserved));
    public static string ErrorTooFast => Get(nameof(ErrorTooFast));
    public static string ErrorTooFastOne => Get(nameof(ErrorTooFastOne));
    public static string ErrorTooBusy => Get(nameof(ErrorTooBusy));
    public static string ErrorTooBusyOne => Get(nameof(ErrorTooBusyOne));
    public static string ErrorCrossSite => Get(nameof(ErrorCrossSite));
    public static string SpikeMode => Get(nameof(SpikeMode));
    public static string SpikeOnByConfiguration => Get(nameof(SpikeOnByConfiguration));
    public static string SpikeBanner => Get(nameof(SpikeBanner));
    public static string SignIn => Get(nameof(SignIn));
    public static string SignOut => Get(nameof(SignOut));
    public static string Register => Get(nameof(Register));
    public static string UserName => Get(nameof(UserName));
    public static string DisplayName => Get(nameof(DisplayName));
    public static string Password => Get(nameof(Password));
    public static string PasswordHint => Get(nameof(PasswordHint));
    public static string SignedInAs => Get(nameof(SignedInAs));
    public static string AccessDenied => Get(nameof(AccessDenied));
    public static string Newsroom => Get(nameof(Newsroom));
    public static string NewsroomHome => Get(nameof(NewsroomHome));
    public static string NewsroomNavigation => Get(nameof(NewsroomNavigation));
    public static string NewsroomArticles => Get(nameof(NewsroomArticles));
    public static string NewArticle => Get(nameof(NewArticle));
    public static string EditArticle => Get(nameof(EditArticle));
    public static string Curation => Get(nameof(Curation));
    public static string ModerationQueue => Get(nameof(ModerationQueue));
    public static string AuditLog => Get(nameof(AuditLog));
    public static string Users => Get(nameof(Users));
    public static string ViewSite => Get(nameof(ViewSite));
    public static string ViewOnSite => Get(nameof(ViewOnSite));
    public static string Status => Get(nameof(Status));
    public static string UpdatedAt => Get(nameof(UpdatedAt));
    public static string Save => Get(nameof(Save));
    public static string FieldTitle => Get(nameof(FieldTitle));
    public static string FieldCoverAlt => Get(nameof(FieldCoverAlt));
    public static string Channel => Get(nameof(Channel));
    public static string RegionField => Get(nameof(RegionField));
    public static string Cover => Get(nameof(Cover));
    public static string CoverUpload => Get(nameof(CoverUpload));
    public static string RemoveCover => Get(nameof(RemoveCover));
    public static string Corrections => Get(nameof(Corrections));
    public static string ErrorTooLong => Get(nameof(ErrorTooLong));
    public static string ErrorUnknownChoice => Get(nameof(ErrorUnknownChoice));
    public static string ErrorSlug => Get(nameof(ErrorSlug));
    public static string ErrorCoverAltRequired => Get(nameof(ErrorCoverAltRequired));
    public static string ErrorNoPermission => Get(nameof(ErrorNoPermission));
    public static string LiveOn => Get(nameof(LiveOn));
    public static string LiveEndedAt => Get(nameof(LiveEndedAt));
    public static string LiveNoEntries => Get(nameof(LiveNoEntries));
    public static string LiveKeyPoints => Get(nameof(LiveKeyPoints));
    public static string LiveFeedTitle => Get(nameof(LiveFeedTitle));
    public static string SpecialsPage => Get(nameof(SpecialsPage));
    public static string BreakingLabel => Get(nameof(BreakingLabel));
    public static string AlertsPage => Get(nameof(AlertsPage));
    public static string MourningNow => Get(nameof(MourningNow));
    public static string CorrectionsPage => Get(nameof(CorrectionsPage));
    public static string CorrectionFeedTitle => Get(nameof(CorrectionFeedTitle));
    public static string CorrectionNoticeLink => Get(nameof(CorrectionNoticeLink));
    public static string CorrectionNoticeDismiss => Get(nameof(CorrectionNoticeDismiss));
    public static string Filter => Get(nameof(Filter));
    public static string Pages => Get(nameof(Pages));
    public static string ChartTopViewsSummary => Get(nameof(ChartTopViewsSummary));
    public static string ChartData => Get(nameof(ChartData));
    public static string Date => Get(nameof(Date));
    public static string EditorsPicks => Get(nameof(EditorsPicks));
    public static string FromDate => Get(nameof(FromDate));
    public static string ToDate => Get(nameof(ToDate));
    public static string PostingAs => Get(nameof(PostingAs));
    public static string Follow => Get(nameof(Follow));
    public static string Followed => Get(nameof(Followed));
    public static string FollowLabel => Get(nameof(FollowLabel));
    public static string UnfollowLabel => Get(nameof(UnfollowLabel));
    public static string Followers => Get(nameof(Followers));
    public static string OriginalCount => Get(nameof(OriginalCount));
    public static string AccountField => Get(nameof(AccountField));
    public static string AccountJoined => Get(nameof(AccountJoined));
    public static string FollowingPage => Get(nameof(FollowingPage));
    public static string ApplyLink => Get(nameof(ApplyLink));
    public static string CreatorQueue => Get(nameof(CreatorQueue));
    public static string CreatorDesk => Get(nameof(CreatorDesk));
    public static string CommentPinned => Get(nameof(CommentPinned));
    public static string ReportArticle => Get(nameof(ReportArticle));
    public static string ReportsPage => Get(nameof(ReportsPage));
    public static string CreatorCommentDesk => Get(nameof(CreatorCommentDesk));
    public static string OriginalityPage => Get(nameof(OriginalityPage));
    public static string OriginalityDeclared => Get(nameof(OriginalityDeclared));
    public static string OriginalityLaterCopy => Get(nameof(OriginalityLaterCopy));
    public static string SearchSite => Get(nameof(SearchSite));
    public static string SearchButton => Get(nameof(SearchButton));
    public static string SearchPlaceholder => Get(nameof(SearchPlaceholder));
    public static string LanguageSwitch => Get(nameof(LanguageSwitch));
    public static string TitleSeparator => Get(nameof(TitleSeparator));
    public static string Colon => Get(nameof(Colon));
    public static string ListSeparator => Get(nameof(ListSeparator));
    public static string Comma => Get(nameof(Comma));
    public static string PageInTitle => Get(nameof(PageInTitle));
    public static string CommentsLink => Get(nameof(CommentsLink));
    public static string CommentsLinkOne => Get(nameof(CommentsLinkOne));
    public static string SpeechStarted => Get(nameof(SpeechStarted));
    public static string SpeechPaused => Get(nameof(SpeechPaused));
    public static string SpeechResumed => Get(nameof(SpeechResumed));
    public static string SpeechStopped => Get(nameof(SpeechStopped));
    public static string SpeechEnded => Get(nameof(SpeechEnded));
    public static string ChannelIntro => Get(nameof(ChannelIntro));
    public static string TagIntro => Get(nameof(TagIntro));
    public static string AccessibilityDescription => Get(nameof(AccessibilityDescription));
    public static string HomeDescription => Get(nameof(HomeDescription));
    public static string HomeDescriptionWithRegions => Get(nameof(HomeDescriptionWithRegions));
    public static string TitleWithQualifier => Get(nameof(TitleWithQualifier));
    public static string OpenParen => Get(nameof(OpenParen));
    public static string CloseParen => Get(nameof(CloseParen));
    public static string Semicolon => Get(nameof(Semicolon));
    public static string FeedLatestOf => Get(nameof(FeedLatestOf));
    public static string BindingValueInvalidFor => Get(nameof(BindingValueInvalidFor));
    public static string BindingValueInvalid => Get(nameof(BindingValueInvalid));
    public static string BindingUnknownValueFor => Get(nameof(BindingUnknownValueFor));
    public static string BindingUnknownValue => Get(nameof(BindingUnknownValue));
    public static string BindingNumberFor => Get(nameof(BindingNumberFor));
    public static string BindingNumber => Get(nameof(BindingNumber));
    public static string BindingRequiredFor => Get(nameof(BindingRequiredFor));
    public static string BindingRequired => Get(nameof(BindingRequired));

    private static string Get(string key) => ResourceManager.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    /// <summary>
    /// Text that is stored (an audit detail, a revision note) is written in the site's language whoever's request
    /// writes it: the log is one record, read by every editor.
    /// </summary>
    public static T InSiteLanguage<T>(Func<T> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.DefaultThreadCurrentUICulture ?? reader;
        try
        {
            return text();
        }
        finally
        {
            CultureInfo.CurrentUICulture = reader;
        }
    }
}
