using CsCheck;
using Tidings.Core.Text;

namespace Tidings.Tests.Fuzzing;

/// <summary>Markdown and HTML bodies from writers and imports: whatever comes in, what goes out is safe and bounded.</summary>
public sealed class MarkupFuzzTests
{
    // Tags, attributes and URLs that have carried script past sanitizers, and the structure around them.
    private static readonly Gen<string> HtmlPiece = Gen.OneOf(
        "<script>", "</script>", "<SCRIPT SRC=//x.example/a.js>", "<scr<script>ipt>", "<script/xss>",
        "<iframe src=\"javascript:alert(1)\">", "</iframe>", "<img src=x onerror=alert(1)>",
        "<img src=\"jav&#x09;ascript:alert(1)\">", "<img src=\"https://example.org/a.jpg\">", "<a href=\"javascript:alert(1)\">",
        "<a href=\" javascript:alert(1)\">", "<a href=\"JaVaScRiPt:alert(1)\">", "<a href=\"java\nscript:alert(1)\">",
        "<a href=javascript&colon;alert(1)>", "<a href=\"&#106;avascript:alert(1)\">", "<a href=\"vbscript:x\">",
        "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">", "<a href=\"https://example.org/\">", "<a href=\"/article/1\">",
        "</a>", "<p style=\"color:red\">", "<div onclick=\"x()\">", "<p ONMOUSEOVER=x>", "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>", "<math><mi xlink:href=\"javascript:alert(1)\">", "<style>p{}</style>",
        "<object data=x>", "<embed src=x>", "<form action=javascript:x><input type=submit>", "<base href=javascript:/>",
        "<meta http-equiv=refresh content=\"0;url=javascript:x\">", "<link rel=stylesheet href=x>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", "<template><script>x</script></template>",
        "<textarea>", "<title>", "<xmp>", "<plaintext>", "<table><tr><td>", "</td></tr></table>", "<ul><li>", "</li></ul>",
        "<blockquote>", "</blockquote>", "<h1>", "</h1>", "<p>", "</p>", "<br/>", "<!--", "-->", "<![CDATA[", "]]>",
        "<!DOCTYPE html>", "<?xml version=\"1.0\"?>", "<", ">", "</", "/>", "\"", "'", "=", "&", "&amp;", "&#0;",
        "&#xD800;", "&lt;", " onerror=", " style=", "javascript:", "\n", "\n\n", "\t");

    private static readonly Gen<string> MarkdownPiece = Gen.OneOf(
        "# ", "## ", "> ", "- ", "* ", "+ ", "1. ", "1) ", "    ", "```", "~~~", "`", "**", "__", "~~", "[", "]", "(", ")",
        "![", "[x](javascript:alert(1))", "[x](JAVASCRIPT:alert(1) \"t\")", "![x](javascript:alert(1))",
        "[x](<javascript:alert(1)>)", "<javascript:alert(1)>", "<http://example.org>", "www.example.org",
        "http://example.org/<script>", "[r]: javascript:alert(1)\n", "[r]: https://example.org/\n", "[r]", "[r][]",
        "|a|b|\n|-|-|\n", "| ", "\\", "<div>\n", "***\n", "---\n", "===\n", "\n", "\n\n", "\r\n");

    private static readonly Gen<string> Markup = Hostile.Join(
        Gen.Frequency((10, Hostile.Piece), (6, HtmlPiece), (6, MarkdownPiece)), 120);

    private static readonly (string Open, string Close)[] Nestings =
    [
        ("<div>", "</div>"), ("<b>", "</b>"), ("<blockquote>", "</blockquote>"), ("<table><tr><td>", "</td></tr></table>"),
        ("<ul><li>", "</li></ul>"), ("<a href=\"https://example.org/\">", "</a>"), ("<svg>", "</svg>"), ("> ", ""), ("- ", ""),
        ("1. ", ""), ("[", "](https://example.org/)"), ("*", "*"), ("  ", ""), ("<p>", ""), ("<li>", ""),
    ];

    /// <summary>One kind of container nested up to 300 deep around a little hostile text, sometimes unclosed.</summary>
    private static readonly Gen<string> Nested = Gen.Select(
        Gen.Int[0, Nestings.Length - 1], Gen.Int[0, 300], Hostile.Text(8), Gen.Bool,
        (kind, depth, inner, close) =>
        {
            var (open, end) = Nestings[kind];
            return string.Concat(Enumerable.Repeat(open, depth)) + inner + (close ? string.Concat(Enumerable.Repeat(end, depth)) : string.Empty);
        });

