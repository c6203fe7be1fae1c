using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tidings.Core.Data;

namespace Tidings.BrowserTests;

/// <summary>朗读 against a stubbed speechSynthesis: it never speaks unasked, reads in order, and hides without a Chinese voice.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ReadAloudTests(BrowserPortal portal)
{
    /// <summary>Records what would be spoken; an utterance "ends" when the test says so.</summary>
    private const string Stub = """
        (() => {
          window.__spoken = [];
          window.__cancelled = 0;
          // speechSynthesis is a read-only attribute: replace it by definition, not assignment.
          Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: {
            getVoices: () => [{ lang: window.__stubLang || 'zh-CN', name: 'stub' }],
            speak: u => { window.__spoken.push(u.text); window.__last = u; },
            cancel: () => { window.__cancelled++; },
            pause: () => {}, resume: () => {},
            addEventListener: () => {},
          } });
          window.SpeechSynthesisUtterance = function (text) { this.text = text; };
        })();
        """;

    private async Task<string> ArticleAsync()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
        var a = await db.Articles.Where(a => a.ExternalId!.StartsWith("demo:")).OrderBy(a => a.Id).Select(a => new { a.Id, a.Slug }).FirstAsync();
        return $"/article/{a.Id}/{a.Slug}";
    }

    [Fact]
    public async Task ReadAloud_WaitsToBeAsked_ThenReadsTitleAndParagraphsInOrder_AndStops()
    {
        var path = await ArticleAsync();
        var page = await portal.NewPageAsync();
        try
        {
            await page.AddInitScriptAsync(Stub);
            await page.GotoAsync(path);
            await page.WaitForTimeoutAsync(500);
            Assert.Equal(0, await page.EvaluateAsync<int>("window.__spoken.length"));

            await page.Locator("[data-a11y-toggle]").ClickAsync();
            var start = page.Locator("#a11y-panel [data-speech=start]");
            await Assertions.Expect(start).ToBeVisibleAsync();
            await start.ClickAsync();
            var title = await page.TextContentAsync("article h1");
            Assert.Equal([title!.Trim()], await page.EvaluateAsync<string[]>("window.__spoken"));
            Assert.Equal("H1", await page.EvaluateAsync<string>("document.querySelector('.reading-now').tagName"));

            // Each utterance's end moves on to the next paragraph, highlighted.
            await page.EvaluateAsync("window.__last.onend()");
            var first = await page.TextContentAsync(".article__body p");
            Assert.Equal(first!.Trim(), await page.EvaluateAsync<string>("window.__spoken[1]"));
            Assert.Equal(first, await page.TextContentAsync(".reading-now"));

            await page.Locator("#a11y-panel [data-speech=stop]").ClickAsync();
            Assert.Equal(0, await page.Locator(".reading-now").CountAsync());
            Assert.True(await page.EvaluateAsync<int>("window.__cancelled") >= 2);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task WithoutAChineseVoice_TheReadAloudControlsStayHidden()
    {
        var path = await ArticleAsync();
        var page = await portal.NewPageAsync();
        try
        {
            await page.AddInitScriptAsync("window.__stubLang = 'en-US';" + Stub);
            await page.GotoAsync(path);
            await page.Locator("[data-a11y-toggle]").ClickAsync();
            await Assertions.Expect(page.Locator("#a11y-panel fieldset[data-read-aloud]")).ToBeHiddenAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
