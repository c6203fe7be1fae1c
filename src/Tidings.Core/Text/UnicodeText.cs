using System.Text;

namespace Tidings.Core.Text;

/// <summary>
/// Text as outsiders send it is not always well-formed: a JSON escape or a careless cut leaves a surrogate without
/// its partner, and U+FFFE is valid UTF-8 that any form can carry. .NET's normaliser throws ArgumentException on both
/// (System.Text.Json and strict UTF-8 encoders, such as PostgreSQL's, on the first), so folds and cuts go through here.
/// </summary>
public static class UnicodeText
{
    /// <summary>The text with each lone surrogate and U+FFFE replaced by U+FFFD, as a UTF-8 decoder does with broken
    /// bytes; the same string when there is none.</summary>
    public static string Repair(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = FirstRefused(text);
        if (first < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (IsPair(text, i))
            {
                sb.Append(c).Append(text[++i]);
            }
            else
            {
                sb.Append(char.IsSurrogate(c) || c == '\uFFFE' ? '\uFFFD' : c);
            }
        }

        return sb.ToString();
    }

    /// <summary>NFKC of any string (<see cref="Repair"/> first, so it never throws).</summary>
    public static string NormalizeKc(string text)
    {
        var repaired = Repair(text);
        return repaired.IsNormalized(NormalizationForm.FormKC) ? repaired : repaired.Normalize(NormalizationForm.FormKC);
    }

    /// <summary>The first <paramref name="maxLength"/> characters at most, one fewer where the cut would split a
    /// surrogate pair.</summary>
    public static string Prefix(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        if (text.Length <= maxLength)
        {
            return text;
        }

        var splitsPair = maxLength > 0 && char.IsHighSurrogate(text[maxLength - 1]) && char.IsLowSurrogate(text[maxLength]);
        return text[..(splitsPair ? maxLength - 1 : maxLength)];
    }

    /// <summary>Where the first lone surrogate or U+FFFE is, or -1.</summary>
    private static int FirstRefused(string text)
    {
        // Nearly all text has neither: one vectorised scan answers that.
        var span = text.AsSpan();
        if (!span.ContainsAnyInRange('\uD800', '\uDFFF') && !span.Contains('\uFFFE'))
        {
            return -1;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (IsPair(text, i))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]) || text[i] == '\uFFFE')
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsPair(string text, int i) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
}
