using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Tidings.IntegrationTests.Languages;

/// <summary>中文 / English: how a reader picks the interface language, and that no cached copy crosses languages.</summary>
public sealed class LanguageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly HtmlParser Parser = new();

    private HttpClient Client(WebApplicationFactory<Program>? app = null) =>
        (app ?? portal).CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static async Task<IHtmlDocument> GetAsync(HttpClient client, string path, string? cookie = null, string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Parser.ParseDocument(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static string Lang(IHtmlDocument page) => page.DocumentElement.GetAttribute("lang")!;

    [Fact]
    public async Task Home_IsChineseByDefault_WithTheSwitchAndAlternates()
    {
        using var client = Client();
        var page = await GetAsync(client, "/");
        Assert.Equal("zh-CN", Lang(page));
        Assert.Equal("zh_CN", page.QuerySelector("meta[property='og:locale']")!.GetAttribute("content"));
        var english = page.QuerySelector(".language-switch a[lang='en']")!;
        Assert.Equal("English", english.TextContent);
        Assert.StartsWith("/language/en?return=", english.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector(".language-switch [aria-current]")!.GetAttribute("aria-current"));
        var alternates = page.QuerySelectorAll("link[rel='alternate'][hreflang]").ToDictionary(l => l.GetAttribute("hreflang")!, l => l.GetAttribute("href")!);
        Assert.EndsWith("/?lang=en", alternates["en"], StringComparison.Ordinal);
        Assert.EndsWith("/?lang=zh-CN", alternates["zh-CN"], StringComparison.Ordinal);
        Assert.EndsWith("/", alternates["x-default"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switch_SetsTheCookie_AndEveryCachedPageFollowsIt()
    {
        using var client = Client();
        var article = await portal.WithDbAsync(db => db.Articles.Where(a => a.Status == Tidings.Core.Articles.ArticleStatus.Published && a.Slug != null)
            .OrderBy(a => a.Id).Select(a => "/article/" + a.Id + "/" + a.Slug).FirstAsync(TestContext.Current.CancellationToken));
        // Warm both page caches in Chinese first: the English request must not be served the Chinese copy.
        Assert.Equal("zh-CN", Lang(await GetAsync(client, "/")));
        Assert.Equal("zh-CN", Lang(await GetAsync(client, article)));

        using var response = await client.GetAsync("/language/en?return=" + Uri.EscapeDataString(article), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(article, response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("tlang=en;", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);

        foreach (var path in new[] { "/", article })
        {
            var english = await GetAsync(client, path, cookie: "tlang=en");
            Assert.Equal("en", Lang(english));
            Assert.Equal("Skip to content", english.QuerySelector(".skip-link")!.TextContent);
            Assert.Equal("中文", english.QuerySelector(".language-switch a[lang='zh-CN']")!.TextContent);
            // And back: the Chinese copy is still the Chinese one.
            Assert.Equal("zh-CN", Lang(await GetAsync(client, path)));
        }
    }

    [Fact]
    public async Task LangQuery_PicksTheLanguage_ForThatRequestOnly()
    {
        using var client = Client();
        Assert.Equal("en", Lang(await GetAsync(client, "/?lang=en")));
        Assert.Equal("zh-CN", Lang(await GetAsync(client, "/?lang=fr")));
        Assert.Equal("zh-CN", Lang(await GetAsync(client, "/")));
    }

    [Theory]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/channel/tech?page=2", "/channel/tech?page=2")]
    [InlineData("/channel/tech?lang=en&page=2", "/channel/tech?page=2")]
    [InlineData("/?lang=en", "/")]
    public async Task Switch_OnlyReturnsToThisSite(string target, string expected)
    {
        using var client = Client();
        using var response = await client.GetAsync("/language/en?return=" + Uri.EscapeDataString(target), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Switch_ToALanguageNotOffered_SetsNothing()
    {
        using var client = Client();
        using var response = await client.GetAsync("/language/fr?return=/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task BrowserLanguage_DecidesOnlyWhereTheOperatorAllowsIt()
    {
        using var client = Client();
        Assert.Equal("zh-CN", Lang(await GetAsync(client, "/", acceptLanguage: "en-GB,en;q=0.9")));

        using var allowing = portal.WithWebHostBuilder(b => b.UseSetting("Tidings:UseBrowserLanguage", "true"));
        using var browser = Client(allowing);
        Assert.Equal("en", Lang(await GetAsync(browser, "/", acceptLanguage: "fr-FR,en-GB;q=0.8")));
        Assert.Equal("zh-CN", Lang(await GetAsync(browser, "/", acceptLanguage: "zh-Hans-CN,zh;q=0.9,en;q=0.5")));
        // The reader's own choice beats the browser's.
        Assert.Equal("zh-CN", Lang(await GetAsync(browser, "/", cookie: "tlang=zh-CN", acceptLanguage: "en")));
    }

    [Fact]
    public async Task Feeds_SpeakTheSiteLanguage_WhoeverAsksFirst()
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/feeds/channel/finance.rss");
        request.Headers.Add("Cookie", "tlang=en");
        using var english = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var first = await english.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("<language>zh-CN</language>", first, StringComparison.Ordinal);
        Assert.Contains("频道最新文章", first, StringComparison.Ordinal);
        Assert.Equal(first, await client.GetStringAsync("/feeds/channel/finance.rss", TestContext.Current.CancellationToken));
    }

    [Fact]
    public void TheFrameworksBindingMessages_FollowTheRequestsLanguage()
    {
        var messages = portal.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Mvc.MvcOptions>>().Value.ModelBindingMessageProvider;
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en");
            Assert.Equal("The value 'abc' is not valid for Page.", messages.AttemptedValueIsInvalidAccessor("abc", "Page"));
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");
            Assert.Equal("“abc”不是页码的有效值。", messages.AttemptedValueIsInvalidAccessor("abc", "页码"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void AStringLocalizer_ReadsTheSameResources_AsTheTypedClasses()
    {
        // The classes are static, so the localizers come from the factory by type.
        var factory = portal.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizerFactory>();
        var shared = factory.Create(typeof(Tidings.Web.Shared.Ui));
        var newsroom = factory.Create(typeof(Tidings.Web.Features.Newsroom.NewsroomText));
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            foreach (var language in new[] { "en", "zh-CN" })
            {
                System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(language);
                Assert.Equal(Tidings.Web.Shared.Ui.Home, shared[nameof(Tidings.Web.Shared.Ui.Home)].Value);
                Assert.False(newsroom[nameof(Tidings.Web.Features.Newsroom.NewsroomText.PartnerFeedsIntro)].ResourceNotFound);
                Assert.Equal(Tidings.Web.Features.Newsroom.NewsroomText.PartnerFeedsIntro, newsroom[nameof(Tidings.Web.Features.Newsroom.NewsroomText.PartnerFeedsIntro)].Value);
            }
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public async Task ListTitles_InAnotherLanguageThanThePage_SaySo()
    {
        // The demo's English edition has a story in the tech channel; the rest of the channel is Chinese.
        using var client = Client();
        var chinese = await GetAsync(client, "/channel/tech");
        var english = chinese.QuerySelectorAll(".article-item__title a").Single(a => a.GetAttribute("href")!.Contains("hangzhou-ai-chip-tapeout-english", StringComparison.Ordinal));
        Assert.Equal("en", english.GetAttribute("lang"));
        Assert.All(chinese.QuerySelectorAll(".article-item__title a").Where(a => a != english), a => Assert.Null(a.GetAttribute("lang")));

        var inEnglish = await GetAsync(client, "/channel/tech", cookie: "tlang=en");
        var titles = inEnglish.QuerySelectorAll(".article-item__title a").ToList();
        Assert.Null(titles.Single(a => a.GetAttribute("href")!.Contains("hangzhou-ai-chip-tapeout-english", StringComparison.Ordinal)).GetAttribute("lang"));
        Assert.Contains(titles, a => a.GetAttribute("lang") == "zh-CN");
    }
}
