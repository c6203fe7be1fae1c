using CsCheck;
using Tidings.Core.Text;

namespace Tidings.Tests.Fuzzing;

/// <summary>
/// Comment screening. Folding never throws and never grows past its buffer; a banned word stays banned however it
/// is disguised with what the normaliser promises to see through (width, case, and spaces, punctuation or zero-width
/// characters between its letters); the automaton finds exactly what a naive search finds.
/// </summary>
public sealed class SensitiveWordFuzzTests
{
    private static readonly Gen<string> WordChar = Gen.Frequency(
        (4, Hostile.Range('a', 'z')),
        (2, Hostile.Range('0', '9')),
        (6, Hostile.Range('\u4E00', '\u9FA5')),
        (1, Gen.OneOf("é", "ü", "ñ", "ж", "\U00020000", "\U0002A6A5")));

    private static readonly Gen<string> Word = WordChar.Array[1, 6].Select(string.Concat);

    /// <summary>What the normaliser promises to see through between two letters.</summary>
    private static readonly Gen<string> Separator = Gen.Frequency(
        (6, Gen.Const(string.Empty)),
        (2, Gen.Char[Hostile.Invisible].Select(c => c.ToString())),
        (2, Gen.OneOf(" ", "\u3000", "\t", "*", ".", "-", "_", ",", "、", "·", "/", "|", "~", "★", "，", "  ", " . ")));

    /// <summary>A word, and that word disguised: letters in other widths and cases, separated by what folding drops.</summary>
    private static readonly Gen<(string Word, string Text)> Disguised = Gen.Select(Word, Gen.Int[0, int.MaxValue]).SelectMany(
        (word, seed) => Separator.Array[word.Length].Select(separators => (word, Disguise(word, separators, seed))));

    private static readonly Gen<string> Text = Hostile.Join(
        Gen.Frequency((8, Hostile.Piece), (1, Gen.OneOf("代开发票", "加微信", "ＦＵＣＫ", "f.u.c.k", "。", "\n"))), 150);

    private static readonly SensitiveWordFilter Filter = new(
        banned: ["代开发票", "办证", "FUCK", "\U00020000\U00020001"],
        suspect: ["加微信", "稳赚", "ffi"],
        new SensitiveTextNormalizer(SensitiveTextNormalizer.ParseVariants(["開 开", "發髮 发", "證 证", "辦 办"])));

    [Fact]
    public void Normalize_AnyText_FitsTheBufferAndKeepsOnlyLettersAndDigits()
    {
        Text.Sample(
            text =>
            {
                var normalizer = Filter.Normalizer;
                var output = new char[text.Length * SensitiveTextNormalizer.MaxExpansion];
                var origins = new int[output.Length];
                var length = normalizer.Normalize(text, output, origins);
                for (var i = 0; i < length; i++)
                {
                    Assert.InRange(origins[i], 0, text.Length - 1);
                    Assert.True(i == 0 || origins[i] >= origins[i - 1], "origins go backwards");
                    Assert.True(output[i] == SensitiveTextNormalizer.SentenceBreak || char.IsLetterOrDigit(output[i]) || char.IsSurrogate(output[i]) || char.IsNumber(output[i]));
                }

                Assert.Equal(new string(output, 0, length).TrimEnd(SensitiveTextNormalizer.SentenceBreak), normalizer.Normalize(text));
            },
            iter: 3000);
    }

    [Fact]
    public void Scan_AnyText_ReportsASpanInsideTheText()
    {
        Text.Sample(
            text =>
            {
                var match = Filter.Scan(text);
                if (match.Tier == SensitiveTier.None)
                {
                    Assert.Null(match.Term);
                    return;
                }

                Assert.NotNull(match.Term);
                Assert.True(match.Start >= 0 && match.Length > 0 && match.Start + match.Length <= text.Length, $"{match} in {text.Length} chars");
                var folded = Filter.Normalizer.Normalize(match.Term).Replace(SensitiveTextNormalizer.SentenceBreak.ToString(), "", StringComparison.Ordinal);
                Assert.Contains(folded, Filter.Normalizer.Normalize(text.Substring(match.Start, match.Length)), StringComparison.Ordinal);
            },
            iter: 3000);
    }

