using Microsoft.Playwright;

namespace Tidings.BrowserTests;

/// <summary>分享至 by keyboard in a real browser: one-step copy with its fallback, the WeChat code, the system sheet.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ShareTests(BrowserPortal portal)
{
    private async Task<string> ArticleAsync() => await portal.PathOfAsync("article");

    private static async Task PressAsync(IPage page, string summaryText)
    {
        var summary = page.Locator(".share summary", new() { HasTextString = summaryText });
        await summary.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
    }

    [Fact]
    public async Task CopyLink_CopiesTheCanonicalUrlInOneStep_AndSaysSo()
    {
        var path = await ArticleAsync();
        var page = await portal.NewPageAsync();
        try
        {
            await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = portal.BaseUrl });
            await page.GotoAsync(path);
            // With script it is a plain button (a disclosure that never discloses would mislead a screen reader).
            var copy = page.GetByRole(AriaRole.Button, new() { Name = "复制链接", Exact = true });
            await copy.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.Locator("[data-share-status]")).ToContainTextAsync("链接已复制");
            Assert.Equal(portal.BaseUrl + path, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));
            // Copied, so the fallback panel stayed hidden.
            await Assertions.Expect(page.Locator(".share__copy")).ToBeHiddenAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task CopyLink_WithoutAClipboard_SelectsTheLinkForTheReader()
    {
        var path = await ArticleAsync();
        var page = await portal.NewPageAsync();
        try
        {
            await page.AddInitScriptAsync("Object.defineProperty(Navigator.prototype, 'clipboard', { configurable: true, get: () => undefined });");
            await page.GotoAsync(path);
            await page.GetByRole(AriaRole.Button, new() { Name = "复制链接", Exact = true }).FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.Locator("[data-share-status]")).ToContainTextAsync("请复制已选中的链接");
            Assert.True(await page.EvalOnSelectorAsync<bool>(".share__copy", "d => d.open && !d.hidden"));
            Assert.Equal("share-link", await page.EvaluateAsync<string>("document.activeElement.id"));
            Assert.Equal(portal.BaseUrl + path, await page.EvaluateAsync<string>("(() => { const i = document.activeElement; return i.value.slice(i.selectionStart, i.selectionEnd); })()"));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task WeChat_ShowsAScannableCode_EscClosesIt_AndTheShareIsReported()
    {
        var path = await ArticleAsync();
        var page = await portal.NewPageAsync();
        try
        {
            var beacons = new List<string>();
            page.Request += (_, request) =>
            {
                if (request.Url.EndsWith("/api/v1/events", StringComparison.Ordinal) && request.PostData is { } body)
                {
                    lock (beacons)
                    {
                        beacons.Add(body);
                    }
                }
            };
            await page.GotoAsync(path);
            await PressAsync(page, "微信");
            var code = page.Locator(".share__wechat img");
            await Assertions.Expect(code).ToBeVisibleAsync();
            // Polled from here: WaitForFunction would evaluate its predicate with eval, which the page's CSP forbids.
            for (var waited = 0; await page.EvaluateAsync<int>("document.querySelector('.share__wechat img').naturalWidth") == 0; waited += 50)
            {
                Assert.True(waited < 5_000, "the QR code never loaded");
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }

            var box = await code.BoundingBoxAsync();
            Assert.True(box!.Width >= 150 && box.Height >= 150, $"code drawn at {box.Width}x{box.Height}");

            // Both panels open at once still pass axe.
            await page.EvalOnSelectorAsync(".share__copy", "d => { d.hidden = false; d.open = true; }");
            var violations = await Axe.ViolationsAsync(page);
            Assert.True(violations.Length == 0, string.Join("\n", violations));

            await page.Locator(".share__wechat summary").FocusAsync();
            await page.Keyboard.PressAsync("Escape");
            Assert.False(await page.EvalOnSelectorAsync<bool>(".share__wechat", "d => d.open"));
            Assert.Equal("微信", await page.EvaluateAsync<string>("document.activeElement.textContent"));

            for (var waited = 0; !Reported(); waited += 50)
            {
                Assert.True(waited < 5_000, "no share signal was sent: " + string.Join(" | ", beacons));
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }

            bool Reported()
            {
                lock (beacons)
                {
                    return beacons.Any(b => b.Contains("\"share\"", StringComparison.Ordinal));
                }
            }
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task SystemShareSheet_IsOfferedOnlyWhereTheBrowserHasOne()
    {
        var path = await ArticleAsync();
        var plain = await portal.OpenAsync(path);
        try
        {
            await Assertions.Expect(plain.Locator("[data-share-native]")).ToBeHiddenAsync();
        }
        finally
        {
            await plain.Context.CloseAsync();
        }

        var page = await portal.NewPageAsync(width: 375);
        try
        {
            await page.AddInitScriptAsync("window.__shared = []; navigator.share = data => { window.__shared.push(data); return Promise.resolve(); };");
            await page.GotoAsync(path);
            var button = page.GetByRole(AriaRole.Button, new() { Name = "更多分享方式" });
            await button.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            Assert.Equal(portal.BaseUrl + path, await page.EvaluateAsync<string>("window.__shared[0].url"));
            Assert.Equal(await page.TextContentAsync("h1"), await page.EvaluateAsync<string>("window.__shared[0].title"));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
