namespace Tidings.Web.Shared;

/// <summary>
/// Every reader-facing string in one place, so the English UI can replace this class with resources without hunting
/// through views.
/// </summary>
internal static class Ui
{
    /// <summary>Fills one of the format strings below (invariant digits: Chinese text uses Arabic numerals as is).</summary>
    public static string Format(string format, params object?[] args) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);

    public const string Home = "首页";
    public const string Body = "正文";
    public const string Breadcrumb = "当前位置";
    public const string MainNavigation = "频道导航";
    public const string SkipToContent = "跳到正文";
    public const string Headlines = "头条要闻";
    public const string Related = "相关推荐";
    public const string Trending = "热点推荐";
    public const string HotPage = "热点排行";
    public const string HotIntro = "按读者的阅读、读完与分享计算，越新的信号分量越重。";
    public const string HotEmpty = "这个时段还没有足够的阅读数据。";
    public const string WholeSite = "全站";
    public const string WindowHour = "1小时";
    public const string WindowDay = "24小时";
    public const string WindowWeek = "7天";
    public const string HotWindows = "时间范围";
    public const string HotScopes = "排行范围";
    public const string Original = "态度原创";
    public const string ShareTo = "分享至";
    public const string ShareWeibo = "新浪微博";
    public const string ShareQzone = "QQ空间";
    public const string ShareQq = "QQ好友";
    public const string ShareWeChat = "微信";
    public const string ShareWeChatHelp = "打开微信“扫一扫”扫描二维码，在微信里打开本文后，可分享给朋友或朋友圈。";
    public const string ShareQrAlt = "本文链接的二维码";
    public const string ShareCopy = "复制链接";
    public const string ShareLink = "本文链接";
    public const string ShareMore = "更多分享方式";
    public const string OpensInNewWindow = "（在新窗口打开）";
    public const string Editor = "责任编辑";
    public const string Author = "作者";
    public const string Source = "来源";
    public const string Comments = "跟贴";
    public const string Tags = "标签";
    public const string Regions = "地方站";
    public const string MoreChannels = "更多频道";
    public const string More = "更多";
    public const string Latest = "最新";
    public const string PreviousPage = "上一页";
    public const string NextPage = "下一页";
    public const string Page = "第 {0} 页";
    public const string PageOf = "第 {0} / {1} 页";
    public const string EmptyList = "这里还没有文章。";
    public const string SelfMedia = "自媒体";
    public const string Media = "媒体";
    public const string Unassigned = "未分类";
    public const string NotFoundTitle = "页面不存在";
    public const string NotFoundText = "您访问的页面不存在，可能已被删除或链接有误。";
    public const string ErrorTitle = "出错了";
    public const string ErrorText = "服务器暂时无法处理您的请求，请稍后再试。";
    public const string BackHome = "返回首页";
    public const string DemoNotice = "本站为 Tidings 开源新闻门户的演示站点，所有人物、机构与事件均为虚构。";
    public const string PoweredBy = "由 Tidings 驱动";
    public const string CoverOf = "配图";
    public const string EnterCare = "进入关怀版";
    public const string ExitCare = "退出关怀版";
    public const string ReadingModes = "阅读模式";
    public const string AccessibilityStatement = "无障碍声明";
    public const string A11yToolbar = "无障碍浏览";
    public const string TextSize = "文字大小";
    public const string TextSizes = "标准|大|较大|特大";
    public const string ColourScheme = "配色";
    public const string ContrastNone = "默认";
    public const string ContrastDark = "黑底黄字";
    public const string ContrastLight = "白底黑字";
    public const string ReadingAids = "阅读辅助";
    public const string LargeCursor = "大鼠标";
    public const string ReadingGuide = "阅读辅助线";
    public const string ResetPreferences = "全部重置";
    public const string ReadAloud = "朗读";
    public const string ReadAll = "连读";
    public const string Pause = "暂停";
    public const string Resume = "继续";
    public const string Stop = "停止";
    public const string ClosePanel = "关闭";

    // 跟贴
    public const string CommentsTitle = "跟贴";
    public const string CommentsCount = "{0} 条跟贴";
    public const string HotComments = "热门跟贴";
    public const string LatestComments = "最新跟贴";
    public const string NoComments = "还没有跟贴，来说两句吧。";
    public const string AllComments = "查看全部跟贴";
    public const string LoadMore = "加载更多";
    public const string WriteComment = "发表跟贴";
    public const string Nickname = "昵称";
    public const string NicknameOptional = "昵称（可不填）";
    public const string CommentBody = "跟贴内容";
    public const string CommentHint = "文明上网，理性发言。最多 {0} 字。";
    public const string Submit = "发表";
    public const string Reply = "回复";
    public const string ReplyingTo = "回复 {0} 的跟贴";
    public const string CancelReply = "取消回复";
    public const string Up = "顶";
    public const string Down = "踩";
    public const string Report = "举报";
    public const string ReportReason = "举报理由（可不填）";
    public const string ReportSent = "已收到举报，谢谢。";
    public const string VoteSent = "投票成功。";
    public const string Floor = "{0}楼";
    public const string ShowFloors = "展开中间 {0} 层";
    public const string QuotedFloors = "引用的 {0} 层跟贴";
    public const string ViewFloors = "查看中间 {0} 层";
    public const string FloorsOmitted = "第 2–{0} 层已省略";
    public const string CommentOf = "{0} 在《{1}》的跟贴";
    public const string SortLatest = "最新";
    public const string SortHot = "最热";
    public const string CommentSorts = "跟贴排序";
    public const string DeletedFloor = "该楼层已被删除";
    public const string RegionLabel = "IP属地：{0}";
    public const string Posted = "跟贴已发表。";
    public const string PostedPending = "跟贴已提交，审核通过后显示。";
    public const string CommentsClosed = "本站暂未开放跟贴。";
    public const string CommentsOf = "《{0}》的跟贴";
    public const string BackToArticle = "返回正文";

    // 跟贴: validation and refusals
    public const string ErrorBodyEmpty = "请填写跟贴内容。";
    public const string ErrorBodyShort = "跟贴至少 {0} 个字。";
    public const string ErrorBodyLong = "跟贴最多 {0} 字，现在是 {1} 字，请删减后再发。";
    public const string ErrorNicknameRequired = "请填写昵称。";
    public const string ErrorNicknameLong = "昵称最多 {0} 个字。";
    public const string ErrorBanned = "跟贴含有不允许发表的内容（“{0}”），请修改后再发。";
    public const string ErrorNicknameBanned = "昵称含有不允许使用的内容（“{0}”）。";
    public const string ErrorDuplicate = "请勿重复发表相同的跟贴。";
    public const string ErrorReplyMissing = "要回复的跟贴不存在或已被删除。";
    public const string ErrorPosterBanned = "你已被禁止发表跟贴。如有疑问，请联系本站。";
    public const string ErrorTooFast = "发得太快了，请 {0} 秒后再试。";
    public const string ErrorAlreadyVoted = "你已经投过票了。";
    public const string ErrorAlreadyReported = "你已经举报过这条跟贴。";
    public const string ErrorCommentMissing = "这条跟贴不存在或已被删除。";
    public const string ErrorReasonLong = "举报理由最多 {0} 字。";
}
