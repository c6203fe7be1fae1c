using System.Globalization;

namespace Tidings.Core.Text;

/// <summary>
/// Folds the disguises people use to slip a word past a filter: full-width and compatibility forms (NFKC, so ｖＸ and
/// Kangxi radicals become vx and ordinary characters), case, traditional variants (from the operator's table), and
/// zero-width, space, punctuation or symbol characters inserted between letters ("加 * 微 . 信"). What is left is the
/// unspaced run of letters and digits the matcher scans, with each character's position in the original text; the
/// ends of Chinese sentences (。！？ and line breaks) stay as breaks, so no term matches across two sentences.
/// </summary>
public sealed class SensitiveTextNormalizer
{
    private readonly IReadOnlyDictionary<char, char> _variants;

    public SensitiveTextNormalizer(IReadOnlyDictionary<char, char>? variants = null) =>
        _variants = variants ?? new Dictionary<char, char>();

    public int VariantCount => _variants.Count;

    /// <summary>
    /// Parses a variant table: each line "繁 简" maps every character before the space to the one after it
    /// (several on one line are allowed: "髮發 发"); # starts a comment.
    /// </summary>
    public static IReadOnlyDictionary<char, char> ParseVariants(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var map = new Dictionary<char, char>();
        foreach (var (number, line) in OperatorLists.Entries(lines))
        {
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || parts[1].Length != 1 || parts[0].Any(char.IsSurrogate))
            {
                throw new FormatException($"Variant line {number} ('{Excerpt.Clip(line)}') must be \"variants target\", e.g. \"發髮 发\".");
            }

            foreach (var c in parts[0])
            {
                map[c] = parts[1][0];
            }
        }

        return map;
    }

    /// <summary>
    /// At most this many output characters per input character. NFKC expands a few characters far more (U+FDFA
    /// becomes 18 Arabic letters); only the first three count, which keeps ligatures (ﬃ) and squared units (㎏) and
    /// lets a fixed buffer hold any text.
    /// </summary>
    public const int MaxExpansion = 3;

    /// <summary>Stands for the end of a sentence in the folded text; a noncharacter, so no term contains it.</summary>
    public const char SentenceBreak = '\uFFFF';

    /// <summary>The folded text alone (for terms and duplicate detection).</summary>
    public string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = new char[text.Length * MaxExpansion];
        var length = Normalize(text, buffer, null);
        // A closing 。 or ！ changes nothing about what was said.
        while (length > 0 && buffer[length - 1] == SentenceBreak)
        {
            length--;
        }

        return new string(buffer, 0, length);
    }

    /// <summary>
    /// Writes the folded text into <paramref name="output"/> (at least <see cref="MaxExpansion"/> times the input's
    /// length) and, when given,
    /// the index in <paramref name="text"/> each output character came from. Returns the output length.
    /// </summary>
    public int Normalize(ReadOnlySpan<char> text, Span<char> output, Span<int> origins)
    {
        var n = 0;
        Span<char> folded = stackalloc char[18];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            // A sentence ends here: no term may match across it ("方法。轮到你了" holds no "法轮").
            if (c is '。' or '！' or '？' or '\n')
            {
                if (n > 0 && output[n - 1] != SentenceBreak)
                {
                    Emit(SentenceBreak, i, output, origins, ref n);
                }

                continue;
            }

            // The fast paths cover nearly all real text: ASCII, common CJK and the full-width block.
            if (c < 0x80)
            {
                if (char.IsAsciiLetterOrDigit(c))
                {
                    Emit(char.ToLowerInvariant(c), i, output, origins, ref n);
                }

                continue;
            }

            if (c is >= '\u4E00' and <= '\u9FFF')
            {
                Emit(_variants.TryGetValue(c, out var v) ? v : c, i, output, origins, ref n);
                continue;
            }

            if (c is >= '\uFF01' and <= '\uFF5E')
            {
                var ascii = (char)(c - 0xFEE0);
                if (char.IsAsciiLetterOrDigit(ascii))
                {
                    Emit(char.ToLowerInvariant(ascii), i, output, origins, ref n);
                }

                continue;
            }

            // Everything else goes through NFKC; a surrogate pair is normalised as one character.
            var width = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            var written = Math.Min(Fold(text.Slice(i, width), folded), MaxExpansion);
            for (var k = 0; k < written; k++)
            {
                var f = folded[k];
                if (char.IsSurrogate(f) ? KeepSurrogate(folded, k, written) : Keep(f))
                {
                    var lower = char.ToLowerInvariant(f);
                    Emit(_variants.TryGetValue(lower, out var v) ? v : lower, i, output, origins, ref n);
                }
            }

            i += width - 1;
        }

        return n;
    }

    private static void Emit(char c, int origin, Span<char> output, Span<int> origins, ref int n)
    {
        output[n] = c;
        if (!origins.IsEmpty)
        {
            origins[n] = origin;
        }

        n++;
    }

    private static int Fold(ReadOnlySpan<char> source, Span<char> destination)
    {
        // A lone surrogate or U+FFFE would make the normaliser throw; as U+FFFD it is a symbol, dropped like the rest.
        var normalized = UnicodeText.NormalizeKc(source.ToString());
        var written = Math.Min(normalized.Length, destination.Length);
        normalized.AsSpan(0, written).CopyTo(destination);
        return written;
    }

    /// <summary>Letters and digits stay; separators, punctuation, symbols, marks and format characters go.</summary>
    private static bool Keep(char c) => char.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        _ => false,
    };

    private static bool KeepSurrogate(ReadOnlySpan<char> folded, int k, int written)
    {
        var high = char.IsHighSurrogate(folded[k]) ? k : k - 1;
        if (high < 0 || high + 1 >= written)
        {
            return false;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(folded[high], folded[high + 1]));
        return category is UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.UppercaseLetter
            or UnicodeCategory.LowercaseLetter or UnicodeCategory.OtherNumber;
    }
}
