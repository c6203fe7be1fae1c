using System.Text;
using Tidings.Core.Text;

namespace Tidings.Core.Search;

public sealed class SearchTextBuilder(ChineseSegmenter segmenter)
{
    public ChineseSegmenter Segmenter => segmenter;

    public ArticleSearchText Build(string title, string summary, string bodyHtml, string sourceName, IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(bodyHtml);
        ArgumentNullException.ThrowIfNull(tags);
        var extra = new HashSet<string>(StringComparer.Ordinal);
        var titleText = Segment(title, extra);
        var bodyText = Segment(summary + " " + ArticleHtml.ToPlainText(bodyHtml), extra);
        foreach (var name in tags.Prepend(sourceName))
        {
            foreach (var word in segmenter.Words(name))
            {
                extra.Add(word);
            }
        }

        return new ArticleSearchText { Title = titleText, Body = bodyText, Extra = string.Join(' ', extra) };
    }

    /// <summary>Joins pre-segmented words (text whose word boundaries are already known, e.g. generated text).</summary>
    public static string Join(IEnumerable<string> words) => string.Join(ArticleSearchText.Separator, words);

    private string Segment(string text, HashSet<string> extra)
    {
        var sb = new StringBuilder(text.Length + (text.Length / 2));
        foreach (var segment in segmenter.Cut(text))
        {
            if (sb.Length > 0)
            {
                sb.Append(ArticleSearchText.Separator);
            }

            sb.Append(segment);
            foreach (var sub in segmenter.SubWords(segment))
            {
                extra.Add(sub);
            }
        }

        return sb.ToString();
    }
}
