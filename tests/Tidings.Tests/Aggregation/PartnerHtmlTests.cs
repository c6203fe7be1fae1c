using Tidings.Core.Aggregation;

namespace Tidings.Tests.Aggregation;

public sealed class PartnerHtmlTests
{
    private static readonly Uri Page = new("https://partner.example/news/2026/a1.html");

    [Theory]
    [InlineData("<a href=\"/more\">x</a>", "https://partner.example/more")]
    [InlineData("<a href=\"//cdn.partner.example/x\">x</a>", "https://cdn.partner.example/x")]
    [InlineData("<a href=\"b2.html\">x</a>", "https://partner.example/news/2026/b2.html")]
    [InlineData("<a href=\"https://other.example/p?utm_source=feed&amp;id=3&amp;spm=a.b\">x</a>", "https://other.example/p?id=3")]
    public void Links_AreMadeAbsolute_AndUntracked(string html, string expected) =>
        Assert.Contains($"href=\"{expected}\"", PartnerHtml.Clean(html, Page), StringComparison.Ordinal);

    [Fact]
    public void ScriptLinks_LoseTheirTarget()
    {
        var cleaned = PartnerHtml.Clean("<a href=\"javascript:alert(1)\">x</a><a href=\"data:text/html,1\">y</a>", Page);
        Assert.DoesNotContain("href", cleaned, StringComparison.Ordinal);
    }

    [Fact]
    public void ImagesAndEmbeds_AreDropped_EvenInsideNoscript()
    {
        var cleaned = PartnerHtml.Clean("<p>文<img src=\"/t.gif\"></p><noscript><img src=\"/n.gif\"></noscript><picture><source srcset=\"a.webp\"></picture><iframe src=\"/x\"></iframe><video src=\"v.mp4\"></video>", Page);
        Assert.DoesNotContain("<img", cleaned, StringComparison.Ordinal);
        Assert.DoesNotContain("t.gif", cleaned, StringComparison.Ordinal);
        Assert.DoesNotContain("iframe", cleaned, StringComparison.Ordinal);
        Assert.DoesNotContain("video", cleaned, StringComparison.Ordinal);
        Assert.Contains("文", cleaned, StringComparison.Ordinal);
    }
}
