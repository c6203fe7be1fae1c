namespace Tidings.Web.Shared;

/// <summary>
/// Every reader-facing string in one place, so the English UI can replace this class with resources without hunting
/// through views.
/// </summary>
internal static class Ui
{
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
}
