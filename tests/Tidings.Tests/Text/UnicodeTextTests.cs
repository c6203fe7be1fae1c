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
}
