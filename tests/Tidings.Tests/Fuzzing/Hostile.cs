using CsCheck;

namespace Tidings.Tests.Fuzzing;

/// <summary>
/// Generators for text an outsider can send: mostly ordinary Chinese and ASCII, salted with the characters that break
/// parsers (controls, lone surrogates, noncharacters, zero-width and full-width forms, NFKC oddities) and with the
/// markup and syntax each parser gives meaning to. Sizes stay small so every property runs in well under a second.
/// </summary>
internal static class Hostile
{
    /// <summary>Zero-width, invisible and direction-changing characters people put between letters.</summary>
    public const string Invisible = "\u200B\u200C\u200D\u2060\uFEFF\u00AD\u180E\u202A\u202E\u2066\u2069\u034F";

    /// <summary>One piece of text: usually one character, sometimes an astral character's surrogate pair.</summary>
    public static readonly Gen<string> Piece = Gen.Frequency(
        (24, Range(' ', '~')),
        (16, Range('\u4E00', '\u9FFF')),
        (5, Range('\0', '\u001F')),
        (1, Gen.OneOf("\u007F", "\u0080", "\u0085", "\u009F")),
        (3, Range('\uD800', '\uDBFF')),
        (3, Range('\uDC00', '\uDFFF')),
        (3, Gen.Int[0x10000, 0x10FFFF].Select(char.ConvertFromUtf32)),
        (2, Gen.OneOf("\uFFFE", "\uFFFF", "\uFFFD", "\uFDD0", "\uFFF9")),
        (4, Gen.Char[Invisible].Select(c => c.ToString())),
        (5, Range('\uFF01', '\uFF5E')),
        (2, Gen.OneOf("\u3000", "。", "！", "？", "“", "”", "、", "·", "－", "—", "＂")),
        (2, Range('\u0300', '\u036F')),
        // NFKC and case oddities: an 18-letter expansion, ligatures, squared units, Kangxi radicals, compatibility
        // ideographs, dotted capital I, Kelvin sign, sharp s.
        (3, Gen.OneOf("\uFDFA", "\uFB03", "\u338F", "\u2F12", "\uF900", "\u0130", "\u212A", "ß", "\u1E9E", "\u2460", "\u00BD")),
        (3, Range('\u0080', '\uFFFF'))
    );

    /// <summary>A piece that is well-formed UTF-16 on its own (no lone surrogate).</summary>
    public static readonly Gen<string> WellFormedPiece = Piece.Where(IsWellFormed);

    /// <summary>Text of up to <paramref name="maxPieces"/> pieces.</summary>
    public static Gen<string> Text(int maxPieces) => Join(Piece, maxPieces);

    /// <summary>Concatenates up to <paramref name="maxPieces"/> pieces drawn from <paramref name="pieces"/>.</summary>
    public static Gen<string> Join(Gen<string> pieces, int maxPieces) => pieces.Array[0, maxPieces].Select(string.Concat);

    public static Gen<string> Range(char first, char last) => Gen.Char[first, last].Select(c => c.ToString());

    /// <summary>Whether <paramref name="text"/> is well-formed UTF-16 (every surrogate in a pair).</summary>
    public static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
