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
        var titleSegments = new List<string>();
        var bodySegments = new List<string>();
        var titleText = Segment(title, extra, titleSegments);
        var plainBody = ArticleHtml.ToPlainText(bodyHtml);
        // Summary and body are segmented apart so the fingerprint covers the body alone: for imports the summary is
        // cut from the body, and counting the opening twice made small edits look bigger.
        var bodyText = Segment(summary, extra, []) + ArticleSearchText.Separator + " " + ArticleSearchText.Separator + Segment(plainBody, extra, bodySegments);
        foreach (var name in tags.Prepend(sourceName))
        {
            foreach (var word in segmenter.Words(name))
            {
                extra.Add(word);
            }
        }

        var text = new ArticleSearchText
        {
            Title = titleText,
            Body = bodyText,
            Extra = string.Join(' ', extra),
        };
        // The fingerprint reuses the segments above: segmenting the body twice cost a third of the demo seed.
        (text.Fingerprint, text.FingerprintWords) = FingerprintOf(plainBody.Length > 0 ? bodySegments : titleSegments);
        return text;
    }

    /// <summary>The near-duplicate fingerprint of a text: SimHash over its words, stop words left out.</summary>
    public long Fingerprint(string text) => FingerprintOf(segmenter.Cut(text)).Fingerprint;

    private (long Fingerprint, int Words) FingerprintOf(IEnumerable<string> segments)
    {
        var words = segments.Where(ChineseSegmenter.IsWord).Select(w => w.ToLowerInvariant()).Where(w => !segmenter.IsStopWord(w)).ToList();
        return (SimHash.Compute(words), words.Count);
    }

    /// <summary>Joins pre-segmented words (text whose word boundaries are already known, e.g. generated text).</summary>
    public static string Join(IEnumerable<string> words) => string.Join(ArticleSearchText.Separator, words);

    private string Segment(string text, HashSet<string> extra, List<string> segments)
    {
        var sb = new StringBuilder(text.Length + (text.Length / 2));
        foreach (var segment in segmenter.Cut(text))
        {
            segments.Add(segment);
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
