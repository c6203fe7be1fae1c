using Lucene.Net.Tartarus.Snowball.Ext;

namespace Tidings.Core.Text;

/// <summary>
/// The stem of an English word, by Snowball's implementation of the original Porter algorithm: the algorithm SQLite's
/// FTS5 porter tokenizer and our PostgreSQL text-search dictionary use to index, so a word this class calls equal to
/// another (for marks in results, related-article terms) is one the database matched. Porter rather than Porter2
/// ("english") because FTS5 has only Porter. Only words of ASCII letters are stemmed: Chinese words, numbers and
/// mixed tokens such as "iphone16" stay as they are.
/// </summary>
public static class EnglishStemmer
{
    // Snowball stemmers keep state between calls, so one per thread.
    private static readonly ThreadLocal<PorterStemmer> Stemmer = new(() => new PorterStemmer());

    /// <summary>
    /// The lower-cased stem of a word of ASCII letters; any other token is returned as it is (compare those ignoring
    /// case), so Chinese text costs no allocation.
    /// </summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        // FTS5 leaves tokens shorter than 3 bytes alone; so do we, which also keeps "us" from becoming "u".
        if (word.Length < 3 || !IsAsciiLetters(word))
        {
            return word;
        }

        var stemmer = Stemmer.Value!;
        stemmer.SetCurrent(word.ToLowerInvariant());
        stemmer.Stem();
        return stemmer.Current;
    }

    /// <summary>Whether two words are the same word to the search index: equal stems, case ignored.</summary>
    public static bool SameWord(string a, string b) => string.Equals(Stem(a), Stem(b), StringComparison.OrdinalIgnoreCase);

    private static bool IsAsciiLetters(string word)
    {
        foreach (var c in word)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return true;
    }
}
