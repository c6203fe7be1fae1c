using System.Collections.Frozen;
using System.Globalization;
using Tidings.Core.Search;
using Tidings.Core.Text;

namespace Tidings.Core.Related;

/// <summary>
/// Picks an article's key terms from its stored segmented text: tf-idf with title words counted three times, where
/// idf comes from jieba's table (computed on a large general corpus). A fixed idf keeps every article's terms stable
/// as the archive grows, so nothing has to be recomputed when the corpus changes, and works from the first article.
/// </summary>
public sealed class KeyTermExtractor
{
    private const int TitleBoost = 3;

    private readonly ChineseSegmenter _segmenter;
    private readonly FrozenDictionary<string, float> _idf;
    private readonly float _unknownIdf;

    public KeyTermExtractor(ChineseSegmenter segmenter)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        _segmenter = segmenter;
        var idf = new Dictionary<string, float>(StringComparer.Ordinal);
        var path = Path.Combine(AppContext.BaseDirectory, "Resources", "idf.txt");
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                var space = line.IndexOf(' ', StringComparison.Ordinal);
                if (space > 0 && float.TryParse(line.AsSpan(space + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    idf[line[..space].ToLowerInvariant()] = value;
                }
            }
        }

        _idf = idf.ToFrozenDictionary(StringComparer.Ordinal);
        // Words the table has never seen (new names, coinages) are treated as moderately rare, as jieba does.
        _unknownIdf = idf.Count == 0 ? 10f : idf.Values.Order().ElementAt(idf.Count / 2);
    }

    /// <summary>The heaviest <paramref name="max"/> terms of a stored search text, as a unit-length vector.</summary>
    public IReadOnlyList<(string Term, float Weight)> Extract(ArticleSearchText text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Extract(text.Title.Split(ArticleSearchText.Separator), text.Body.Split(ArticleSearchText.Separator), max);
    }

    /// <summary>The heaviest <paramref name="max"/> terms of segmented title and body, as a unit-length vector.</summary>
    public IReadOnlyList<(string Term, float Weight)> Extract(IEnumerable<string> titleSegments, IEnumerable<string> bodySegments, int max)
    {
        ArgumentNullException.ThrowIfNull(titleSegments);
        ArgumentNullException.ThrowIfNull(bodySegments);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        void Count(IEnumerable<string> segments, int weight)
        {
            foreach (var segment in segments)
            {
                if (IsTerm(segment))
                {
                    var term = segment.ToLowerInvariant();
                    if (!_segmenter.IsStopWord(term))
                    {
                        // English words count by stem, so "flood" and "floods" are one term across articles.
                        term = EnglishStemmer.Stem(term);
                        counts[term] = counts.GetValueOrDefault(term) + weight;
                    }
                }
            }
        }

        Count(titleSegments, TitleBoost);
        Count(bodySegments, 1);
        var weighted = counts
            .Select(p => (Term: p.Key, Weight: (float)((1 + Math.Log(p.Value)) * _idf.GetValueOrDefault(p.Key, _unknownIdf))))
            .OrderByDescending(p => p.Weight)
            .ThenBy(p => p.Term, StringComparer.Ordinal)
            .Take(max)
            .ToList();
        var norm = (float)Math.Sqrt(weighted.Sum(p => p.Weight * p.Weight));
        return norm == 0 ? [] : weighted.Select(p => (p.Term, p.Weight / norm)).ToList();
    }

    /// <summary>
    /// A term is a word of two or more characters that is not only digits: single characters and numbers are too
    /// ambiguous to say what an article is about.
    /// </summary>
    private static bool IsTerm(string segment)
    {
        if (segment.Length < 2 || segment.Length > ArticleKeyTerm.TermMaxLength || !ChineseSegmenter.IsWord(segment))
        {
            return false;
        }

        foreach (var c in segment)
        {
            if (!char.IsDigit(c) && c != '.' && c != '%')
            {
                return true;
            }
        }

        return false;
    }
}
