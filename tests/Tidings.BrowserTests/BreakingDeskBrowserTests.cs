using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tidings.Core.Breaking;
using Tidings.Core.Data;
using Tidings.Core.Newsroom;
using Tidings.Web.Features.Alerts;
using Tidings.Web.Features.Corrections;
using Tidings.Web.Features.Trending;

namespace Tidings.BrowserTests;

/// <summary>
/// The breaking-news desk as a reader meets it in Chromium: the 突发 banner and 哀悼日 pass axe in light and dark,
/// standard and 关怀版, at every width; a reader of a corrected article is told once, politely.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class BreakingDeskBrowserTests(BrowserPortal portal)
{
    private static readonly (int Width, ColorScheme Scheme)[] States =
        [(1280, ColorScheme.Light), (1280, ColorScheme.Dark), (375, ColorScheme.Light), (320, ColorScheme.Dark)];

    private async Task SetAsync(string key, string? value)
    {
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
            await db.SiteSettings.Where(s => s.Key == key).ExecuteDeleteAsync();
            if (value is not null)
            {
                db.SiteSettings.Add(new SiteSetting { Key = key, Value = value, UpdatedAt = DateTime.UtcNow, UpdatedBy = "test" });
                await db.SaveChangesAsync();
            }
        }

        await portal.Services.GetRequiredService<AlertSwitch>().RefreshAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task MourningDay_IsGrey_AndStillPassesAxe(bool care)
    {
        await SetAsync(SiteAlerts.MourningKey, SiteAlerts.Serialize(new MourningDay(null, DateTime.UtcNow.AddHours(1), "test")));
        try
        {
            foreach (var kind in new[] { "home", "article" })
            {
                var path = await portal.PathOfAsync(kind);
                var page = await portal.OpenAsync(path, care: care);
                try
                {
                    Assert.Contains("mourning", await page.GetAttributeAsync("html", "class") ?? string.Empty, StringComparison.Ordinal);
                    // The site's colours are grey, not filtered: what axe measures is what readers see.
                    var nav = await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.channel-nav')).backgroundColor");
                    var rgb = nav.Replace("rgb(", string.Empty, StringComparison.Ordinal).TrimEnd(')').Split(',').Select(v => v.Trim()).ToArray();
                    Assert.True(rgb[0] == rgb[1] && rgb[1] == rgb[2], $"the navigation is {nav} on a 哀悼日");
                    var failures = await PageStates.FailuresAsync(page, path + (care ? " 关怀版" : string.Empty) + " 哀悼日", States);
                    Assert.True(failures.Count == 0, string.Join("\n\n", failures));
                }
                finally
                {
                    await page.Context.CloseAsync();
                }
            }
        }
        finally
        {
            await SetAsync(SiteAlerts.MourningKey, null);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheBreakingBanner_IsOneStillLine_ThatPassesAxe(bool care)
    {
        var article = await portal.PathOfAsync("article");
        await SetAsync(SiteAlerts.BannerKey, SiteAlerts.Serialize(new BreakingBanner("突发：沿海地区发布台风红色预警", article, DateTime.UtcNow.AddHours(1), "test")));
        try
        {
            var page = await portal.OpenAsync("/", care: care);
            try
            {
                var banner = page.Locator("aside.breaking-banner");
                Assert.Equal("突发", await page.Locator("#breaking-label").TextContentAsync());
                Assert.Equal(article, await banner.Locator("a").GetAttributeAsync("href"));
                // No motion: nothing animates or transitions in it.
                Assert.Equal("none", await banner.EvaluateAsync<string>("e => getComputedStyle(e).animationName"));
                var failures = await PageStates.FailuresAsync(page, "/ with the banner" + (care ? " 关怀版" : string.Empty), States);
                Assert.True(failures.Count == 0, string.Join("\n\n", failures));
            }
            finally
            {
                await page.Context.CloseAsync();
            }
        }
        finally
        {
            await SetAsync(SiteAlerts.BannerKey, null);
        }
    }

    [Fact]
    public async Task AReaderOfACorrectedArticle_IsToldOnce_InTheLiveRegion()
    {
        var path = await portal.PathOfAsync("article");
        var id = int.Parse(path.Split('/')[2], System.Globalization.CultureInfo.InvariantCulture);
        var page = await portal.NewPageAsync();
        try
        {
            var beacon = page.WaitForRequestFinishedAsync(new PageWaitForRequestFinishedOptions { Predicate = r => r.Url.EndsWith("/api/v1/events", StringComparison.Ordinal) });
            await page.GotoAsync(path);
            await beacon;
            await portal.Services.GetRequiredService<TrendingIngestion>().DrainAsync(CancellationToken.None);
            await portal.Services.GetRequiredService<ReadReceipts>().DrainAsync(CancellationToken.None);

            string title;
            await using (var scope = portal.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
                title = await db.Articles.Where(a => a.Id == id).Select(a => a.Title).FirstAsync(TestContext.Current.CancellationToken);
                db.ArticleCorrections.Add(new ArticleCorrection { ArticleId = id, At = DateTime.UtcNow, Text = "浏览器测试：文中一处日期有误，已更正。", EditorName = "测试编辑" });
                await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            }

            await page.GotoAsync("/hot");
            var notice = page.Locator("[data-correction-notices] .correction-notice");
            await notice.WaitForAsync();
            Assert.Equal("status", await page.Locator("[data-correction-notices]").GetAttributeAsync("role"));
            Assert.Contains($"您此前阅读的《{title}》已更正", await notice.TextContentAsync(), StringComparison.Ordinal);
            var failures = await PageStates.FailuresAsync(page, "/hot with a correction notice", States);
            Assert.True(failures.Count == 0, string.Join("\n\n", failures));
            await notice.GetByRole(AriaRole.Button).ClickAsync();
            Assert.Equal(0, await notice.CountAsync());

            // Once: the next page asks again and hears nothing new.
            var asked = page.WaitForResponseAsync(r => r.Url.Contains("/api/v1/me/corrections", StringComparison.Ordinal));
            await page.GotoAsync("/");
            await asked;
            Assert.Equal(0, await page.Locator(".correction-notice").CountAsync());
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
