using Tidings.Core.Text;

namespace Tidings.Tests.Text;

public sealed class SlugsTests
{
    [Theory]
    [InlineData("Hello World", "hello-world")]
    [InlineData("  财经  要闻 ", "财经-要闻")]
    [InlineData("ＡＢＣ１２３", "abc123")]
    [InlineData("iPhone 16 / 5G!", "iphone-16-5g")]
    [InlineData("---", "")]
    public void Normalize_FoldsWidthCaseAndSeparators(string input, string expected) =>
        Assert.Equal(expected, Slugs.Normalize(input));

    [Fact]
    public void Normalize_RespectsMaxLength() =>
        Assert.True(Slugs.Normalize(new string('a', 500), 64).Length <= 64);

    [Theory]
    [InlineData("news", true)]
    [InlineData("财经", true)]
    [InlineData("News", false)]
    [InlineData("a--b", false)]
    [InlineData("", false)]
    public void IsValid_OnlyNormalizedSlugs(string value, bool expected) =>
        Assert.Equal(expected, Slugs.IsValid(value));

    [Fact]
    public void Normalize_NoncharacterOrLoneSurrogate_IsASeparator()
    {
        // Found by fuzzing: NFKC threw ArgumentException on both (a lone surrogate cannot travel in [InlineData]).
        Assert.Equal("财经-要闻", Slugs.Normalize("财经\uFFFE要闻"));
        Assert.Equal("财经", Slugs.Normalize("财经\uD800"));
    }

    [Fact]
    public void Normalize_AstralLetterAtTheLimit_IsLeftOut()
    {
        // 𠀀 (U+20000) is two UTF-16 chars; appending it at 63 made a 65-char slug for a 64-char column.
        var slug = Slugs.Normalize(new string('a', 63) + "\U00020000", 64);
        Assert.Equal(new string('a', 63), slug);
    }

    [Fact]
    public void Normalize_CombiningMarkThatComposesOnceLowerCased_GivesAValidSlug()
    {
        // "W" + combining ring has no composed form, but lower-cased it composes to "ẘ" (U+1E98).
        var slug = Slugs.Normalize("W\u030Ax");
        Assert.Equal("\u1E98x", slug);
        Assert.True(Slugs.IsValid(slug));
    }
}
