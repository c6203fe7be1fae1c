using System.Globalization;
using System.Text;
using Tidings.Core.Text;

namespace Tidings.Core.Creators;

/// <summary>
/// Overlapping character n-grams ("shingles") of a text, for measuring how much of one text is found in another
/// (containment, Broder 1997). Chinese has no spaces, so characters, not words: eight in a row identify a phrase
/// without depending on how a segmenter cut it. The text is folded first (full width, case, punctuation and spaces
/// gone), so re-punctuating or re-spacing a copied passage does not hide it.
/// </summary>
public static class Shingles
{
    /// <summary>Characters per shingle: about four Chinese words, rare enough to be evidence, short enough to survive small edits.</summary>
    public const int Length = 8;

    /// <summary>
    /// One shingle in this many is indexed (those whose hash is 0 modulo it): the choice depends only on the shingle,
    /// so a copied passage brings its sampled shingles along wherever it lands ("0 mod p" sampling). A copied passage
    /// of n characters carries about n/32 of them.
    /// </summary>
    public const int SampleModulus = 32;

    /// <summary>Letters and digits only, NFKC-folded and lower-cased.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = UnicodeText.NormalizeKc(text);
        var sb = new StringBuilder(folded.Length);
        foreach (var rune in folded.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                sb.Append(Rune.ToLowerInvariant(rune).ToString());
            }
        }

        return sb.ToString();
    }

    /// <summary>Every distinct shingle of a normalised text, hashed.</summary>
    public static HashSet<ulong> All(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        var set = new HashSet<ulong>(Math.Max(0, normalized.Length - Length + 1));
        for (var i = 0; i + Length <= normalized.Length; i++)
        {
            set.Add(Hash(normalized.AsSpan(i, Length)));
        }

        return set;
    }

    /// <summary>The indexed sample of <paramref name="shingles"/>, as the signed values the database stores, ascending.</summary>
    public static long[] Sample(IEnumerable<ulong> shingles)
    {
        ArgumentNullException.ThrowIfNull(shingles);
        var sample = shingles.Where(IsSampled).Select(h => unchecked((long)h)).ToArray();
        Array.Sort(sample);
        return sample;
    }

    public static bool IsSampled(ulong hash) => hash % SampleModulus == 0;

    /// <summary>The share of <paramref name="text"/>'s shingles found in <paramref name="other"/> (0–1; 0 for a text too short to have any).</summary>
    public static double Containment(HashSet<ulong> text, HashSet<ulong> other)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(other);
        if (text.Count == 0)
        {
            return 0;
        }

        var shared = 0;
        foreach (var h in text)
        {
            if (other.Contains(h))
            {
                shared++;
            }
        }

        return (double)shared / text.Count;
    }

    /// <summary>FNV-1a over the UTF-16 code units, then a 64-bit finaliser (SplitMix64) so the low bits the sample uses are well mixed.</summary>
    public static ulong Hash(ReadOnlySpan<char> shingle)
    {
        var h = 14695981039346656037UL;
        foreach (var c in shingle)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        h ^= h >> 30;
        h *= 0xbf58476d1ce4e5b9UL;
        h ^= h >> 27;
        h *= 0x94d049bb133111ebUL;
        return h ^ (h >> 31);
    }

    /// <summary>A share as a whole percentage, for messages.</summary>
    public static string Percent(double share) => Math.Round(share * 100).ToString(CultureInfo.InvariantCulture) + "%";

    public static byte[] Pack(long[] sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var bytes = new byte[sample.Length * sizeof(long)];
        Buffer.BlockCopy(sample, 0, bytes, 0, bytes.Length);
        return bytes;
    }

    public static long[] Unpack(byte[] packed)
    {
        ArgumentNullException.ThrowIfNull(packed);
        var sample = new long[packed.Length / sizeof(long)];
        Buffer.BlockCopy(packed, 0, sample, 0, sample.Length * sizeof(long));
        return sample;
    }
}