    [Fact]
    public void Scan_BannedWordDisguisedInsideAnyText_IsBanned()
    {
        Gen.Select(Disguised, Gen.Select(Word, Separator.Array[6]).Select((w, s) => Disguise(w, s, 1)), Text, Text).Sample(
            (target, listed, before, after) =>
            {
                var (word, disguised) = target;
                // The list entry may be disguised too ("加 微信" catches "加微信"); a second word shares the automaton.
                var filter = new SensitiveWordFilter([Spread(word), listed], []);
                var text = before + disguised + after;
                var match = filter.Scan(text);
                Assert.True(match.Tier == SensitiveTier.Banned, $"'{word}' not found in '{text}'");
            },
            iter: 3000);
    }

    [Fact]
    public void ParseVariants_AnyLines_GiveATableOrAFormatException()
    {
        Hostile.Text(30).Array[0, 6].Sample(
            lines =>
            {
                try
                {
                    var table = SensitiveTextNormalizer.ParseVariants(lines);
                    _ = new SensitiveWordFilter(lines, [], new SensitiveTextNormalizer(table)).Scan(string.Concat(lines));
                }
                catch (FormatException)
                {
                }
            },
            iter: 2000);
    }

    [Fact]
    public void AhoCorasickScan_AnyPatternsAndText_FindsWhatANaiveSearchFinds()
    {
        var small = Hostile.Join(Hostile.Range('a', 'c'), 5);
        Gen.Select(small.Array[0, 8], Hostile.Join(Hostile.Range('a', 'c'), 40)).Sample(
            (patterns, text) =>
            {
                var automaton = new AhoCorasick(patterns);
                var found = new List<(int Pattern, int End)>();
                automaton.Scan(text, ref found, (ref List<(int Pattern, int End)> state, int pattern, int end) =>
                {
                    state.Add((pattern, end));
                    return true;
                });

                var expected = new List<(int Pattern, int End)>();
                for (var end = 1; end <= text.Length; end++)
                {
                    // Longest first at each end; a repeated pattern answers with its first index.
                    expected.AddRange(patterns
                        .Select((p, index) => (p, index))
                        .Where(x => x.p.Length > 0 && x.p.Length <= end && string.CompareOrdinal(text, end - x.p.Length, x.p, 0, x.p.Length) == 0)
                        .GroupBy(x => x.p, StringComparer.Ordinal)
                        .Select(g => g.First())
                        .OrderByDescending(x => x.p.Length)
                        .Select(x => (x.index, end)));
                }

                Assert.Equal(expected, found);
            },
            iter: 3000);
    }

    /// <summary>Spaces between the letters of a list entry, which folding must remove again.</summary>
    private static string Spread(string word) => string.Join(' ', Letters(word));

    private static string Disguise(string word, string[] separators, int seed)
    {
        var random = new Random(seed);
        var letters = Letters(word);
        var parts = new List<string>();
        for (var i = 0; i < letters.Count; i++)
        {
            var letter = letters[i];
            if (letter.Length == 1 && char.IsAsciiLetterOrDigit(letter[0]))
            {
                var c = random.Next(2) == 0 ? char.ToUpperInvariant(letter[0]) : letter[0];
                // Full-width forms sit 0xFEE0 above ASCII.
                letter = random.Next(3) == 0 ? ((char)(c + 0xFEE0)).ToString() : c.ToString();
            }
            else if (letter.Length == 1 && random.Next(3) == 0)
            {
                letter = letter.ToUpperInvariant();
            }

            parts.Add(letter);
            if (i + 1 < letters.Count)
            {
                parts.Add(separators[i % separators.Length]);
            }
        }

        return string.Concat(parts);
    }

    /// <summary>The text elements of a word: single characters, or an astral character's two halves together.</summary>
    private static List<string> Letters(string word)
    {
        var letters = new List<string>();
        for (var i = 0; i < word.Length; i++)
        {
            var width = char.IsHighSurrogate(word[i]) && i + 1 < word.Length ? 2 : 1;
            letters.Add(word.Substring(i, width));
            i += width - 1;
        }

        return letters;
    }
}
