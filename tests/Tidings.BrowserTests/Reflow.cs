using Microsoft.Playwright;

namespace Tidings.BrowserTests;

internal static class Reflow
{
    /// <summary>
    /// Null when nothing needs horizontal scrolling (WCAG 1.4.10, down to 320 CSS px); else by how much, naming the
    /// first elements that stick out.
    /// </summary>
    public static async Task<string?> SidewaysAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        if (overflow <= 0)
        {
            return null;
        }

        var culprits = await page.EvaluateAsync<string[]>("""
            [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
              .slice(0, 5).map(e => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}px`)
            """);
        return $"scrolls sideways by {overflow}px: {string.Join(", ", culprits)}";
    }
}
