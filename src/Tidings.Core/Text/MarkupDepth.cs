namespace Tidings.Core.Text;

/// <summary>
/// How deeply a body written in Markdown or HTML nests, measured in one linear pass before any parser sees it.
/// HTML parsers and the sanitizer walk the stack of open elements for every tag, so 60,000 nested tags inside the
/// 200 KB limit cost a minute of CPU; Markdig throws beyond 128 nested blocks. Real articles nest a handful of levels
/// (a quote in a list in a table cell), so anything past <see cref="MaxDepth"/> is refused with a message to the
/// writer, or shown flat where nobody can be asked (an imported body on its editor page).
/// </summary>
public static class MarkupDepth
{
    /// <summary>The deepest nesting a body may have: HTML elements, Markdown quotes and lists, or link brackets.</summary>
    public const int MaxDepth = 40;

    private static readonly HashSet<string> VoidElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    };

    // Elements whose end tag may be left out: a new one closes the open one (<li>a<li>b is a list, not a nest).
    private static readonly HashSet<string> ImpliedEnd = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "thead", "tbody", "tfoot", "rb", "rt", "rp",
    };

    /// <summary>
    /// The bound on HTML that came out of Markdown (a list level is two elements, a quote adds a paragraph): what a
    /// body within <see cref="MaxDepth"/> can become, and still cheap to sanitize.
    /// </summary>
    public const int MaxRenderedDepth = 2 * MaxDepth + 8;

    private static readonly HashSet<string> Phrasing = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "abbr", "b", "cite", "code", "em", "font", "i", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "time", "u",
    };

    /// <summary>Whether <paramref name="text"/> nests deeper than <paramref name="limit"/> in any of the ways above.</summary>
    public static bool Exceeds(string text, int limit = MaxDepth)
    {
        ArgumentNullException.ThrowIfNull(text);
        return HtmlDepthExceeds(text, limit) || MarkdownDepthExceeds(text, limit);
    }

    /// <summary>
    /// Open elements by a simplified HTML model: void and self-closed elements do not nest, an end tag closes back to
    /// its element, and elements with implied ends close their own kind. The stack never grows past the limit, so each
    /// tag costs at most <paramref name="limit"/> steps.
    /// </summary>
    private static bool HtmlDepthExceeds(string text, int limit)
    {
        var open = new List<string>(limit + 1);
        var i = 0;
        while ((i = text.IndexOf('<', i)) >= 0)
        {
            if (string.CompareOrdinal(text, i, "<!--", 0, 4) == 0)
            {
                var end = text.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 3;
                continue;
            }

            var closing = i + 1 < text.Length && text[i + 1] == '/';
            var start = i + (closing ? 2 : 1);
            var nameEnd = start;
            while (nameEnd < text.Length && (char.IsAsciiLetterOrDigit(text[nameEnd]) || text[nameEnd] == '-'))
            {
                nameEnd++;
            }

            if (nameEnd == start || !char.IsAsciiLetter(text[start]))
            {
                i++;
                continue;
            }

            var name = text[start..nameEnd];
            var tagEnd = text.IndexOf('>', nameEnd);
            var selfClosed = tagEnd > 0 && text[tagEnd - 1] == '/';
            i = tagEnd < 0 ? text.Length : tagEnd + 1;
            if (closing)
            {
                var at = open.FindLastIndex(o => string.Equals(o, name, StringComparison.OrdinalIgnoreCase));
                if (at >= 0)
                {
                    open.RemoveRange(at, open.Count - at);
                }

                continue;
            }

            if (selfClosed || VoidElements.Contains(name))
            {
                continue;
            }

            if (ImpliedEnd.Contains(name))
            {
                // Only an open one of its kind that is not inside another block (a new list, a new table) ends.
                var at = open.Count - 1;
                while (at >= 0 && Phrasing.Contains(open[at]) && !string.Equals(open[at], name, StringComparison.OrdinalIgnoreCase))
                {
                    at--;
                }

                if (at >= 0 && string.Equals(open[at], name, StringComparison.OrdinalIgnoreCase))
                {
                    open.RemoveRange(at, open.Count - at);
                }
            }

            open.Add(name);
            if (open.Count > limit)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Markdown containers per line (each '&gt;' of a quote, each list marker, every two columns of indentation) and
    /// link brackets open at once. An overestimate on purpose: it only has to be generous to real writing.
    /// </summary>
    private static bool MarkdownDepthExceeds(string text, int limit)
    {
        var brackets = 0;
        var lineStart = true;
        var lineHasText = false;
        var depth = 0;
        var columns = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                // Links do not cross paragraphs: a blank line forgets unmatched brackets.
                if (!lineHasText)
                {
                    brackets = 0;
                }

                lineStart = true;
                lineHasText = false;
                depth = 0;
                columns = 0;
                continue;
            }

            lineHasText |= !char.IsWhiteSpace(c);

            if (lineStart)
            {
                switch (c)
                {
                    case ' ':
                        columns++;
                        break;
                    case '\t':
                        columns += 4;
                        break;
                    case '>':
                        depth++;
                        break;
                    case '-' or '*' or '+' when i + 1 < text.Length && text[i + 1] is ' ' or '\t':
                        depth++;
                        break;
                    case >= '0' and <= '9':
                        var j = i;
                        while (j < text.Length && char.IsAsciiDigit(text[j]) && j - i < 9)
                        {
                            j++;
                        }

                        if (j + 1 < text.Length && text[j] is '.' or ')' && text[j + 1] is ' ' or '\t')
                        {
                            depth++;
                            i = j;
                        }
                        else
                        {
                            lineStart = false;
                        }

                        break;
                    default:
                        lineStart = false;
                        break;
                }

                if (depth + (columns / 2) > limit)
                {
                    return true;
                }
            }

            if (c == '\\')
            {
                i++;
            }
            else if (c == '[')
            {
                if (++brackets > limit)
                {
                    return true;
                }
            }
            else if (c == ']' && brackets > 0)
            {
                brackets--;
            }
        }

        return false;
    }
}
