using Tidings.Core.Text;

namespace Tidings.Core.Newsroom;

/// <summary>
/// 易错词: the operator's list of common miswritings and what they should be (one pair a line, "按装 安装"), matched
/// exactly — these are wrong words, not wrong characters in any word, so no folding.
/// </summary>
public sealed class MiswrittenWords
{
    private readonly AhoCorasick _automaton;
    private readonly string[] _wrong;
    private readonly string[] _right;

    private MiswrittenWords(List<(string Wrong, string Right)> pairs)
    {
        _wrong = pairs.Select(p => p.Wrong).ToArray();
        _right = pairs.Select(p => p.Right).ToArray();
        _automaton = new AhoCorasick(_wrong);
    }

    public static MiswrittenWords Empty { get; } = new([]);

    public int Count => _wrong.Length;

    /// <summary>Reads the list; a line without a correction is refused with its number (a typo in the list must not pass silently).</summary>
    public static MiswrittenWords Parse(IEnumerable<string> lines)
    {
        var pairs = new List<(string, string)>();
        foreach (var (number, text) in OperatorLists.Entries(lines))
        {
            var parts = text.Split([' ', '\t', '\u3000'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || parts[0] == parts[1])
            {
                throw new FormatException($"line {number}: expected \"wrong right\", e.g. \"按装 安装\"");
            }

            pairs.Add((parts[0], parts[1]));
        }

        return new MiswrittenWords(pairs);
    }

    /// <summary>Each miswriting in <paramref name="text"/>, in order, without overlaps, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<(int Start, int Length, string Wrong, string Right)> Find(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<(int Pattern, int End)>();
        if (_wrong.Length == 0 || text.Length == 0 || max <= 0)
        {
            return [];
        }

        _automaton.Scan(text.AsSpan(), ref found, (ref List<(int Pattern, int End)> state, int pattern, int end) =>
        {
            state.Add((pattern, end));
            return state.Count < max * 4;
        });
        var hits = new List<(int, int, string, string)>();
        var covered = -1;
        foreach (var (pattern, end) in found.OrderBy(f => f.End - _wrong[f.Pattern].Length).ThenByDescending(f => _wrong[f.Pattern].Length))
        {
            var start = end - _wrong[pattern].Length;
            if (start < covered)
            {
                continue;
            }

            hits.Add((start, _wrong[pattern].Length, _wrong[pattern], _right[pattern]));
            covered = end;
            if (hits.Count == max)
            {
                break;
            }
        }

        return hits;
    }
}

/// <summary>What the check flags.</summary>
public enum DraftHitKind
{
    /// <summary>On the moderation list's banned tier: it would be refused in a 跟贴.</summary>
    Banned,

    /// <summary>On the suspect tier: worth a second look.</summary>
    Suspect,

    /// <summary>A common miswriting (易错词), with what it should be.</summary>
    Miswritten,
}

/// <summary>One hit, where it is (field, line) and the text around it, so the writer finds it without searching.</summary>
public sealed record DraftHit(DraftHitKind Kind, string Field, int Line, string Before, string Found, string After, string? Suggestion);

/// <summary>
/// 发稿前检查: a draft's title, summary and text against the moderation word lists and the 易错词 list. Advice for the
/// writer and the editor, shown in the editor; it blocks nothing (a report on a riot may need the word). Linear in the
/// text (two Aho-Corasick passes) and bounded in what it reports.
/// </summary>
public static class DraftCheck
{
    public const int MaxHits = 100;
    private const int Context = 12;

    public static IReadOnlyList<DraftHit> Run(IEnumerable<(string Field, string Text)> fields, SensitiveWordFilter words, MiswrittenWords miswritten)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(miswritten);
        var hits = new List<DraftHit>();
        foreach (var (field, text) in fields)
        {
            if (string.IsNullOrEmpty(text) || hits.Count >= MaxHits)
            {
                continue;
            }

            var spans = words.ScanAll(text, MaxHits - hits.Count)
                .Select(m => (m.Start, m.Length, Kind: m.Tier == SensitiveTier.Banned ? DraftHitKind.Banned : DraftHitKind.Suspect, Suggestion: (string?)null))
                .Concat(miswritten.Find(text, MaxHits - hits.Count).Select(m => (m.Start, m.Length, Kind: DraftHitKind.Miswritten, Suggestion: (string?)m.Right)))
                .OrderBy(s => s.Start)
                .Take(MaxHits - hits.Count);
            foreach (var (start, length, kind, suggestion) in spans)
            {
                hits.Add(new DraftHit(
                    kind,
                    field,
                    Line: 1 + text.AsSpan(0, start).Count('\n'),
                    Before: Around(text, Math.Max(0, start - Context), start),
                    Found: text.Substring(start, length),
                    After: Around(text, start + length, Math.Min(text.Length, start + length + Context)),
                    suggestion));
            }
        }

        return hits;
    }

    /// <summary>The text between two offsets (line breaks shown as spaces), without splitting a surrogate pair.</summary>
    private static string Around(string text, int from, int to)
    {
        // A hit may end the text: nothing follows it, and there is no character at `from` to look at.
        if (from > 0 && from < text.Length && char.IsLowSurrogate(text[from]))
        {
            from++;
        }

        if (to < text.Length && char.IsLowSurrogate(text[to]))
        {
            to--;
        }

        var piece = from < to ? text[from..to] : string.Empty;
        return piece.Replace('\r', ' ').Replace('\n', ' ');
    }
}
