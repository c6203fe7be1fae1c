using System.Globalization;
using System.Resources;

namespace Tidings.Web.Features.Comments;

/// <summary>
/// 跟贴 and moderation's own strings, in the reader's language: CommentsText.resx holds the Chinese (the neutral resource), CommentsText.en.resx
/// the English. Strings several features share live in <see cref="Shared.Ui"/>; the resource tests check both files
/// and this class agree.
/// </summary>
public static class CommentsText
{
    public static ResourceManager ResourceManager { get; } = new("Tidings.Web.Features.Comments.CommentsText", typeof(CommentsText).Assembly);

    public static string CommentsTitle => Get(nameof(CommentsTitle));
    public static string CommentsCount => Get(nameof(CommentsCount));
    public static string CommentsCountOne => Get(nameof(CommentsCountOne));
    public static string HotComments => Get(nameof(HotComments));
    public static string LatestComments => Get(nameof(LatestComments));
    public static string NoComments => Get(nameof(NoComments));
    public static string LoadMore => Get(nameof(LoadMore));
    public static string WriteComment => Get(nameof(WriteComment));
    public static string Nickname => Get(nameof(Nickname));
    public static string NicknameOptional => Get(nameof(NicknameOptional));
    public static string CommentBody => Get(nameof(CommentBody));
    public static string CommentHint => Get(nameof(CommentHint));
    public static string CommentHintOne => Get(nameof(CommentHintOne));
    public static string Submit => Get(nameof(Submit));
    public static string Reply => Get(nameof(Reply));
    public static string ReplyingTo => Get(nameof(ReplyingTo));
    public static string CancelReply => Get(nameof(CancelReply));
    public static string Up => Get(nameof(Up));
    public static string Down => Get(nameof(Down));
    public static string Report => Get(nameof(Report));
    public static string ReportReason => Get(nameof(ReportReason));
    public static string ReportSent => Get(nameof(ReportSent));
    public static string VoteSent => Get(nameof(VoteSent));
    public static string Floor => Get(nameof(Floor));
    public static string ShowFloors => Get(nameof(ShowFloors));
    public static string ShowFloorsOne => Get(nameof(ShowFloorsOne));
    public static string QuotedFloors => Get(nameof(QuotedFloors));
    public static string QuotedFloorsOne => Get(nameof(QuotedFloorsOne));
    public static string ViewFloors => Get(nameof(ViewFloors));
    public static string ViewFloorsOne => Get(nameof(ViewFloorsOne));
    public static string FloorsOmitted => Get(nameof(FloorsOmitted));
    public static string CommentOf => Get(nameof(CommentOf));
    public static string SortLatest => Get(nameof(SortLatest));
    public static string SortHot => Get(nameof(SortHot));
    public static string CommentSorts => Get(nameof(CommentSorts));
    public static string DeletedFloor => Get(nameof(DeletedFloor));
    public static string RegionLabel => Get(nameof(RegionLabel));
    public static string Posted => Get(nameof(Posted));
    public static string PostedPending => Get(nameof(PostedPending));
    public static string CommentsClosed => Get(nameof(CommentsClosed));
    public static string CommentsOf => Get(nameof(CommentsOf));
    public static string ErrorBodyEmpty => Get(nameof(ErrorBodyEmpty));
    public static string ErrorBodyShort => Get(nameof(ErrorBodyShort));
    public static string ErrorBodyShortOne => Get(nameof(ErrorBodyShortOne));
    public static string ErrorBodyLong => Get(nameof(ErrorBodyLong));
    public static string ErrorNicknameRequired => Get(nameof(ErrorNicknameRequired));
    public static string ErrorNicknameLong => Get(nameof(ErrorNicknameLong));
    public static string ErrorNicknameLongOne => Get(nameof(ErrorNicknameLongOne));
    public static string ErrorBanned => Get(nameof(ErrorBanned));
    public static string ErrorDuplicate => Get(nameof(ErrorDuplicate));
    public static string ErrorReplyMissing => Get(nameof(ErrorReplyMissing));
    public static string ErrorPosterBanned => Get(nameof(ErrorPosterBanned));
    public static string ErrorAlreadyVoted => Get(nameof(ErrorAlreadyVoted));
    public static string ErrorAlreadyReported => Get(nameof(ErrorAlreadyReported));
    public static string SpikeCommentsClosed => Get(nameof(SpikeCommentsClosed));
    public static string SpikeCommentsHeld => Get(nameof(SpikeCommentsHeld));
    public static string ErrorCommentMissing => Get(nameof(ErrorCommentMissing));
    public static string ErrorReasonLong => Get(nameof(ErrorReasonLong));
    public static string ErrorReasonLongOne => Get(nameof(ErrorReasonLongOne));
    public static string SignInToComment => Get(nameof(SignInToComment));
    public static string NetworkError => Get(nameof(NetworkError));
    public static string LoadFailed => Get(nameof(LoadFailed));
    public static string ErrorNoComment => Get(nameof(ErrorNoComment));
    public static string ErrorCommentNoAddress => Get(nameof(ErrorCommentNoAddress));
    public static string ErrorCommentChangedMeanwhile => Get(nameof(ErrorCommentChangedMeanwhile));
    public static string NoteReportsReached => Get(nameof(NoteReportsReached));
    public static string NoteReportsReachedOne => Get(nameof(NoteReportsReachedOne));

    private static string Get(string key) => ResourceManager.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
