using Tidings.Core.Text;

namespace Tidings.Core.Search;

/// <summary>
/// Marks a query's words in segmented text (<see cref="ArticleSearchText"/>) with <see cref="SearchHighlight"/>'s
/// markers, and cuts a snippet around the densest matches. For engines whose database has no highlighter that
/// understands our word boundaries (PostgreSQL's ts_headline re-parses the text by its own rules): the words are
/// already known, so matching them here gives the same marks on every database and locale. English words match by
/// stem (<see cref="EnglishStemmer"/>), as the index matched them: "flooding" marks "floods".
/// </summary>
public static class MatchMarker
{
    private const string Ellipsis = "…";

    /// <summary>The whole text with every matched word marked.</summary>
    public static string Mark(string segmented, SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(segmented);
        ArgumentNullException.ThrowIfNull(query);
        var tokens = segmented.Split(ArticleSearchText.Separator);
        return Render(tokens, Matches(tokens, query), 0, tokens.Length);
    }

    /// <summary>
    /// At most <paramref name="length"/> words of the text, starting a little before the window that holds the most
    /// matches (the opening when nothing matches), with … where text was cut off.
    /// </summary>
    public static string Snippet(string segmented, SearchQuery query, int length = 40)
    {
        ArgumentNullException.ThrowIfNull(segmented);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        var tokens = segmented.Split(ArticleSearchText.Separator);
        var marked = Matches(tokens, query);
        var starts = new List<int>();
        for (var i = 0; i < tokens.Length; i++)
        {
            if (marked[i] && (i == 0 || !marked[i - 1]))
            {
                starts.Add(i);
            }
        }

        var lead = Math.Min(length / 4, 8);
        var best = 0;
        var bestCount = -1;
        foreach (var start in starts)
        {
            var from = Math.Max(0, start - lead);
            var count = starts.Count(s => s >= from && s < from + length);
            if (count > bestCount)
            {
                (best, bestCount) = (from, count);
            }
        }

        // Starting at a blank (the gap between summary and body) wastes the first word of the window.
        while (best < tokens.Length - 1 && string.IsNullOrWhiteSpace(tokens[best]))
        {
            best++;
        }

        var end = Math.Min(tokens.Length, best + length);
        var text = Render(tokens, marked, best, end).Trim();
        return (best > 0 ? Ellipsis : string.Empty) + text + (end < tokens.Length ? Ellipsis : string.Empty);
    }

    private static bool[] Matches(string[] tokens, SearchQuery query)
    {
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var phrases = new List<IReadOnlyList<string>>();
        foreach (var term in query.Required)
        {
            if (term.IsPhrase)
            {
                phrases.Add(term.Words);
            }
            else
            {
                words.Add(EnglishStemmer.Stem(term.Words[0]));
                words.UnionWith(term.Alternatives.Select(EnglishStemmer.Stem));
            }
        }

        var marked = new bool[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            if (words.Contains(EnglishStemmer.Stem(tokens[i])))
            {
                marked[i] = true;
            }
        }

        foreach (var phrase in phrases)
        {
            for (var i = 0; i < tokens.Length; i++)
            {
                MarkPhraseAt(tokens, marked, phrase, i);
            }
        }

        return marked;
    }

    /// <summary>Marks the phrase when it starts at token i; blanks and punctuation between its words are skipped.</summary>
    private static void MarkPhraseAt(string[] tokens, bool[] marked, IReadOnlyList<string> phrase, int i)
    {
        if (!EnglishStemmer.SameWord(tokens[i], phrase[0]))
        {
            return;
        }

        var hits = new List<int> { i };
        var at = i + 1;
        for (var w = 1; w < phrase.Count; w++)
        {
            while (at < tokens.Length && !ChineseSegmenter.IsWord(tokens[at]))
            {
                at++;
            }

            if (at >= tokens.Length || !EnglishStemmer.SameWord(tokens[at], phrase[w]))
            {
                return;
            }

            hits.Add(at++);
        }

        foreach (var hit in hits)
        {
            marked[hit] = true;
        }
    }

    private static string Render(string[] tokens, bool[] marked, int from, int to)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = from; i < to; i++)
        {
            if (marked[i])
            {
                sb.Append(SearchHighlight.Open).Append(tokens[i]).Append(SearchHighlight.Close);
            }
            else
            {
                sb.Append(tokens[i]);
            }
        }

        return sb.ToString();
    }
}
