using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tidings.Core.Data;

namespace Tidings.BrowserTests;

/// <summary>
/// Screenshots of home and article, standard and 关怀版, at 1280 and 375 px, for a person to look at (CJK fonts must be
/// installed, or Chinese shows as boxes). Written to $TIDINGS_SCREENSHOTS, and only when it is set: the pictures are
/// for the docs, and what they show is asserted by the other browser tests, so CI does not spend its time on them.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ScreenshotTests(BrowserPortal portal)
{
    [ScreenshotFact]
    public async Task HomeAndArticle_AreCaptured_InBothModes_AtDesktopAndPhoneWidths()
    {
        var directory = Environment.GetEnvironmentVariable(ScreenshotFactAttribute.Variable)!;
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

/// <summary>Runs when <see cref="Variable"/> names the folder for the pictures; skipped otherwise.</summary>
public sealed class ScreenshotFactAttribute : FactAttribute
{
    public const string Variable = "TIDINGS_SCREENSHOTS";

    public ScreenshotFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 })
        {
            Skip = $"Set {Variable} to a folder to refresh the docs' screenshots.";
        }
    }
}
