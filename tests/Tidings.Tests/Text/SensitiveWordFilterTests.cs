using Tidings.Core.Text;

namespace Tidings.Tests.Text;

public sealed class SensitiveWordFilterTests
{
    private static readonly SensitiveWordFilter Filter = new(
        banned: ["代开发票", "办证", "FUCK"],
        suspect: ["加微信", "稳赚"],
        new SensitiveTextNormalizer(SensitiveTextNormalizer.ParseVariants(["開 开", "發髮 发", "證 证", "辦 办"])));

    [Theory]
    [InlineData("本公司长期代开发票，量大从优")]
    [InlineData("本公司长期代 开 发 票")]
    [InlineData("长期代*开.发·票！")]
    [InlineData("长期代\u200B开\u200D发\uFEFF票")]
    [InlineData("长期代開發票")]
    [InlineData("Ｆｕｃｋ this")]
    [InlineData("f.u.c.k")]
    [InlineData("f\u0336u\u0336c\u0336k\u0336")]
    public void DisguisedBannedTerms_AreFound_InsideUnspacedChinese(string text)
    {
        Assert.Equal(SensitiveTier.Banned, Filter.Scan(text).Tier);
    }

    [Fact]
    public void KangxiRadicalsAndCompatibilityIdeographs_FoldToOrdinaryCharacters()
    {
        // ⼒ (U+2F12 KANGXI RADICAL POWER) and 力 look the same; NFKC folds the first into the second.
        var filter = new SensitiveWordFilter(["暴力"], []);
        Assert.Equal(SensitiveTier.Banned, filter.Scan("这是暴\u2F12行为").Tier);
    }

    [Fact]
    public void SuspectTerms_AreHeld_AndBannedWinsWhenBothOccur()
    {
        var suspect = Filter.Scan("想要资料的加 微 信");
        Assert.Equal(SensitiveTier.Suspect, suspect.Tier);
        Assert.Equal("加微信", suspect.Term);

        var both = Filter.Scan("稳赚！另外可以办证");
        Assert.Equal(SensitiveTier.Banned, both.Tier);
        Assert.Equal("办证", both.Term);
    }

    [Fact]
    public void TheMatch_PointsAtTheOriginalText_ForTheMessageAndTheAudit()
    {
        const string text = "你好，长期代 开 發 票，联系我";
        var match = Filter.Scan(text);
        Assert.Equal("代开发票", match.Term);
        Assert.Equal("代 开 發 票", text.Substring(match.Start, match.Length));
    }

    [Theory]
    [InlineData("")]
    [InlineData("今天天气不错，适合出门散步。")]
    [InlineData("开发票的流程请咨询财务部门")]
    [InlineData("代表开会发言，票数通过")]
    [InlineData("我们办。证明材料明天交")]
    [InlineData("想办\n证明一下")]
    public void OrdinaryText_PassesUntouched(string text)
    {
        Assert.Equal(SensitiveWordFilter.Empty.Scan(text), SensitiveMatch.None);
        Assert.Equal(SensitiveTier.None, Filter.Scan(text).Tier);
    }

    [Fact]
    public void ABrokenVariantLine_IsReportedWithItsNumber()
    {
        var e = Assert.Throws<FormatException>(() => SensitiveTextNormalizer.ParseVariants(["# 注释", "發 发", "没有空格"]));
        Assert.Contains("line 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TenThousandTerms_AllMatch()
    {
        var terms = Enumerable.Range(0, 10_000).Select(i => "词" + i.ToString("x5", System.Globalization.CultureInfo.InvariantCulture) + "尾").ToList();
        var filter = new SensitiveWordFilter(terms, []);
        Assert.Equal(10_000, filter.BannedCount);
        Assert.Equal("词0270f尾", filter.Scan("前文词0270f尾后文").Term);
        Assert.Equal(SensitiveTier.None, filter.Scan("词0270f后文").Tier);
    }

    // Lone surrogates cannot travel in [InlineData] (the runner re-encodes them), so these cases are listed here.
    [Fact]
    public void Scan_NoncharacterOrLoneSurrogate_DoesNotThrow()
    {
        // Found by fuzzing: NFKC threw ArgumentException on both, so such a comment failed with a 500.
        foreach (var text in new[] { "你好\uFFFE", "你好\uD800", "\uDC00你好" })
        {
            Assert.Equal(SensitiveTier.None, Filter.Scan(text).Tier);
            Assert.Equal("你好", Filter.Normalizer.Normalize(text));
        }
    }

    [Fact]
    public void Scan_NoncharacterOrLoneSurrogateBetweenLetters_IsSeenThrough()
    {
        Assert.Equal(SensitiveTier.Banned, Filter.Scan("代开\uFFFE发票").Tier);
        Assert.Equal(SensitiveTier.Banned, Filter.Scan("代开\uD800发票").Tier);
    }
}
