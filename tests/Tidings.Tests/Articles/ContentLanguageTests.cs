using Tidings.Core.Articles;

namespace Tidings.Tests.Articles;

public sealed class ContentLanguageTests
{
    [Theory]
    [InlineData("zh-CN", "zh-CN")]
    [InlineData("zh", "zh-CN")]
    [InlineData("ZH-cn", "zh-CN")]
    [InlineData("zh-Hans-CN", "zh-CN")]
    [InlineData("zh_CN", "zh-CN")]
    [InlineData(" en ", "en")]
    [InlineData("en-GB", "en")]
    [InlineData("EN-us", "en")]
    [InlineData("zh-TW", null)]
    [InlineData("zh-Hant", null)]
    [InlineData("zh-HK", null)]
    [InlineData("fr", null)]
    [InlineData("english", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("en-aaaaaaaaaaaaaaaaaaaaaaaaa", null)]
    public void Normalize_ReadsTheSitesLanguagesOnly(string? tag, string? expected) => Assert.Equal(expected, ContentLanguage.Normalize(tag));

    [Fact]
    public void NewsSitemapCode_IsGooglesCode()
    {
        Assert.Equal("zh-cn", ContentLanguage.NewsSitemapCode(ContentLanguage.Chinese));
        Assert.Equal("en", ContentLanguage.NewsSitemapCode(ContentLanguage.English));
    }
}
