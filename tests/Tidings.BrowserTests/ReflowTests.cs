namespace Tidings.BrowserTests;

/// <summary>
/// WCAG 1.4.12 (text spacing) and 1.4.4 (resize text): with a reader's own spacing or twice the text size, no text is
/// cut off, spills out of its box, or needs sideways scrolling.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ReflowTests(BrowserPortal portal)
{
    // The spacing a reader's own style sheet may set, exactly as 1.4.12 lists it.
    private const string TextSpacing = """
        * { line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important; }
        p { margin-bottom: 2em !important; }
        """;

    // What the browser's text-size setting does at 200 %: a larger root size, with the page's rem sizes following it.
    private const string DoubleText = "html, html.care { font-size: 200% !important; }";

    // An element whose content is larger than its box either clips it (overflow hidden) or paints it over its
    // neighbours (overflow visible); both lose text. Glyphs of a tight-leaded CJK line may overhang their line box by a
    // fraction of an em without covering anything, so visible overflow is allowed that much. Form fields scroll
    // inside by design, and the visually hidden helpers are 1 px on purpose. The innermost offenders are reported,
    // since their ancestors overflow only because of them.
    private const string FindLostText = """
        () => {
          const lost = [];
          for (const e of document.querySelectorAll('body *')) {
            if (['INPUT', 'TEXTAREA', 'SELECT', 'OPTION', 'SCRIPT', 'STYLE', 'svg', 'IMG'].includes(e.tagName)) continue;
            if (e.closest('.visually-hidden, [hidden], .skip-link, details:not([open]) > :not(summary)')) continue;
            const s = getComputedStyle(e);
            if (s.display === 'inline' || s.display === 'contents' || s.visibility === 'hidden') continue;
            const r = e.getBoundingClientRect();
            if (r.width < 2 || r.height < 2) continue;
            const scrolls = v => v === 'auto' || v === 'scroll';
            const slack = v => v === 'visible' ? 0.2 * parseFloat(s.fontSize) : 1;
            const overX = e.scrollWidth > e.clientWidth + 1 && !scrolls(s.overflowX);
            const overY = e.scrollHeight > e.clientHeight + slack(s.overflowY) && !scrolls(s.overflowY);
            if (overX || overY) lost.push(e);
          }
          return lost.filter(e => !lost.some(o => o !== e && e.contains(o))).slice(0, 8).map(e =>
            `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${e.textContent.trim().replace(/\s+/g, ' ').slice(0, 12)}" ` +
            `${e.clientWidth}x${e.clientHeight} holds ${e.scrollWidth}x${e.scrollHeight}`);
        }
        """;

    public static TheoryData<string, string, int, bool> Cases()
    {
        var data = new TheoryData<string, string, int, bool>();
        foreach (var kind in new[] { "home", "channel", "article", "comments", "search", "hot" })
        {
            foreach (var care in new[] { false, true })
            {
                data.Add(kind, "spacing", 1280, care);
                data.Add(kind, "spacing", 320, care);
                data.Add(kind, "text200", 1280, care);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ReadersOwnSpacingOrDoubleText_LosesNoText(string kind, string adjustment, int width, bool care)
    {
        var path = await portal.PathOfAsync(kind);
        var page = await portal.OpenAsync(path, width, care: care, readerStyles: true);
        try
        {
            var before = await page.EvalOnSelectorAsync<double>("body", "b => parseFloat(getComputedStyle(b.querySelector('main p, main li') ?? b).fontSize)");
            await page.AddStyleTagAsync(new() { Content = adjustment == "spacing" ? TextSpacing : DoubleText });
            if (adjustment == "text200")
            {
                // The adjustment has to have reached the text, or the test would pass vacuously.
                var after = await page.EvalOnSelectorAsync<double>("body", "b => parseFloat(getComputedStyle(b.querySelector('main p, main li') ?? b).fontSize)");
                Assert.True(after >= before * 1.4, $"text went from {before}px to {after}px");
            }

            var where = $"{path} at {width}px{(care ? " care" : string.Empty)} with {adjustment}";
            var lost = await page.EvaluateAsync<string[]>(FindLostText);
            Assert.True(lost.Length == 0, $"{where} loses text: " + string.Join("; ", lost));
            var sideways = await Reflow.SidewaysAsync(page);
            Assert.True(sideways is null, $"{where} {sideways}");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
