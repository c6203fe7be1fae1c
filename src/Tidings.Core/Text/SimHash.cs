using System.Numerics;
using System.Text;

namespace Tidings.Core.Text;

/// <summary>
/// 64-bit SimHash (Charikar) over a document's words and word pairs: documents that share most of their wording get
/// fingerprints a few bits apart, so a reprint with a changed headline or a trimmed paragraph stays within
/// <see cref="NearDuplicateDistance"/> bits while different stories on the same topic do not.
/// </summary>
public static class SimHash
{
    /// <summary>At most this many differing bits marks a near-duplicate (a reprint of the same story).</summary>
    public const int NearDuplicateDistance = 3;

    /// <summary>
    /// Below this many words a fingerprint is too coarse to trust a near match ("人活着靠谁不如靠自己" and
    /// "人活着，为了什么" came out 3 bits apart); short texts are duplicates only when their fingerprints are equal.
    /// </summary>
    public const int MinimumWordsForNearMatch = 8;

    /// <summary>
    /// Below this many words a text cannot identify a story at all: "人活着靠谁不如靠自己！" and "人活着，为了什么？"
    /// both come down to 活着 once stop words go. Such texts are never clustered.
    /// </summary>
    public const int MinimumWords = 4;

    /// <summary>The distance that marks two texts as the same story, given how many words the shorter one has.</summary>
    public static int AllowedDistance(int words) => words >= MinimumWordsForNearMatch ? NearDuplicateDistance : 0;

    public static long Compute(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        Span<int> votes = stackalloc int[64];
        for (var i = 0; i < words.Count; i++)
        {
            Vote(votes, Hash(words[i]));
            if (i + 1 < words.Count)
            {
                // Word pairs carry word order: two stories built from the same vocabulary still differ.
                Vote(votes, Hash(words[i] + "\u0001" + words[i + 1]));
            }
        }

        ulong fingerprint = 0;
        for (var bit = 0; bit < 64; bit++)
        {
            if (votes[bit] > 0)
            {
                fingerprint |= 1UL << bit;
            }
        }

        return unchecked((long)fingerprint);
    }

    public static int Distance(long a, long b) => BitOperations.PopCount(unchecked((ulong)(a ^ b)));

    /// <summary>
    /// The four 16-bit bands of a fingerprint. Two fingerprints within 3 bits agree on at least one band
    /// (pigeonhole), so an index on each band finds every near-duplicate candidate without a scan.
    /// </summary>
    public static int Band(long fingerprint, int band) => (int)((unchecked((ulong)fingerprint) >> (16 * band)) & 0xFFFF);

    private static void Vote(Span<int> votes, ulong hash)
    {
        for (var bit = 0; bit < 64; bit++)
        {
            votes[bit] += ((hash >> bit) & 1) == 1 ? 1 : -1;
        }
    }

    /// <summary>FNV-1a over UTF-8, then the splitmix64 finaliser so every input bit reaches every output bit.</summary>
    private static ulong Hash(string value)
    {
        var hash = 14695981039346656037UL;
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(value) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(value, buffer)] : Encoding.UTF8.GetBytes(value);
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        hash ^= hash >> 30;
        hash *= 0xBF58476D1CE4E5B9UL;
        hash ^= hash >> 27;
        hash *= 0x94D049BB133111EBUL;
        return hash ^ (hash >> 31);
    }
}
