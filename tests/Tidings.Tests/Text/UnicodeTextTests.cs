using Tidings.Core.Text;

namespace Tidings.Tests.Text;

public sealed class UnicodeTextTests
{
    [Fact]
    public void Repair_LoneSurrogatesAndFffe_BecomeReplacementCharacters()
    {
        // Lone surrogates cannot travel in [InlineData] (the runner re-encodes them), so the cases are listed here.
        Assert.Same("正文😀", UnicodeText.Repair("正文😀"));
        Assert.Equal("a\uFFFDb", UnicodeText.Repair("a\uD800b"));
        Assert.Equal("\uFFFD\uD83D\uDE00\uFFFD", UnicodeText.Repair("\uDC00\uD83D\uDE00\uD83D"));
        Assert.Equal("a\uFFFD", UnicodeText.Repair("a\uFFFE"));
    }

    [Fact]
    public void NormalizeKc_WhatDotNetRefuses_DoesNotThrow() =>
        Assert.Equal("ab\uFFFD\uFFFD", UnicodeText.NormalizeKc("ａｂ\uFFFE\uD800"));

    [Theory]
    [InlineData("ab😀c", 3, "ab")]
    [InlineData("ab😀c", 4, "ab😀")]
    [InlineData("ab😀c", 2, "ab")]
    [InlineData("ab", 5, "ab")]
    [InlineData("ab", 0, "")]
    public void Prefix_NeverSplitsASurrogatePair(string text, int maxLength, string expected) =>
        Assert.Equal(expected, UnicodeText.Prefix(text, maxLength));

    [Fact]
    public void ExcerptClip_AstralCharacterAtTheCut_IsNotSplit() =>
        Assert.Equal(new string('a', 39) + "…", Excerpt.Clip(new string('a', 39) + "😀b"));
}
