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
}
