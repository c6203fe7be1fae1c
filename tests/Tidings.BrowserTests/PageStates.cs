using Microsoft.Playwright;

namespace Tidings.BrowserTests;

internal static class PageStates
{
    /// <summary>
    /// Puts the loaded page into each width and colour scheme in turn and runs axe and the reflow check in each. The
    /// site's styles follow both live (no script reads either, and nothing transitions), so this shows what a fresh
    /// load in that state would, without paying for a browser context, a page load and putting axe into the page each
    /// time. One entry per failing state, named after <paramref name="label"/>.
    /// </summary>
    public static async Task<List<string>> FailuresAsync(IPage page, string label, IEnumerable<(int Width, ColorScheme Scheme)> states)
    {
        var failures = new List<string>();
        foreach (var (width, scheme) in states)
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = scheme });
            Assert.True(await page.EvaluateAsync<bool>($"matchMedia('(prefers-color-scheme: {scheme.ToString().ToLowerInvariant()})').matches && document.documentElement.clientWidth <= {width}"));
            var where = $"{label} at {width}px {scheme}";
            if (await Axe.ViolationsAsync(page) is { Length: > 0 } violations)
            {
                failures.Add($"{where}:\n" + string.Join("\n", violations));
            }

            if (await Reflow.SidewaysAsync(page) is { } sideways)
            {
                failures.Add($"{where} {sideways}");
            }
        }

        return failures;
    }
}
