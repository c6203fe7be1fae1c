using Microsoft.Playwright;

namespace Tidings.BrowserTests;

/// <summary>
/// Every page type passes axe's WCAG 2.2 AA rules at desktop and phone widths, in light and dark, standard and 关怀版,
/// in the Chinese and the English interface, and never scrolls sideways.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class AccessibilityTests(BrowserPortal portal)
{
    private static readonly int[] Widths = [1280, 375, 320];
    private static readonly ColorScheme[] Schemes = [ColorScheme.Light, ColorScheme.Dark];

    public static TheoryData<string, bool, bool> Pages()
    {
        var data = new TheoryData<string, bool, bool>();
        foreach (var kind in new[] { "home", "channel", "region", "source", "article", "comments", "search", "search-empty", "hot", "404", "statement", "preferences", "login", "register", "following", "report", "corrections", "topic" })
        {
            data.Add(kind, false, false);
            data.Add(kind, true, false);
            // English: longer words in the same boxes, Chinese content inside English pages (lang on each part).
            data.Add(kind, false, true);
        }

        // 关怀版 in English where older readers spend their time: the home page and an article.
        data.Add("home", true, true);
        data.Add("article", true, true);
        return data;
    }

    /// <summary>One page load per page type and mode, checked at each width in light and dark (see <see cref="PageStates"/>).</summary>
    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryPageType_HasNoAxeViolations_AtEveryWidthInLightAndDark(string kind, bool care, bool english)
    {
        var path = await portal.PathOfAsync(kind);
        if (english)
        {
            path += (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "lang=en";
        }

        var page = await portal.OpenAsync(path, Widths[0], Schemes[0], care);
        try
        {
            if (english)
            {
                Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
            }

            var failures = await PageStates.FailuresAsync(page, care ? path + " in 关怀版" : path, Widths.SelectMany(w => Schemes.Select(c => (w, c))));
            Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
