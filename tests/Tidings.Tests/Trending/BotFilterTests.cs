using Tidings.Core.Trending;

namespace Tidings.Tests.Trending;

public sealed class BotFilterTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0 Mobile Safari/537.36 XWEB/1160117 MMWEBSDK/20240301 MicroMessenger/8.0.48 WeChat/arm64 NetType/WIFI Language/zh_CN")]
    [InlineData("Mozilla/5.0 (Linux; Android 12; NOH-AN00; HMSCore 6.13) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0 HuaweiBrowser/15.0.4 Mobile Safari/537.36")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0")]
    public void Browsers_AreReaders(string userAgent) => Assert.False(BotFilter.Default.IsBot(userAgent));

    [Theory]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [InlineData("Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36")]
    [InlineData("curl/8.5.0")]
    [InlineData("python-requests/2.32.3")]
    [InlineData("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)")]
    [InlineData("")]
    [InlineData(null)]
    public void CrawlersScriptsAndHeadlessBrowsers_AreIgnored(string? userAgent) => Assert.True(BotFilter.Default.IsBot(userAgent));

    [Fact]
    public void OperatorPatterns_AddToTheDefaults_AndABrokenLineIsNamed()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["# our uptime checker", "NewsroomProbe/\\d+", ""]);
            var filter = BotFilter.FromFile(path);
            Assert.True(filter.IsBot("NewsroomProbe/3"));
            Assert.True(filter.IsBot("curl/8.5.0"));
            Assert.False(filter.IsBot("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"));

            File.WriteAllLines(path, ["(unclosed"]);
            var error = Assert.Throws<FormatException>(() => BotFilter.FromFile(path));
            Assert.Contains("(unclosed", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
