using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tidings.Core.Data;

namespace Tidings.BrowserTests;

/// <summary>Every control of the header and the article (comments included) is reached with Tab, in page order.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class KeyboardTests(BrowserPortal portal)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TabReachesEveryControl_OfTheHeaderAndTheArticle(bool care)
    {
        string path;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
            var a = await db.Articles.Where(a => a.ExternalId!.StartsWith("demo:") && a.CommentCount > 3).OrderBy(a => a.Id).Select(a => new { a.Id, a.Slug }).FirstAsync(cancellationToken: TestContext.Current.CancellationToken);
            path = $"/article/{a.Id}/{a.Slug}";
        }

        var page = await portal.OpenAsync(path, 1280, care: care);
        try
        {
            // Number the visible controls, then walk the page with Tab and note which numbers receive focus.
            var total = await page.EvaluateAsync<int>("""
                (() => {
                  const controls = [...document.querySelectorAll(
                    'header a[href], header button, header input, article a[href], article button, #comments a[href], #comments button, #comments input, #comments textarea, #comments summary')]
                    .filter(e => e.offsetParent !== null && !e.closest('details:not([open]) > :not(summary)'));
                  controls.forEach((e, i) => e.setAttribute('data-k', i));
                  return controls.length;
                })()
                """);
            Assert.True(total > 20, $"only {total} controls found");

            var reached = new HashSet<int>();
            for (var i = 0; i < total * 2 + 40 && reached.Count < total; i++)
            {
                await page.Keyboard.PressAsync("Tab");
                var k = await page.EvaluateAsync<string?>("document.activeElement && document.activeElement.getAttribute('data-k')");
                if (k is not null)
                {
                    reached.Add(int.Parse(k, System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            var missed = Enumerable.Range(0, total).Where(k => !reached.Contains(k)).ToList();
            var names = missed.Count == 0 ? [] : await page.EvaluateAsync<string[]>(
                "ks => ks.map(k => { const e = document.querySelector(`[data-k=\"${k}\"]`); return e.tagName + ' ' + (e.textContent || e.name).trim().slice(0, 12); })", missed);
            Assert.True(missed.Count == 0, "not reachable by Tab: " + string.Join(", ", names));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
