using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Tidings.BrowserTests;

/// <summary>
/// Every page type passes axe's WCAG 2.2 AA rules at desktop and phone widths, in light and dark, standard and 关怀版,
/// and never scrolls sideways.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class AccessibilityTests(BrowserPortal portal)
{
    internal static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        ResultTypes = [ResultType.Violations],
    };

    public static TheoryData<string, int, ColorScheme, bool> Pages()
    {
        var data = new TheoryData<string, int, ColorScheme, bool>();
        string[] kinds = ["home", "channel", "region", "source", "article", "comments", "search", "search-empty", "hot", "404", "statement", "preferences"];
        foreach (var kind in kinds)
        {
            foreach (var width in new[] { 1280, 375, 320 })
            {
                foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
                {
                    data.Add(kind, width, scheme, false);
                    data.Add(kind, width, scheme, true);
                }
            }
        }

        // The account forms share one layout and few elements: a phone in 关怀版 and dark, and a desktop in light.
        foreach (var kind in new[] { "login", "register" })
        {
            data.Add(kind, 1280, ColorScheme.Light, false);
            data.Add(kind, 320, ColorScheme.Dark, true);
            data.Add(kind, 375, ColorScheme.Light, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryPageType_HasNoAxeViolations(string kind, int width, ColorScheme scheme, bool care)
    {
        var path = await portal.PathOfAsync(kind);
        var page = await portal.OpenAsync(path, width, scheme, care);
        try
        {
            var results = await page.RunAxe(WcagAa);
            var report = string.Join("\n", results.Violations.Select(v =>
                $"{v.Id} ({v.Impact}): {v.Help}\n  " + string.Join("\n  ", v.Nodes.Take(3).Select(n => n.Html + " — " + string.Join("; ", n.Any.Select(a => a.Message))))));
            Assert.True(results.Violations.Length == 0, $"{path} at {width}px {scheme}{(care ? " care" : string.Empty)}:\n{report}");

            // Reflow: nothing may need horizontal scrolling, down to 320 CSS px.
            var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            if (overflow > 0)
            {
                var culprits = await page.EvaluateAsync<string[]>("""
                    [...document.querySelectorAll('body *')]
                      .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                      .slice(0, 5).map(e => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}px`)
                    """);
                Assert.Fail($"{path} at {width}px{(care ? " care" : string.Empty)} scrolls sideways by {overflow}px: {string.Join(", ", culprits)}");
            }
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
