using Microsoft.Playwright;

namespace Tidings.BrowserTests;

/// <summary>关怀版 measured in the browser: type sizes, control sizes, one column, nothing fixed, and the choice kept.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class CareModeTests(BrowserPortal portal)
{
    private const string MainControls =
        ".site-logo, .channel-nav a, .mode-switch button, .site-search button, .site-search input, .comment-form button, .vote button, .comment__reply, .load-more a";

    private static Task<double> PixelsAsync(IPage page, string selector, string property) =>
        page.EvalOnSelectorAsync<double>(selector, $"e => parseFloat(getComputedStyle(e)['{property}'])");

    [Theory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task EnteringCareMode_EnlargesTextAndControls_InOneColumn_AndTheChoicePersists(int width)
    {
        var page = await portal.OpenAsync("/", width);
        try
        {
            var article = await page.GetAttributeAsync(".lead-story a, .article-list a", "href");
            await page.GotoAsync(article!);
            Assert.True(await PixelsAsync(page, ".article__body p", "fontSize") < 22);

            await page.GetByRole(AriaRole.Button, new() { Name = "进入关怀版" }).ClickAsync();
            await page.WaitForURLAsync("**" + article);
            Assert.Equal("care", await page.GetAttributeAsync("html", "class"));

            var body = await PixelsAsync(page, ".article__body p", "fontSize");
            Assert.True(body >= 22, $"body text {body}px");
            Assert.True(await PixelsAsync(page, ".article__body p", "lineHeight") >= 1.5 * body);
            var headline = await PixelsAsync(page, "h1", "fontSize");
            Assert.True(headline >= 30, $"headline {headline}px");

            var small = await page.EvalOnSelectorAllAsync<string[]>(MainControls, """
                els => els.filter(e => e.offsetParent !== null)
                          .map(e => [e, e.getBoundingClientRect()])
                          .filter(([, r]) => r.width < 60 || r.height < 60)
                          .map(([e, r]) => `${e.tagName} ${e.textContent.trim().slice(0, 10)} ${Math.round(r.width)}x${Math.round(r.height)}`)
                """);
            Assert.True(small.Length == 0, "controls under 60×60: " + string.Join(", ", small));

            var fixedOrSticky = await page.EvaluateAsync<int>("[...document.querySelectorAll('*')].filter(e => ['fixed', 'sticky'].includes(getComputedStyle(e).position)).length");
            Assert.Equal(0, fixedOrSticky);

            // One column: the side modules come after the article, not beside it.
            var main = await page.Locator(".layout__main").BoundingBoxAsync();
            var side = await page.Locator(".layout__side").BoundingBoxAsync();
            Assert.True(side!.Y >= main!.Y + main.Height - 1);
            Assert.Null(await Reflow.SidewaysAsync(page));

            // The choice holds on other pages and in a new tab, until the reader leaves it.
            await page.GotoAsync("/hot");
            Assert.Equal("care", await page.GetAttributeAsync("html", "class"));
            var tab = await page.Context.NewPageAsync();
            await tab.GotoAsync("/");
            Assert.Equal("care", await tab.GetAttributeAsync("html", "class"));
            await tab.GetByRole(AriaRole.Button, new() { Name = "退出关怀版" }).ClickAsync();
            // The form posts and comes back to the same URL: wait for the new document (a URL wait would match the old
            // one at once and then hang on its load event while a busy machine loads the new page's images).
            await Assertions.Expect(tab.GetByRole(AriaRole.Button, new() { Name = "进入关怀版" })).ToBeVisibleAsync();
            Assert.Null(await tab.GetAttributeAsync("html", "class"));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
