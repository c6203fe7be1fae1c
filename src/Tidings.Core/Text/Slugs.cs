using System.Globalization;
using System.Text;

namespace Tidings.Core.Text;

/// <summary>
/// Slugs are lower-case letters, digits and single hyphens. Letters include CJK, so a channel created by an import
/// as "财经" keeps a readable URL instead of a hash.
/// </summary>
public static class Slugs
{
    public static string Normalize(string value, int maxLength = 64)
    {
        ArgumentNullException.ThrowIfNull(value);
        // Lower-casing can undo NFKC ("W\u030A" lowers to "w\u030A", which composes to "ẘ"), so fold once more: a slug
        // must come out of Normalize unchanged, or IsValid refuses what Normalize made.
        var folded = UnicodeText.NormalizeKc(UnicodeText.NormalizeKc(value).ToLowerInvariant());
        var sb = new StringBuilder(folded.Length);
        foreach (var rune in folded.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var isWordChar = Rune.IsLetterOrDigit(rune)
                || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            if (isWordChar)
            {
                // An astral letter is two chars: one that does not fit ends the slug rather than overrunning it.
                if (sb.Length + rune.Utf16SequenceLength > maxLength)
                {
                    break;
                }

                sb.Append(rune.ToString());
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }

            if (sb.Length >= maxLength)
            {
                break;
            }
        }

        return sb.ToString().Trim('-');
    }

    public static bool IsValid(string? value, int maxLength = 64) =>
        !string.IsNullOrEmpty(value) && value.Length <= maxLength && Normalize(value, maxLength) == value;
}
