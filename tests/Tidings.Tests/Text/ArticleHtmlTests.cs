using Tidings.Core.Text;

namespace Tidings.Tests.Text;

public sealed class ArticleHtmlTests
{
    [Fact]
    public void ToSafeHtml_ScriptAndHandlers_AreRemoved()
    {
        var html = ArticleHtml.ToSafeHtml("<p onclick=\"steal()\">正文</p><script>alert(1)</script><iframe src=\"https://x\"></iframe>");
        Assert.Equal("<p>正文</p>", html);
    }

    [Fact]
    public void ToSafeHtml_JavascriptLink_LosesHref()
    {
        var html = ArticleHtml.ToSafeHtml("<p><a href=\"javascript:alert(1)\">点我</a></p>");
        Assert.DoesNotContain("javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("点我", html);
    }

    [Fact]
    public void ToSafeHtml_ExternalLink_GetsNofollowNoopener()
    {
        var html = ArticleHtml.ToSafeHtml("<p><a href=\"https://example.org/a\">链接</a></p>");
        Assert.Contains("rel=\"nofollow noopener noreferrer\"", html);
    }

    [Fact]
    public void ToSafeHtml_PlainText_BecomesEncodedParagraphs()
    {
        var html = ArticleHtml.ToSafeHtml("第一段 1 < 2\n\n第二段 & 结尾\r\n第三段");
        Assert.Equal("<p>第一段 1 &lt; 2</p>\n<p>第二段 &amp; 结尾</p>\n<p>第三段</p>", html);
    }

    [Fact]
    public void ToSafeHtml_ImageWithoutAlt_GetsEmptyAltAndLazyLoading()
    {
        var html = ArticleHtml.ToSafeHtml("<p><img src=\"https://example.org/a.jpg\"></p>");
        Assert.Contains("alt=\"\"", html);
        Assert.Contains("loading=\"lazy\"", html);
    }

    [Fact]
    public void Summarize_LongText_CutsAtSentenceEnd()
    {
        var body = ArticleHtml.FromPlainText(new string('甲', 70) + "。" + new string('乙', 100));
        Assert.Equal(new string('甲', 70) + "。", ArticleHtml.Summarize(body, 120));
    }

    [Fact]
    public void Summarize_NoSentenceEnd_AddsEllipsis()
    {
        var body = ArticleHtml.FromPlainText(new string('丙', 300));
        Assert.Equal(new string('丙', 120) + "…", ArticleHtml.Summarize(body, 120));
    }

    [Fact]
    public void Summarize_AstralCharacterAtTheCut_IsNotSplit()
    {
        // Found by fuzzing: the cut kept half of the emoji, which PostgreSQL's strict UTF-8 encoder refuses.
        var body = ArticleHtml.FromPlainText(new string('丙', 119) + "😀" + new string('丁', 100));
        Assert.Equal(new string('丙', 119) + "…", ArticleHtml.Summarize(body, 120));
    }
}
