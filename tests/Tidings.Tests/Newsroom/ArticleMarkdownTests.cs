using Tidings.Core.Text;

namespace Tidings.Tests.Newsroom;

public sealed class ArticleMarkdownTests
{
    [Fact]
    public void ToSafeHtml_RendersParagraphsHeadingsAndEmphasis()
    {
        var html = ArticleMarkdown.ToSafeHtml("第一段，**重点**。\n\n## 小标题\n\n第二段。");
        Assert.Contains("<p>第一段，<strong>重点</strong>。</p>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>小标题</h2>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>正文")]
    [InlineData("<img src=x onerror=alert(1)>正文")]
    [InlineData("[点我](javascript:alert(1)) 正文")]
    [InlineData("<a href=\"javascript:alert(1)\">点我</a>正文")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>正文")]
    public void ToSafeHtml_RemovesScriptFromMarkdownAndRawHtml(string markdown)
    {
        var html = ArticleMarkdown.ToSafeHtml(markdown);
        Assert.DoesNotContain("script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("正文", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSafeHtml_TopLevelHeadingBecomesH2()
    {
        var html = ArticleMarkdown.ToSafeHtml("# 不能和标题抢位置");
        Assert.Contains("<h2>不能和标题抢位置</h2>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<h1", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSafeHtml_LinksGetNofollow()
    {
        var html = ArticleMarkdown.ToSafeHtml("见 [通报](https://example.gov.cn/a)。");
        Assert.Contains("rel=\"nofollow noopener noreferrer\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSafeHtml_OneLongReferenceUsedOften_IsShownFlat()
    {
        // Found by fuzzing: every "[r]" repeats the definition's URL, so output grew with uses × URL length.
        var markdown = "[r]: https://example.org/" + new string('a', 20_000) + "\n\n" + string.Concat(Enumerable.Repeat("[r]", 5));
        var html = ArticleMarkdown.ToSafeHtml(markdown);
        Assert.DoesNotContain("<a", html, StringComparison.Ordinal);
        Assert.True(html.Length < 2 * markdown.Length);
    }

    [Fact]
    public void ToSafeHtml_ReferenceUsedAFewTimes_StillLinks()
    {
        var html = ArticleMarkdown.ToSafeHtml("见[报告][r]，又见[报告][r]。\n\n[r]: https://example.org/report");
        Assert.Equal(2, html.Split("href=\"https://example.org/report\"").Length - 1);
    }
}
