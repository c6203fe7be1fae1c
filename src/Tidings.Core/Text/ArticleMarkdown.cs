using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Tidings.Core.Text;

/// <summary>
/// The newsroom's editor format. Writers type Markdown; raw HTML is allowed (imported articles are edited as their
/// HTML) but everything goes through the same sanitizer as imports, so a script or an event handler never survives.
/// </summary>
public static class ArticleMarkdown
{
    // Pipe tables, footnote-free: what a news desk writes. Headings start at h2 because the page's h1 is the title.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    /// <summary>
    /// How many characters of link addresses and titles the links of a body may hold beyond the body's own length.
    /// A reference link ("[r]" after "[r]: URL") repeats its definition's URL at every use, so 25,000 uses of one
    /// 100 KB address (a 200 KB body) would render 2.5 GB; real articles reuse a few links a few times.
    /// </summary>
    public const int RepeatedLinkAllowance = 16_384;

    /// <summary>
    /// Safe HTML for a body. Forms refuse a body that <see cref="MarkupDepth.Exceeds"/> before they get here; a body
    /// that is stored that deep already (an old import), or whose links repeat more than
    /// <see cref="RepeatedLinkAllowance"/> allows, is shown as its escaped text, so no page ever fails or spins on it.
    /// </summary>
    public static string ToSafeHtml(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        if (MarkupDepth.Exceeds(markdown))
        {
            return ArticleHtml.FromPlainText(markdown);
        }

        string html;
        try
        {
            var document = Markdown.Parse(markdown, Pipeline);
            var linkText = document.Descendants<LinkInline>().Sum(l => (long)(l.Url?.Length ?? 0) + (l.Title?.Length ?? 0));
            if (linkText > markdown.Length + RepeatedLinkAllowance)
            {
                return ArticleHtml.FromPlainText(markdown);
            }

            html = Markdown.ToHtml(document, Pipeline);
        }
        catch (ArgumentException)
        {
            // Markdig's own depth limit, for any nesting our measure did not foresee.
            return ArticleHtml.FromPlainText(markdown);
        }

        return ArticleHtml.Sanitize(DemoteTitles(html));
    }

    // A "# heading" in the body would compete with the article's own h1 and break the outline screen readers use.
    private static string DemoteTitles(string html) =>
        html.Replace("<h1>", "<h2>", StringComparison.Ordinal).Replace("<h1 ", "<h2 ", StringComparison.Ordinal)
            .Replace("</h1>", "</h2>", StringComparison.Ordinal);
}
