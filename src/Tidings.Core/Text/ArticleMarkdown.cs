using Markdig;

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
    /// Safe HTML for a body. Forms refuse a body that <see cref="MarkupDepth.Exceeds"/> before they get here; a body
    /// that is stored that deep already (an old import) is shown as its escaped text, so no page ever fails or spins
    /// on it.
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
            html = Markdown.ToHtml(markdown, Pipeline);
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
