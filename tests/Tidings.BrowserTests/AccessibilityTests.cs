using Microsoft.Playwright;

namespace Tidings.BrowserTests;

/// <summary>
/// Every page type passes axe's WCAG 2.2 AA rules at desktop and phone widths, in light and dark, standard and 关怀版,
/// and never scrolls sideways.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class AccessibilityTests(BrowserPortal portal)
{
    private static readonly int[] Widths = [1280, 375, 320];
    private static readonly ColorScheme[] Schemes = [ColorScheme.Light, ColorScheme.Dark];

    public static TheoryData<string, bool> Pages()
    {
        var data = new TheoryData<string, bool>();
        foreach (var kind in new[] { "home", "channel", "region", "source", "article", "comments", "search", "search-empty", "hot", "404", "statement", "preferences", "login", "register" })
        {
            data.Add(kind, false);
            data.Add(kind, true);
        }

        return data;
    }

    /// <summary>
    /// One page load per page type and mode, checked at each width in light and dark: the site's styles follow the
    /// viewport and <c>prefers-color-scheme</c> live (no script reads either, and nothing transitions), so resizing and
    /// switching the scheme shows what a fresh load would, without paying six times for a browser context, a page load
    /// and putting axe into the page.
    /// </summary>
    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryPageType_HasNoAxeViolations_AtEveryWidthInLightAndDark(string kind, bool care)
    {
        var path = await portal.PathOfAsync(kind);
        var page = await portal.OpenAsync(path, Widths[0], Schemes[0], care);
        var failures = new List<string>();
        try
        {
            foreach (var width in Widths)
            {
                foreach (var scheme in Schemes)
                {
                    await page.SetViewportSizeAsync(width, 900);
                    await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = scheme });
                    Assert.True(await page.EvaluateAsync<bool>($"matchMedia('(prefers-color-scheme: {scheme.ToString().ToLowerInvariant()})').matches && document.documentElement.clientWidth <= {width}"));
                    var where = $"{path} at {width}px {scheme}{(care ? " care" : string.Empty)}";
                    if (await Axe.ViolationsAsync(page) is { Length: > 0 } violations)
                    {
                        failures.Add($"{where}:\n" + string.Join("\n", violations));
                    }

                    if (await Reflow.SidewaysAsync(page) is { } sideways)
                    {
                        failures.Add($"{where} {sideways}");
                    }
                }
            }

            Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
