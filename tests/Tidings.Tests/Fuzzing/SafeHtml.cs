using AngleSharp.Html.Parser;

namespace Tidings.Tests.Fuzzing;

/// <summary>
/// What "safe to render unescaped" means, checked the way a browser would see it: the output is parsed as HTML again
/// and every element, attribute and link is looked at (a text search would flag escaped text like "&amp;lt;script").
/// </summary>
internal static class SafeHtml
{
    private static readonly HtmlParser Parser = new();

    // The sanitizer's list (ArticleHtml) plus what a parser adds around a fragment.
    private static readonly HashSet<string> Elements = new(StringComparer.OrdinalIgnoreCase)
    {
        "html", "head", "body",
        "p", "br", "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "strong", "em", "b", "i", "u", "s",
        "sub", "sup", "a", "img", "figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td",
        "caption", "pre", "code", "hr", "span", "small", "mark", "q", "cite", "abbr", "time",
    };

    private static readonly HashSet<string> Attributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "href", "src", "alt", "title", "width", "height", "colspan", "rowspan", "datetime", "lang", "cite", "rel", "loading",
    };

    private static readonly HashSet<string> UrlAttributes = new(StringComparer.OrdinalIgnoreCase) { "href", "src", "cite" };

    // C0 controls and the space: what the URL standard trims from both ends of a URL.
    private static readonly char[] Controls = [.. Enumerable.Range(0, 0x21).Select(i => (char)i)];

    private static readonly HashSet<string> Schemes = new(StringComparer.Ordinal) { "http", "https", "mailto" };

    /// <summary>Throws (with the offending part) unless <paramref name="html"/> holds only allowed elements,
    /// attributes and link schemes: no script, iframe, style, event handler or javascript: URL.</summary>
    public static void Check(string html)
    {
        using var document = Parser.ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>");
        foreach (var element in document.All)
        {
            Assert.True(Elements.Contains(element.LocalName), $"element <{element.LocalName}> in: {html}");
            foreach (var attribute in element.Attributes)
            {
                Assert.True(Attributes.Contains(attribute.Name), $"attribute {attribute.Name} on <{element.LocalName}> in: {html}");
                if (UrlAttributes.Contains(attribute.Name))
                {
                    var scheme = Scheme(attribute.Value);
                    Assert.True(scheme is null || Schemes.Contains(scheme), $"{attribute.Name}=\"{attribute.Value}\" in: {html}");
                }
            }
        }
    }

    /// <summary>The scheme a browser would read from a URL (the URL standard trims controls and spaces at the ends
    /// and drops tabs and line breaks anywhere), or null for a relative URL.</summary>
    public static string? Scheme(string url)
    {
        var text = new string(url.Trim(Controls).Where(c => c is not ('\t' or '\n' or '\r')).ToArray());
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !char.IsAsciiLetter(text[0]))
        {
            return null;
        }

        var candidate = text[..colon];
        return candidate.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.') ? candidate.ToLowerInvariant() : null;
    }

}
