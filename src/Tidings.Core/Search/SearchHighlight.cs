using System.Net;
using System.Text;

namespace Tidings.Core.Search;

/// <summary>
/// Turns engine output with match markers into HTML. The text is encoded first and only our own &lt;mark&gt; tags
/// are added afterwards, so nothing from an article or a query can become markup.
/// </summary>
public static class SearchHighlight
{
    /// <summary>Marker characters the engines put around matches; indexed text never contains control characters.</summary>
    public const char Open = '\u0001';
    public const char Close = '\u0002';

    public static string ToSafeHtml(string? marked)
    {
        if (string.IsNullOrEmpty(marked))
        {
            return string.Empty;
        }

        // Adjacent matches (潮声 + X5) read as one highlight, not two boxes with a gap between them.
        var text = marked.Replace(ArticleSearchText.Separator.ToString(), string.Empty, StringComparison.Ordinal)
            .Replace(string.Concat(Close, Open), string.Empty, StringComparison.Ordinal);
        var sb = new StringBuilder(text.Length + 32);
        var open = false;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != Open && text[i] != Close)
            {
                continue;
            }

            sb.Append(WebUtility.HtmlEncode(text[start..i]));
            if (i < text.Length)
            {
                if (text[i] == Open && !open)
                {
                    sb.Append("<mark>");
                    open = true;
                }
                else if (text[i] == Close && open)
                {
                    sb.Append("</mark>");
                    open = false;
                }
            }

            start = i + 1;
        }

        return open ? sb.Append("</mark>").ToString() : sb.ToString();
    }
}
