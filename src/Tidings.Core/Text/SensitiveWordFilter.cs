using System.Buffers;

namespace Tidings.Core.Text;

public enum SensitiveTier
{
    None = 0,

    /// <summary>Held for a moderator's review.</summary>
    Suspect = 1,

    /// <summary>Rejected at once with a clear message.</summary>
    Banned = 2,
}

/// <summary>What a scan found: the worst tier, the list's term, and the span of the original text it matched.</summary>
public readonly record struct SensitiveMatch(SensitiveTier Tier, string? Term, int Start, int Length)
{
    public static readonly SensitiveMatch None = new(SensitiveTier.None, null, 0, 0);
}

/// <summary>
/// The two-tier word list: text is folded by <see cref="SensitiveTextNormalizer"/> and scanned once by an
/// Aho-Corasick automaton holding both lists. A banned term anywhere wins over a suspect one.
/// </summary>
public sealed class SensitiveWordFilter
{
    private readonly AhoCorasick _automaton;
    private readonly string[] _terms;
    private readonly SensitiveTier[] _tiers;
    private readonly MatchHandler<Found> _onMatch;

    public SensitiveWordFilter(IEnumerable<string> banned, IEnumerable<string> suspect, SensitiveTextNormalizer? normalizer = null)
    {
        ArgumentNullException.ThrowIfNull(banned);
        ArgumentNullException.ThrowIfNull(suspect);
        Normalizer = normalizer ?? new SensitiveTextNormalizer();
        var terms = new List<string>();
        var tiers = new List<SensitiveTier>();
        var patterns = new List<string>();
        // Banned first: a term on both lists is banned.
        foreach (var (list, tier) in new[] { (banned, SensitiveTier.Banned), (suspect, SensitiveTier.Suspect) })
        {
            foreach (var (_, term) in OperatorLists.Entries(list))
            {
                // Terms are folded like the text, so "加 微信" on the list also catches "加微信" and "加ｖＸ".
                var folded = Normalizer.Normalize(term).Replace(SensitiveTextNormalizer.SentenceBreak.ToString(), string.Empty, StringComparison.Ordinal);
                if (folded.Length == 0)
                {
                    continue;
                }

                terms.Add(term);
                tiers.Add(tier);
                patterns.Add(folded);
            }
        }

        _terms = [.. terms];
        _tiers = [.. tiers];
        _automaton = new AhoCorasick(patterns);
        BannedCount = tiers.Count(t => t == SensitiveTier.Banned);
        SuspectCount = tiers.Count - BannedCount;
        _onMatch = (ref Found best, int pattern, int end) =>
        {
            if (best.Pattern < 0 || _tiers[pattern] > _tiers[best.Pattern])
            {
                best = new Found(pattern, end);
            }

            // Nothing beats a banned term: stop at the first.
            return _tiers[pattern] != SensitiveTier.Banned;
        };
    }

    public static SensitiveWordFilter Empty { get; } = new([], []);

    public SensitiveTextNormalizer Normalizer { get; }

    public int BannedCount { get; }

    public int SuspectCount { get; }

    public SensitiveMatch Scan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_terms.Length == 0 || text.Length == 0)
        {
            return SensitiveMatch.None;
        }

        var size = text.Length * SensitiveTextNormalizer.MaxExpansion;
        var chars = ArrayPool<char>.Shared.Rent(size);
        var origins = ArrayPool<int>.Shared.Rent(size);
        try
        {
            var length = Normalizer.Normalize(text, chars, origins);
            var found = new Found(-1, 0);
            _automaton.Scan(chars.AsSpan(0, length), ref found, _onMatch);
            if (found.Pattern < 0)
            {
                return SensitiveMatch.None;
            }

            var startFolded = found.End - _automaton.PatternLength(found.Pattern);
            var start = origins[startFolded];
            var endOriginal = origins[found.End - 1] + 1;
            if (endOriginal < text.Length && char.IsLowSurrogate(text[endOriginal]))
            {
                endOriginal++;
            }

            return new SensitiveMatch(_tiers[found.Pattern], _terms[found.Pattern], start, endOriginal - start);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            ArrayPool<int>.Shared.Return(origins);
        }
    }

    /// <summary>
    /// Every match, not only the worst (the editor's check shows each in place): spans of the original text, in order,
    /// overlapping ones reduced to the first, at most <paramref name="max"/>.
    /// </summary>
    public IReadOnlyList<SensitiveMatch> ScanAll(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_terms.Length == 0 || text.Length == 0 || max <= 0)
        {
            return [];
        }

        var size = text.Length * SensitiveTextNormalizer.MaxExpansion;
        var chars = ArrayPool<char>.Shared.Rent(size);
        var origins = ArrayPool<int>.Shared.Rent(size);
        try
        {
            var length = Normalizer.Normalize(text, chars, origins);
            var all = new All(new List<(int Pattern, int End)>(), max * 4);
            _automaton.Scan(chars.AsSpan(0, length), ref all, static (ref All state, int pattern, int end) =>
            {
                state.Found.Add((pattern, end));
                return state.Found.Count < state.Limit;
            });
            var matches = new List<SensitiveMatch>();
            var covered = -1;
            foreach (var (pattern, end) in all.Found.OrderBy(f => f.End - _automaton.PatternLength(f.Pattern)).ThenByDescending(f => _automaton.PatternLength(f.Pattern)))
            {
                var start = origins[end - _automaton.PatternLength(pattern)];
                var stop = origins[end - 1] + 1;
                if (stop < text.Length && char.IsLowSurrogate(text[stop]))
                {
                    stop++;
                }

                if (start < covered)
                {
                    continue;
                }

                matches.Add(new SensitiveMatch(_tiers[pattern], _terms[pattern], start, stop - start));
                covered = stop;
                if (matches.Count == max)
                {
                    break;
                }
            }

            return matches;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            ArrayPool<int>.Shared.Return(origins);
        }
    }

    private readonly record struct Found(int Pattern, int End);

    private readonly record struct All(List<(int Pattern, int End)> Found, int Limit);
}
