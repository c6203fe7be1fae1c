using Tidings.Core.Search;

namespace Tidings.Tests.Search;

public sealed class SearchHighlightTests
{
    [Fact]
    public void ToSafeHtml_MarksMatchesAndRemovesSeparators() =>
        Assert.Equal("济南<mark>地铁</mark>开通", SearchHighlight.ToSafeHtml("济南\u200b\u0001地铁\u0002\u200b开通"));

    [Fact]
    public void ToSafeHtml_AdjacentMatches_BecomeOneMark() =>
        Assert.Equal("上手<mark>潮声X5</mark>五天", SearchHighlight.ToSafeHtml("上手​潮声​X5​五天"));

    [Fact]
    public void ToSafeHtml_MarkupInText_IsEncoded() =>
        Assert.Equal("&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; &amp; &quot;x&quot;",
            SearchHighlight.ToSafeHtml("<script>\u0001alert\u0002(1)</script> & \"x\""));

    [Fact]
    public void ToSafeHtml_UnbalancedMarkers_StillBalancedHtml()
    {
        Assert.Equal("<mark>开头</mark>", SearchHighlight.ToSafeHtml("\u0001开头"));
        Assert.Equal("结尾", SearchHighlight.ToSafeHtml("结尾\u0002"));
    }
}
