using Tidings.Core.Newsroom;
using Tidings.Core.Text;

namespace Tidings.Tests.Newsroom;

public sealed class DraftCheckTests
{
    private static readonly SensitiveWordFilter Words = new(["网络赌场"], ["加微信"]);
    private static readonly MiswrittenWords Miswritten = MiswrittenWords.Parse(["# 注释", "按装 安装", "既使 即使", "", "再接再励 再接再厉"]);

    [Fact]
    public void EveryHit_IsReportedInPlace_WithItsLineAndWhatToWrite()
    {
        var body = "第一段：工人正在按装新设备。\n第二段：既使下雨，也要再接再励。\n第三段：有人在网 络赌场输光积蓄，还让人加微信。";
        var hits = DraftCheck.Run([("标题", "新设备按装完毕"), ("正文", body)], Words, Miswritten);
        Assert.Equal(
            [
                "Miswritten 标题:1 新设备[按装]完毕 → 安装",
                "Miswritten 正文:1 第一段：工人正在[按装]新设备。 第二段：既使下 → 安装",
                "Miswritten 正文:2 在按装新设备。 第二段：[既使]下雨，也要再接再励。 第 → 即使",
                "Miswritten 正文:2  第二段：既使下雨，也要[再接再励]。 第三段：有人在网 络 → 再接再厉",
                "Banned 正文:3 接再励。 第三段：有人在[网 络赌场]输光积蓄，还让人加微信。 → ",
                "Suspect 正文:3  络赌场输光积蓄，还让人[加微信]。 → ",
            ],
            hits.Select(h => $"{h.Kind} {h.Field}:{h.Line} {h.Before}[{h.Found}]{h.After} → {h.Suggestion}"));
    }

    [Fact]
    public void TheReport_IsBounded_WhateverTheText()
    {
        var body = string.Concat(Enumerable.Repeat("按装", 10_000));
        Assert.Equal(DraftCheck.MaxHits, DraftCheck.Run([("正文", body)], Words, Miswritten).Count);
    }

    [Theory]
    [InlineData("也要再接再励")]
    [InlineData("还让人加微信")]
    [InlineData("按装")]
    public void AHitThatEndsTheText_IsReportedWithNothingAfterIt(string text)
    {
        var hit = Assert.Single(DraftCheck.Run([("标题", text)], Words, Miswritten));
        Assert.Equal(string.Empty, hit.After);
        Assert.EndsWith(hit.Found, text, StringComparison.Ordinal);
    }

    [Fact]
    public void AContextNeverSplitsASurrogatePair()
    {
        var hit = Assert.Single(DraftCheck.Run([("正文", "😀😀😀😀😀😀😀按装😀😀😀😀😀😀😀")], Words, Miswritten));
        Assert.True(System.Text.Unicode.Utf8.FromUtf16(hit.Before + hit.After, new byte[100], out _, out _, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done);
    }

    [Theory]
    [InlineData("按装")]
    [InlineData("按装 安装 多余")]
    [InlineData("安装 安装")]
    public void ABrokenListLine_IsRefusedWithItsNumber(string line)
    {
        var error = Assert.Throws<FormatException>(() => MiswrittenWords.Parse(["# 注释", line]));
        Assert.StartsWith("line 2:", error.Message, StringComparison.Ordinal);
    }
}
