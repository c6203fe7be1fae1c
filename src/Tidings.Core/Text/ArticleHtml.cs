using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace Tidings.Core.Text;

/// <summary>Turns whatever an importer or writer hands us into HTML that is safe to render unescaped.</summary>
public static partial class ArticleHtml
{
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();
    private static readonly HtmlParser Parser = new();

    /// <summary>Accepts HTML or plain text; plain text becomes paragraphs (a blank line or a line break starts one).</summary>
    public static string ToSafeHtml(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return LooksLikeHtml(body) ? Sanitize(body) : FromPlainText(body);
    }

    /// <summary>
    /// Sanitized HTML. The sanitizer's cost grows with the square of the nesting, so HTML nested past
    /// <see cref="MarkupDepth.MaxRenderedDepth"/> (which no form or import lets through) comes back as its escaped text.
    /// </summary>
    public static string Sanitize(string html) =>
        MarkupDepth.Exceeds(html, MarkupDepth.MaxRenderedDepth) ? FromPlainText(html) : Sanitizer.Sanitize(html).Trim();

    public static string FromPlainText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length + 64);
        foreach (var line in text.Split('\n'))
        {
            var paragraph = line.Trim().TrimEnd('\r');
            if (paragraph.Length == 0)
            {
                continue;
            }

            sb.Append("<p>").Append(WebUtility.HtmlEncode(paragraph)).Append("</p>\n");
        }

        return sb.ToString().TrimEnd();
    }

    public static string FromParagraphs(IEnumerable<string> paragraphs) => FromPlainText(string.Join('\n', paragraphs));

    /// <summary>The text a reader sees, whitespace collapsed; used for summaries and descriptions.</summary>
    public static string ToPlainText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        using var doc = Parser.ParseDocument("<body>" + html + "</body>");
        var text = doc.Body?.TextContent ?? string.Empty;
        return Whitespace().Replace(text, " ").Trim();
    }

    /// <summary>A summary from the body when none was given: the first sentences up to <paramref name="maxLength"/>.</summary>
    public static string Summarize(string html, int maxLength = 120)
    {
        var text = ToPlainText(html);
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = UnicodeText.Prefix(text, maxLength);
        var sentenceEnd = cut.LastIndexOfAny(['。', '！', '？', '.', '!', '?']);
        return sentenceEnd >= maxLength / 2 ? cut[..(sentenceEnd + 1)] : cut.TrimEnd() + "…";
    }

    public static bool LooksLikeHtml(string body) => HtmlTag().IsMatch(body);

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "strong", "em", "b", "i", "u", "s",
                "sub", "sup", "a", "img", "figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td",
                "caption", "pre", "code", "hr", "span", "small", "mark", "q", "cite", "abbr", "time",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "href", "src", "alt", "title", "width", "height", "colspan", "rowspan", "datetime", "lang", "cite",
            },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src", "cite" },
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        };
        var sanitizer = new HtmlSanitizer(options);
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link)
            {
                // Imported links point anywhere; they must not pass ranking or the opener to third parties.
                link.SetAttribute("rel", "nofollow noopener noreferrer");
            }
            else if (e.Node is AngleSharp.Dom.IElement { LocalName: "img" } img)
            {
                img.SetAttribute("loading", "lazy");
                if (!img.HasAttribute("alt"))
                {
                    img.SetAttribute("alt", string.Empty);
                }
            }
        };
        sanitizer.AllowedAttributes.Add("rel");
        sanitizer.AllowedAttributes.Add("loading");
        return sanitizer;
    }

    [GeneratedRegex(@"<\s*/?\s*(p|div|br|h[1-6]|ul|ol|li|blockquote|strong|em|b|i|a|img|span|table|figure|section|article|script|style|iframe)\b", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
