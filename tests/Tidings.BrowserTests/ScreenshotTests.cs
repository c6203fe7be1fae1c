using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tidings.Core.Data;

namespace Tidings.BrowserTests;

/// <summary>
/// Screenshots of home and article, standard and 关怀版, at 1280 and 375 px, for a person to look at (CJK fonts must be
/// installed, or Chinese shows as boxes). Written to $TIDINGS_SCREENSHOTS, else to screenshots/ beside the tests.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ScreenshotTests(BrowserPortal portal)
{
    [Fact]
    public async Task HomeAndArticle_AreCaptured_InBothModes_AtDesktopAndPhoneWidths()
    {
        var directory = Environment.GetEnvironmentVariable("TIDINGS_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        string article;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
            var a = await db.Articles.Where(a => a.ExternalId!.StartsWith("demo:") && a.CoverUrl != null && a.CommentCount > 5)
                .OrderBy(a => a.Id).Select(a => new { a.Id, a.Slug }).FirstAsync();
            article = $"/article/{a.Id}/{a.Slug}";
        }

        foreach (var (name, path) in new[] { ("home", "/"), ("article", article) })
        {
            foreach (var width in new[] { 1280, 375 })
            {
                foreach (var care in new[] { false, true })
                {
                    var page = await portal.OpenAsync(path, width, care: care);
                    try
                    {
                        // JPEG keeps the committed set small; PNG (TIDINGS_SCREENSHOTS_PNG=1) for lossless comparison.
                        var png = Environment.GetEnvironmentVariable("TIDINGS_SCREENSHOTS_PNG") == "1";
                        var file = Path.Combine(directory, $"{name}-{(care ? "care" : "standard")}-{width}.{(png ? "png" : "jpg")}");
                        await page.ScreenshotAsync(png
                            ? new PageScreenshotOptions { Path = file, Type = ScreenshotType.Png }
                            : new PageScreenshotOptions { Path = file, Type = ScreenshotType.Jpeg, Quality = 70 });
                        Assert.True(new FileInfo(file).Length > 10_000, file);
                    }
                    finally
                    {
                        await page.Context.CloseAsync();
                    }
                }
            }
        }
    }
}
