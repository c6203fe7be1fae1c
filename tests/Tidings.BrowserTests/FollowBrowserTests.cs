using Microsoft.Playwright;

namespace Tidings.BrowserTests;

/// <summary>关注 in a real browser: in place with JavaScript, by a plain form without it, both by keyboard.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class FollowBrowserTests(BrowserPortal portal)
{
    [Fact]
    public async Task WithJavaScript_TheButtonFollowsInPlace_AndTheCountMoves_WithoutAPageLoad()
    {
        var page = await portal.NewPageAsync();
        try
        {
            await page.GotoAsync("/source/shanhai-travel");
            var count = page.Locator("[data-follower-count='shanhai-travel']");
            var before = int.Parse(await count.TextContentAsync() ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            await page.EvaluateAsync("window.__samePage = true");
            var button = page.GetByRole(AriaRole.Button, new() { Name = "关注 山海行记" });
            await button.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            var followed = page.GetByRole(AriaRole.Button, new() { Name = "已关注 山海行记（点击取消关注）" });
            await Assertions.Expect(followed).ToHaveTextAsync("已关注");
            await Assertions.Expect(count).ToHaveTextAsync((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(await page.EvaluateAsync<bool>("window.__samePage === true"), "the page was reloaded");
            // Focus stays on the button, and the change is announced.
            Assert.Equal("BUTTON", await page.EvaluateAsync<string>("document.activeElement.tagName"));
            await Assertions.Expect(page.Locator(".account-header [role=status]")).ToContainTextAsync("已关注 山海行记");

            // /following lists the account and its articles; unfollowing there works the same way.
            await page.GotoAsync("/following");
            await Assertions.Expect(page.Locator(".followed")).ToContainTextAsync("山海行记");
            Assert.True(await page.Locator(".article-item").CountAsync() > 0);
            await page.GetByRole(AriaRole.Button, new() { Name = "已关注 山海行记（点击取消关注）" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "关注 山海行记" })).ToBeVisibleAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task WithoutJavaScript_TheFormFollows_AndReturnsToTheAccountPage()
    {
        var page = await portal.NewPageAsync(javaScript: false);
        try
        {
            await page.GotoAsync("/source/quancheng-life");
            var before = int.Parse(await page.Locator("[data-follower-count='quancheng-life']").TextContentAsync() ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            await page.GetByRole(AriaRole.Button, new() { Name = "关注 泉城生活家" }).ClickAsync();
            await page.WaitForURLAsync("**/source/quancheng-life");
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "已关注 泉城生活家（点击取消关注）" })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-follower-count='quancheng-life']")).ToHaveTextAsync((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.GotoAsync("/following");
            await Assertions.Expect(page.Locator(".followed")).ToContainTextAsync("泉城生活家");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
