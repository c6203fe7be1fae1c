using System.Text;
using Tidings.Core.Text;

namespace Tidings.Core.Search;

/// <summary>One required or excluded part of a query: a word, or a phrase (words in this order).</summary>
/// <param name="Alternatives">For a single long word, the dictionary words inside it: documents segmented it
/// differently still match when they hold all of them.</param>
public sealed record SearchTerm(IReadOnlyList<string> Words, IReadOnlyList<string> Alternatives)
{
    public bool IsPhrase => Words.Count > 1;
}

/// <summary>Why a query cannot be searched: the interface words it in the reader's language.</summary>
public enum SearchQueryErrorKind
{
    /// <summary>More than <see cref="SearchQuery.MaxLength"/> characters.</summary>
    TooLong,

    /// <summary>More than <see cref="SearchQuery.MaxTerms"/> words and phrases.</summary>
    TooManyTerms,
}

/// <summary>A query that cannot be searched: what is wrong, how much there was, and the limit.</summary>
public sealed record SearchQueryError(SearchQueryErrorKind Kind, int Actual, int Limit);

/// <summary>
/// The reader's query language: words (all must match), "quoted phrases" (ASCII or Chinese quotes), and -excluded
/// words or phrases. Whatever the reader types ends up as quoted words, so no FTS or SQL syntax ever passes through.
/// </summary>
public sealed class SearchQuery
{
    public const int MaxLength = 100;
    public const int MaxTerms = 12;

    private SearchQuery(string text, IReadOnlyList<SearchTerm> required, IReadOnlyList<SearchTerm> excluded)
    {
        Text = text;
        Required = required;
        Excluded = excluded;
    }

    /// <summary>The query as the reader typed it, folded and trimmed; safe to show back (after HTML encoding).</summary>
    public string Text { get; }

    public IReadOnlyList<SearchTerm> Required { get; }
    public IReadOnlyList<SearchTerm> Excluded { get; }

    /// <summary>No word to look for: empty, only stop words, or only exclusions.</summary>
    public bool IsEmpty => Required.Count == 0;

    public static readonly SearchQuery Empty = new(string.Empty, [], []);

    /// <summary>Parses reader input; false with the reason when it cannot be searched.</summary>
    public static bool TryParse(string? input, ChineseSegmenter segmenter, out SearchQuery query, out SearchQueryError? error)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        query = Empty;
        error = null;
        var text = Normalize(input);
        if (text.Length == 0)
        {
            return true;
        }

        if (text.Length > MaxLength)
        {
            error = new SearchQueryError(SearchQueryErrorKind.TooLong, text.Length, MaxLength);
            return false;
        }

        var required = new List<SearchTerm>();
        var excluded = new List<SearchTerm>();
        foreach (var (chunk, quoted, negated) in Chunks(text))
        {
            if (quoted || negated)
            {
                // A phrase keeps its stop words: "我的祖国" must match those words in that order.
                var words = segmenter.Words(chunk).ToList();
                if (words.Count > 0)
                {
                    (negated ? excluded : required).Add(new SearchTerm(words, []));
                }

                continue;
            }

            foreach (var word in segmenter.Words(chunk).Where(w => !segmenter.IsStopWord(w)))
            {
                if (required.Any(t => !t.IsPhrase && t.Words[0] == word))
                {
                    continue;
                }

                var subWords = segmenter.SubWords(word).Distinct(StringComparer.Ordinal).ToList();
                required.Add(new SearchTerm([word], subWords.Count > 1 ? subWords : []));
            }
        }

        if (required.Count + excluded.Count > MaxTerms)
        {
            error = new SearchQueryError(SearchQueryErrorKind.TooManyTerms, required.Count + excluded.Count, MaxTerms);
            return false;
        }

        query = new SearchQuery(text, required, excluded);
        return true;
    }

    /// <summary>The words to show the reader as "searched for", e.g. 济南 · 地铁 · "有轨 电车".</summary>
    public string Interpretation =>
        string.Join(" · ", Required.Select(Show).Concat(Excluded.Select(t => "-" + Show(t))));

    /// <summary>An FTS5 MATCH expression: every word is a quoted string, so reader input is never FTS syntax.</summary>
    public string ToFts5()
    {
        if (IsEmpty)
        {
            throw new InvalidOperationException("An empty query has no FTS expression.");
        }

        var sb = new StringBuilder();
        foreach (var term in Required)
        {
            if (sb.Length > 0)
            {
                sb.Append(" AND ");
            }

            if (term.Alternatives.Count > 0)
            {
                sb.Append('(').Append(Quote(term.Words)).Append(" OR (")
                    .AppendJoin(" AND ", term.Alternatives.Select(a => Quote([a]))).Append("))");
            }
            else
            {
                sb.Append(Quote(term.Words));
            }
        }

        foreach (var term in Excluded)
        {
            sb.Append(" NOT ").Append(Quote(term.Words));
        }

        return sb.ToString();
    }

    private static string Quote(IReadOnlyList<string> words) => "\"" + string.Join(' ', words).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Show(SearchTerm term) => term.IsPhrase ? "\"" + string.Join(' ', term.Words) + "\"" : term.Words[0];

    private static string Normalize(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return string.Empty;
        }

        var folded = ChineseSegmenter.Fold(input)
            .Replace('“', '"').Replace('”', '"').Replace('＂', '"').Replace('－', '-').Replace('—', '-');
        return string.Join(' ', folded.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Splits into whitespace-separated chunks and "quoted" phrases; a leading '-' negates either.</summary>
    private static IEnumerable<(string Text, bool Quoted, bool Negated)> Chunks(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == ' ')
            {
                i++;
                continue;
            }

            var negated = text[i] == '-' && i + 1 < text.Length && text[i + 1] != ' ';
            var start = negated ? i + 1 : i;
            if (start < text.Length && text[start] == '"')
            {
                var close = text.IndexOf('"', start + 1);
                var end = close < 0 ? text.Length : close;
                yield return (text[(start + 1)..end], true, negated);
                i = close < 0 ? text.Length : close + 1;
                continue;
            }

            var space = text.IndexOf(' ', start);
            var stop = space < 0 ? text.Length : space;
            // Quotes inside a word are not phrase syntax; they are dropped with the other punctuation.
            yield return (text[start..stop], false, negated);
            i = stop;
        }
    }
}
