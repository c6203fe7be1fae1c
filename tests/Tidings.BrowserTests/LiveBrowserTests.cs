using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tidings.Core.Data;
using Tidings.Core.Live;
using Tidings.Web.Features.Articles;

namespace Tidings.BrowserTests;

/// <summary>滚动直播 in Chromium: an entry posted while the page is open waits behind "N 条新消息", announced politely, and goes in at the top on request.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class LiveBrowserTests(BrowserPortal portal)
{
    private async Task<(int Article, string Path)> LiveArticleAsync()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
        // An ordinary article made live for the test (the demo's own coverage has ended and has entries of its own).
        var article = await db.Articles.Where(a => a.Status == Core.Articles.ArticleStatus.Published && a.LiveStatus == LiveStatus.None).OrderByDescending(a => a.Id).Select(a => new { a.Id, a.Slug }).FirstAsync(TestContext.Current.CancellationToken);
        await db.Articles.Where(a => a.Id == article.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.LiveStatus, LiveStatus.Live), TestContext.Current.CancellationToken);
        await AddEntryAsync(article.Id, "浏览器测试：第一条直播消息。", pinned: true);
        return (article.Id, ArticleUrls.For(article.Id, article.Slug));
    }

    private async Task AddEntryAsync(int articleId, string text, bool pinned = false)
    {
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
            db.LiveEntries.Add(new LiveEntry
            {
                ArticleId = articleId,
                At = DateTime.UtcNow,
                BodyMarkdown = text,
                BodyHtml = "<p>" + text + "</p>",
                Pinned = pinned,
                AuthorId = 1,
                AuthorName = "测试编辑",
                UpdatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        // What the desk does after saving an entry: the article's pages changed (the hub listens for exactly this).
        await portal.Services.GetRequiredService<ArticlePageCache>().ChangedAsync(articleId, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ANewEntry_WaitsBehindAButton_ThenGoesInAtTheTop()
    {
        var (id, path) = await LiveArticleAsync();
        var page = await portal.NewPageAsync();
        try
        {
            var stream = page.WaitForResponseAsync(r => r.Url.Contains($"/article/{id}/live/events", StringComparison.Ordinal));
            await page.GotoAsync(path);
            await stream;
            Assert.Equal(1, await page.Locator(".live-stream [data-live-entry]").CountAsync());
            await AddEntryAsync(id, "浏览器测试：第二条直播消息。");

            var button = page.Locator("[data-live-show]");
            await button.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
            Assert.Equal("1 条新消息，点击查看", (await button.TextContentAsync())!.Trim());
            Assert.Equal("1 条新消息，点击查看", (await page.Locator("[data-live-announce]").TextContentAsync())!.Trim());
            // Nothing moved under the reader's eyes yet.
            Assert.Equal(1, await page.Locator(".live-stream [data-live-entry]").CountAsync());
            var failures = await PageStates.FailuresAsync(page, path + " with new live entries waiting", [(1280, ColorScheme.Light), (375, ColorScheme.Dark)]);
            Assert.True(failures.Count == 0, string.Join("\n\n", failures));

            await button.ClickAsync();
            Assert.Equal(2, await page.Locator(".live-stream [data-live-entry]").CountAsync());
            Assert.Contains("第二条", await page.Locator(".live-stream [data-live-entry]").First.TextContentAsync(), StringComparison.Ordinal);
            Assert.True(await page.Locator("[data-live-news]").IsHiddenAsync());
        }
        finally
        {
            await page.Context.CloseAsync();
            await using var scope = portal.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
            await db.LiveEntries.Where(e => e.ArticleId == id).ExecuteDeleteAsync(TestContext.Current.CancellationToken);
            await db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.LiveStatus, LiveStatus.None), TestContext.Current.CancellationToken);
            await portal.Services.GetRequiredService<ArticlePageCache>().ChangedAsync(id, TestContext.Current.CancellationToken);
        }
    }
}