    /// <summary>One link reference definition with a long URL, used many times: each short use repeats the URL.</summary>
    private static readonly Gen<string> References = Gen.Select(Gen.Int[1, 3000], Gen.Int[1, 600], Gen.OneOf("[r]", "[r][]", "[x][r]", "![r]"))
        .Select((urlLength, uses, use) => "[r]: https://example.org/" + new string('a', urlLength) + "\n\n" + string.Concat(Enumerable.Repeat(use, uses)));

    [Fact]
    public void ArticleHtmlToSafeHtml_HostileMarkup_IsSafe()
    {
        Gen.OneOf(Markup, Nested).Sample(body => SafeHtml.Check(ArticleHtml.ToSafeHtml(body)), iter: 1500);
    }

    [Fact]
    public void ArticleMarkdownToSafeHtml_HostileMarkup_IsSafe()
    {
        Gen.OneOf(Markup, Nested).Sample(body => SafeHtml.Check(ArticleMarkdown.ToSafeHtml(body)), iter: 1500);
    }

    [Fact]
    public void ArticleMarkdownToSafeHtml_HostileMarkup_StaysWithinBound()
    {
        // An autolink is the largest ordinary expansion: "www.a.b" becomes a link with its rel attribute.
        Gen.OneOf(Markup, Nested).Sample(
            body =>
            {
                var html = ArticleMarkdown.ToSafeHtml(body);
                Assert.True(html.Length <= (16 * body.Length) + 256, $"{body.Length} chars became {html.Length}");
            },
            iter: 1000);
    }

    [Fact]
    public void ArticleMarkdownToSafeHtml_OneReferenceUsedOften_StaysLinear()
    {
        // Each use repeats the definition's URL; within the allowance the links render, past it the text is flat.
        References.Sample(
            body =>
            {
                var html = ArticleMarkdown.ToSafeHtml(body);
                Assert.True(html.Length <= 24L * (body.Length + ArticleMarkdown.RepeatedLinkAllowance), $"{body.Length} chars became {html.Length}");
            },
            iter: 300);
    }

    [Fact]
    public void ArticleHtmlFromPlainText_AnyText_IsOnlyParagraphsOfThatText()
    {
        Hostile.Text(200).Sample(
            text =>
            {
                var html = ArticleHtml.FromPlainText(text);
                SafeHtml.Check(html);
                Assert.DoesNotContain("<", html.Replace("<p>", "", StringComparison.Ordinal).Replace("</p>", "", StringComparison.Ordinal), StringComparison.Ordinal);
            },
            iter: 2000);
    }

    [Fact]
    public void ArticleHtmlSummarize_AnyBody_IsAtMostMaxLengthPlusEllipsis()
    {
        Gen.Select(Gen.OneOf(Markup, Hostile.Text(300)), Gen.Int[1, 200]).Sample(
            (body, max) =>
            {
                var summary = ArticleHtml.Summarize(ArticleHtml.ToSafeHtml(body), max);
                Assert.True(summary.Length <= max + 1, $"{summary.Length} > {max} + 1");
            },
            iter: 1000);
    }

    [Fact]
    public void MarkupDepthExceeds_AnyText_NeverThrowsAndIsMonotoneInTheLimit()
    {
        Gen.Select(Gen.OneOf(Markup, Nested), Gen.Int[1, 120]).Sample(
            (text, limit) =>
            {
                if (MarkupDepth.Exceeds(text, limit))
                {
                    Assert.True(MarkupDepth.Exceeds(text, limit - 1));
                }
            },
            iter: 2000);
    }

    [Fact]
    public void MarkupDepthExceeds_NestedElements_CountsEachLevel()
    {
        Gen.Select(Gen.OneOf("div", "b", "section", "blockquote", "span", "my-element"), Gen.Int[0, 150], Gen.Int[1, 120]).Sample(
            (tag, depth, limit) =>
            {
                var html = string.Concat(Enumerable.Repeat($"<{tag} class=\"x\">", depth)) + "正文" + string.Concat(Enumerable.Repeat($"</{tag}>", depth));
                Assert.Equal(depth > limit, MarkupDepth.Exceeds(html, limit));
            },
            iter: 1000);
    }
}
