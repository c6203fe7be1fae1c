using Tidings.Core.Text;

namespace Tidings.Tests.Text;

public sealed class EnglishStemmerTests
{
    [Theory]
    [InlineData("floods", "flood")]
    [InlineData("Flooding", "flood")]
    [InlineData("LAUNCHED", "launch")]
    [InlineData("launches", "launch")]
    [InlineData("ferries", "ferri")]
    [InlineData("ferry", "ferri")]
    [InlineData("connections", "connect")]
    public void Stem_ConflatesRegularInflections_LowerCased(string word, string stem) =>
        Assert.Equal(stem, EnglishStemmer.Stem(word));

    [Theory]
    [InlineData("济南")]           // Chinese passes through
    [InlineData("iphone16")]       // mixed letters and digits: a model name, not an English word
    [InlineData("us")]             // too short to stem, as FTS5 leaves it
    [InlineData("5G")]
    [InlineData("café")]           // not ASCII: the index folds diacritics itself
    public void Stem_LeavesOtherTokensAsTheyAre(string token) => Assert.Equal(token, EnglishStemmer.Stem(token));

    [Fact]
    public void SameWord_IgnoresCaseAndInflection()
    {
        Assert.True(EnglishStemmer.SameWord("Ferries", "ferry"));
        Assert.True(EnglishStemmer.SameWord("济南", "济南"));
        Assert.False(EnglishStemmer.SameWord("flood", "food"));
    }

    [Fact]
    public async Task Stem_IsSafeAcrossThreads()
    {
        // Snowball stemmers carry state between calls; a shared one would mix words under load.
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            Enumerable.Range(0, 2_000).All(_ => EnglishStemmer.Stem(i % 2 == 0 ? "connections" : "flooding") == (i % 2 == 0 ? "connect" : "flood")))));
        Assert.All(results, Assert.True);
    }
}
