using System.Globalization;
using System.Net;
using System.Text;

namespace Tidings.Core.Aggregation;

/// <summary>
/// The repairs a hand-made feed needs before an XML reader will take it, done in one pass outside CDATA sections and
/// comments: a stray "&amp;" becomes "&amp;amp;", an HTML entity XML does not define (&amp;nbsp;, &amp;mdash;, &amp;ldquo; …)
/// becomes its character reference, and characters XML forbids (control characters, lone surrogates) are dropped,
/// inside CDATA too. Anything else stays as it was: this fixes text, it does not parse structure.
/// </summary>
internal static class XmlRepair
{
    private const int LongestEntity = 32;

    public static string Repair(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length + 64);
        var i = 0;
        while (i < text.Length)
        {
            if (StartsAt(text, i, "<![CDATA["))
            {
                i = CopyVerbatim(text, i, "]]>", sb);
                continue;
            }

            if (StartsAt(text, i, "<!--"))
            {
                i = CopyVerbatim(text, i, "-->", sb);
                continue;
            }

            var c = text[i];
            if (c == '&')
            {
                i = Entity(text, i, sb);
                continue;
            }

            i = CopyCharacter(text, i, sb);
        }

        return sb.ToString();
    }

    private static bool StartsAt(string text, int i, string marker) =>
        string.CompareOrdinal(text, i, marker, 0, marker.Length) == 0;

    /// <summary>Copies from <paramref name="i"/> up to and including <paramref name="end"/> (or to the end of the text).</summary>
    private static int CopyVerbatim(string text, int i, string end, StringBuilder sb)
    {
        var close = text.IndexOf(end, i, StringComparison.Ordinal);
        var stop = close < 0 ? text.Length : close + end.Length;
        while (i < stop)
        {
            i = CopyCharacter(text, i, sb);
        }

        return stop;
    }

    /// <summary>Copies one character (a surrogate pair whole) unless XML forbids it.</summary>
    private static int CopyCharacter(string text, int i, StringBuilder sb)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            sb.Append(c).Append(text[i + 1]);
            return i + 2;
        }

        if (XmlAllows(c))
        {
            sb.Append(c);
        }

        return i + 1;
    }

    private static bool XmlAllows(int c) =>
        c is '\t' or '\n' or '\r' or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);

    private static int Entity(string text, int i, StringBuilder sb)
    {
        var semicolon = text.IndexOf(';', i + 1, Math.Min(LongestEntity, text.Length - i - 1));
        if (semicolon > i + 1)
        {
            var name = text.AsSpan(i + 1, semicolon - i - 1);
            if (name is "amp" or "lt" or "gt" or "quot" or "apos")
            {
                sb.Append(text, i, semicolon - i + 1);
                return semicolon + 1;
            }

            if (name[0] == '#' && CharacterReference(name[1..]) is { } code)
            {
                if (XmlAllows(code))
                {
                    sb.Append(text, i, semicolon - i + 1);
                }

                return semicolon + 1;
            }

            if (IsName(name))
            {
                var entity = text.Substring(i, semicolon - i + 1);
                var decoded = WebUtility.HtmlDecode(entity);
                if (decoded != entity)
                {
                    for (var k = 0; k < decoded.Length; k += char.IsSurrogatePair(decoded, k) ? 2 : 1)
                    {
                        sb.Append("&#").Append(char.ConvertToUtf32(decoded, k).ToString(CultureInfo.InvariantCulture)).Append(';');
                    }

                    return semicolon + 1;
                }
            }
        }

        sb.Append("&amp;");
        return i + 1;
    }

    private static int? CharacterReference(ReadOnlySpan<char> digits)
    {
        var hex = digits.Length > 0 && digits[0] is 'x' or 'X';
        var number = hex ? digits[1..] : digits;
        return number.Length is > 0 and <= 8
            && int.TryParse(number, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            ? code
            : null;
    }

    private static bool IsName(ReadOnlySpan<char> name)
    {
        if (!char.IsAsciiLetter(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
