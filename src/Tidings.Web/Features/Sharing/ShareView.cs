namespace Tidings.Web.Features.Sharing;

/// <summary>What 分享至 needs: the article, its absolute canonical URL and its title.</summary>
public sealed record ShareView(int ArticleId, string Url, string Title)
{
    public string Weibo => "https://service.weibo.com/share/share.php?url=" + Uri.EscapeDataString(Url) + "&title=" + Uri.EscapeDataString(Title);

    public string Qzone => "https://sns.qzone.qq.com/cgi-bin/qzshare/cgi_qzshare_onekey?url=" + Uri.EscapeDataString(Url) + "&title=" + Uri.EscapeDataString(Title);

    public string QqFriends => "https://connect.qq.com/widget/shareqq/index.html?url=" + Uri.EscapeDataString(Url) + "&title=" + Uri.EscapeDataString(Title);

    public string QrSvg => "/article/" + ArticleId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/qr?format=svg";
}
