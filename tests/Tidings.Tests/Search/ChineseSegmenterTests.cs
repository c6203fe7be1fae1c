using Tidings.Core.Search;
using Tidings.Core.Text;

namespace Tidings.Tests.Search;

public sealed class ChineseSegmenterTests(SegmenterFixture fixture) : IClassFixture<SegmenterFixture>
{
    [Fact]
    public void Cut_KeepsEveryCharacter_SoTextCanBeRebuilt()
    {
        const string text = "潮声X5手机，支持5G和Wi-Fi 7。";
        Assert.Equal(text, string.Concat(fixture.Segmenter.Cut(text)));
    }

    [Fact]
    public void Words_DropPunctuationAndSpaces_LowerCaseLatin()
    {
        var words = fixture.Segmenter.Words("我来到北京清华大学，用iPhone拍照！").ToList();
        Assert.Contains("北京", words);
        Assert.Contains("清华大学", words);
        Assert.Contains("iphone", words);
        Assert.DoesNotContain("，", words);
    }

    [Fact]
    public void Fold_FullWidthAlphanumerics_KeepsChinesePunctuation() =>
        Assert.Equal("ABC123 xyz，。", ChineseSegmenter.Fold("ＡＢＣ１２３\u3000ｘｙｚ，。\u200b\u0007"));

    [Fact]
    public void StopWords_IncludeCommonChineseParticles()
    {
        Assert.True(fixture.Segmenter.IsStopWord("的"));
        Assert.False(fixture.Segmenter.IsStopWord("地铁"));
    }

    [Fact]
    public void UserDictionary_MakesANewWordOneToken()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "潮汐测试词典词 100 n\n");
        using var segmenter = new ChineseSegmenter(path);
        Assert.Contains("潮汐测试词典词", segmenter.Words("今天的潮汐测试词典词出现了"));
        File.Delete(path);
    }

    [Fact]
    public void SearchText_TitleAndBody_JoinedBySeparator_ExtraHasSubWordsSourceAndTags()
    {
        var text = new SearchTextBuilder(fixture.Segmenter).Build(
            "中华人民共和国成立", "摘要。", "<p>正文<b>内容</b></p>", "东岸晨报", ["国庆"]);
        Assert.Equal("中华人民共和国成立", text.Title.Replace("\u200b", string.Empty, StringComparison.Ordinal));
        Assert.Contains('\u200b', text.Title);
        Assert.Equal("摘要。 正文内容", text.Body.Replace("\u200b", string.Empty, StringComparison.Ordinal));
        var extra = text.Extra.Split(' ');
        Assert.Contains("共和国", extra);
        Assert.Contains("国庆", extra);
        Assert.Contains("晨报", extra);
    }
}
