using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace Tidings.BrowserTests;

/// <summary>
/// axe-core's WCAG 2.2 AA rules, put into a page once and run as often as the test changes the page (width, colour
/// scheme, an opened panel). Putting the 650 kB script into the page cost more than running it, and the reader
/// pages are checked in six states each.
/// </summary>
internal static class Axe
{
    private static readonly string Source = new BundledAxeScriptProvider().GetScript();

    private const string Run = """
        async () => {
          const r = await axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
            resultTypes: ['violations'],
          });
          return r.violations.map(v => `${v.id} (${v.impact}): ${v.help}\n  `
            + v.nodes.slice(0, 3).map(n => n.html + ' — ' + n.any.concat(n.all, n.none).map(c => c.message).join('; ')).join('\n  '));
        }
        """;

    /// <summary>The violations on the page as it is now, one entry per rule with up to three of its elements.</summary>
    public static async Task<string[]> ViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("typeof axe === 'object'"))
        {
            await page.EvaluateAsync(Source);
        }

        return await page.EvaluateAsync<string[]>(Run);
    }
}
