using Microsoft.Playwright;

namespace Tidings.BrowserTests;

/// <summary>The 无障碍浏览 toolbar: keyboard operation, each toggle's effect, persistence, and the no-script fallback.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class PreferencesTests(BrowserPortal portal)
{
    private static Task<double> RootPixelsAsync(IPage page) =>
        page.EvaluateAsync<double>("parseFloat(getComputedStyle(document.documentElement).fontSize)");

    [Fact]
    public async Task TheToolbar_OpensByKeyboard_AppliesChoicesAtOnce_KeepsThemAcrossReloads_AndEscCloses()
    {
        var page = await portal.OpenAsync("/");
        try
        {
            var toggle = page.Locator("[data-a11y-toggle]");
            await toggle.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.Locator("#a11y-panel")).ToBeVisibleAsync();
            await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
            await Assertions.Expect(page.Locator("#a11y-panel button[name=t][value='0']")).ToBeFocusedAsync();

            // The open panel passes axe too.
            var violations = await Axe.ViolationsAsync(page);
            Assert.True(violations.Length == 0, string.Join("\n", violations));

            Assert.Equal(16, await RootPixelsAsync(page));
            var largest = page.Locator("#a11y-panel button[name=t][value='3']");
            await largest.ClickAsync();
            await Assertions.Expect(largest).ToHaveAttributeAsync("aria-pressed", "true");
            Assert.Equal(24, await RootPixelsAsync(page));

            await page.Locator("#a11y-panel button[name=c][value=dark]").ClickAsync();
            Assert.Equal("rgb(0, 0, 0)", await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor"));
            await page.Locator("#a11y-panel button[name=g]").ClickAsync();
            await Assertions.Expect(page.Locator(".reading-guide")).ToHaveCountAsync(1);

            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(page.Locator("#a11y-panel")).ToBeHiddenAsync();
            await Assertions.Expect(toggle).ToBeFocusedAsync();

            // The server renders the same state on the next page: no flash, no script needed.
            await page.GotoAsync("/hot");
            Assert.Contains("text-3", await page.GetAttributeAsync("html", "class"), StringComparison.Ordinal);
            Assert.Contains("contrast-dark", await page.GetAttributeAsync("html", "class"), StringComparison.Ordinal);
            Assert.Equal("true", await page.GetAttributeAsync("#a11y-panel button[name=t][value='3']", "aria-pressed"));
            Assert.Equal(24, await RootPixelsAsync(page));
            Assert.Null(await Reflow.SidewaysAsync(page));

            await toggle.ClickAsync();
            await page.Locator("#a11y-panel button[name=reset]").ClickAsync();
            Assert.Equal(16, await RootPixelsAsync(page));
            await page.ReloadAsync();
            Assert.Null(await page.GetAttributeAsync("html", "class"));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task WithoutJavaScript_TheToolbarLink_LeadsToAPageWhoseButtonsPostTheChoice()
    {
        var page = await portal.OpenAsync("/", javaScript: false);
        try
        {
            await page.Locator("[data-a11y-toggle]").ClickAsync();
            await page.WaitForURLAsync("**/preferences");
            await page.Locator("main button[name=t][value='2']").ClickAsync();
            await page.WaitForURLAsync("**/preferences");
            Assert.Contains("text-2", await page.GetAttributeAsync("html", "class"), StringComparison.Ordinal);
            Assert.Equal(20, await RootPixelsAsync(page));
            Assert.Equal("true", await page.GetAttributeAsync("main button[name=t][value='2']", "aria-pressed"));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
