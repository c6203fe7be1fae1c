using Tidings.Core.Text;

namespace Tidings.Tests.Text;

public sealed class MarkupDepthTests
{
    private static string Repeat(string unit, int times) => string.Concat(Enumerable.Repeat(unit, times));

    [Theory]
    [InlineData("<div>", "</div>")]
    [InlineData("<ul><li>", "</li></ul>")]
    [InlineData("<blockquote>", "</blockquote>")]
    [InlineData("<b>", "</b>")]
    [InlineData("<SPAN class=x>", "</SPAN>")]
    public void Exceeds_HtmlNestedPastTheLimit(string open, string close)
    {
        var perLevel = open.Count(c => c == '<');
        var levels = MarkupDepth.MaxDepth / perLevel;
        Assert.False(MarkupDepth.Exceeds(Repeat(open, levels) + "正文" + Repeat(close, levels)));
        Assert.True(MarkupDepth.Exceeds(Repeat(open, levels + 1) + "正文" + Repeat(close, levels + 1)));
        // Unclosed, as an attack would send it.
        Assert.True(MarkupDepth.Exceeds(Repeat(open, 60_000 / open.Length)));
    }

    [Theory]
    [InlineData("<p>段落")]
    [InlineData("<li>条目")]
    [InlineData("<br>换行")]
    [InlineData("<img src=\"/a.jpg\">")]
    [InlineData("<hr/>")]
    [InlineData("<div>块</div>")]
    [InlineData("<!-- <div> -->注释")]
    [InlineData("a < b and 1<2 ")]
    public void Exceeds_SiblingsAndVoidElements_DoNotNest(string unit) =>
        Assert.False(MarkupDepth.Exceeds(Repeat(unit, 5_000)));

    [Fact]
    public void Exceeds_MarkdownQuotesListsAndBrackets()
    {
        Assert.False(MarkupDepth.Exceeds("> > > 三层引用\n\n- 列表\n  - 子列表\n    - 孙列表\n\n1. 第一\n2. 第二\n\n[链接](https://example.com) [[注]]"));
        Assert.True(MarkupDepth.Exceeds(new string('>', 41) + " 太深的引用"));
        Assert.True(MarkupDepth.Exceeds(Repeat("> ", 128) + "x"));
        Assert.True(MarkupDepth.Exceeds(Repeat("- ", 41) + "一行里套了 41 层列表"));
        Assert.True(MarkupDepth.Exceeds(string.Concat(Enumerable.Range(0, 128).Select(i => new string(' ', i * 2) + "- 条目\n"))));
        Assert.True(MarkupDepth.Exceeds(new string('[', 5_000) + "x" + new string(']', 5_000)));
        // Unmatched brackets in different paragraphs do not add up.
        Assert.False(MarkupDepth.Exceeds(Repeat("[未配对的括号\n\n", 200)));
        Assert.False(MarkupDepth.Exceeds(Repeat(@"\[转义\[", 200)));
    }

    /// <summary>Whatever nesting gets stored (an old import), rendering it neither throws nor leaks markup.</summary>
    [Theory]
    [InlineData("> ", 128)]
    [InlineData("<div>", 20_000)]
    [InlineData("<ul><li>", 10_000)]
    [InlineData("[", 5_000)]
    [InlineData("*a _b ", 5_000)]
    public void ToSafeHtml_DeepInput_ComesBackFlatAndSafe(string unit, int times)
    {
        var body = Repeat(unit, times) + "<script>alert(1)</script>正文";
        var html = ArticleMarkdown.ToSafeHtml(body);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<div", html, StringComparison.Ordinal);
        Assert.Contains("正文", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<blockquote><blockquote>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<ul><li><ul>", html, StringComparison.Ordinal);
        var sanitized = ArticleHtml.Sanitize(body);
        Assert.DoesNotContain("<script", sanitized, StringComparison.OrdinalIgnoreCase);
    }
}
