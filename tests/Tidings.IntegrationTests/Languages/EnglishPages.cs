using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Tidings.IntegrationTests.Languages;

/// <summary>
/// What counts as a leak on a page in English: a Chinese character outside content. Content is what people wrote
/// (given as strings, taken from the database) and anything the page marks as another language with lang="…".
/// </summary>
internal static partial class EnglishPages
{
    public static IEnumerable<string> Leaks(IDocument page, IReadOnlyList<string> content)
    {
        // Marked content: the element says it is Chinese (an article's title and body, the language switch's 中文).
        foreach (var marked in page.QuerySelectorAll("[lang]:not(html)").Where(e => e.GetAttribute("lang") != "en").ToList())
        {
            marked.Remove();
        }

        // What the reader typed, echoed back (the search words), is the reader's, in whatever language they wrote; so
        // is what an editor is editing (fields hold content; a button's value is the interface and stays).
        foreach (var script in page.QuerySelectorAll("script, style, template, bdi.reader-input, textarea, input:not([type=submit]):not([type=button])").ToList())
        {
            script.Remove();
        }

        var texts = new List<string> { page.Title ?? string.Empty };
        texts.AddRange(page.Body!.Descendants<IText>().Select(t => t.Data));
        foreach (var element in page.All)
        {
            foreach (var name in new[] { "title", "aria-label", "placeholder", "alt", "value", "data-new-text" })
            {
                if (element.GetAttribute(name) is { } value)
                {
                    texts.Add(value);
                }
            }

            if (element.LocalName == "meta" && element.GetAttribute("name") is "description" or "twitter:title" or "twitter:description")
            {
                texts.Add(element.GetAttribute("content") ?? string.Empty);
            }
        }

        foreach (var text in texts)
        {
            var rest = text;
            foreach (var known in content)
            {
                rest = rest.Replace(known, " ", StringComparison.Ordinal);
            }

            if (Cjk().IsMatch(rest))
            {
                yield return rest.Trim();
            }
        }
    }

    [GeneratedRegex(@"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")]
    private static partial Regex Cjk();
}
