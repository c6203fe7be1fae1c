using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tidings.Core.Accounts;
using Tidings.Web.Features.Accounts;

namespace Tidings.BrowserTests;

/// <summary>
/// The newsroom passes the same checks as the reader site: axe's WCAG 2.2 AA rules and no sideways scrolling, at
/// desktop and phone widths, light and dark. The article it checks is written through the editor first, by keyboard
/// and labels, so the editor, its revisions and its diff are real.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class NewsroomBrowserTests(BrowserPortal portal)
{
    private const string Password = "browser-test-password";
    private static readonly SemaphoreSlim Setup = new(1, 1);
    private static string? _state;
    private static int _articleId;

    public static TheoryData<string> Pages() =>
        ["/newsroom", "/newsroom/articles", "/newsroom/articles/new", "{article}", "{article}/revisions", "/newsroom/curation", "/newsroom/comments", "/newsroom/audit", "/newsroom/users", "/newsroom/spike", "/newsroom/feeds", "/newsroom/creators", "/creators/apply", "/newsroom/creator?source=laozhou-finance", "/newsroom/originality", "/newsroom/alerts", "/newsroom/topics", "/newsroom/topics/new"];

    // Staff work at desks and on phones; each width is checked once, the schemes alternating, to keep the suite short
    // (the reader pages carry the full matrix). One load serves all three (see PageStates).
    private static readonly (int Width, ColorScheme Scheme)[] States = [(1280, ColorScheme.Light), (375, ColorScheme.Dark), (320, ColorScheme.Light)];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task NewsroomPage_HasNoAxeViolations_AndDoesNotScrollSideways(string path)
    {
        await SignedInOnceAsync();
        path = path.Replace("{article}", "/newsroom/articles/" + _articleId, StringComparison.Ordinal);
        var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.BaseUrl,
            ViewportSize = new ViewportSize { Width = States[0].Width, Height = 900 },
            ColorScheme = States[0].Scheme,
            Locale = "zh-CN",
            StorageState = _state,
        });
        try
        {
            var page = await context.NewPageAsync();
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
            var failures = await PageStates.FailuresAsync(page, path, States);
            Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task TheCachedArticlePage_NamesTheSignedInReader_ThroughItsScript()
    {
        await SignedInOnceAsync();
        var path = await portal.PathOfAsync("article");
        var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.BaseUrl, Locale = "zh-CN", StorageState = _state });
        try
        {
            var page = await context.NewPageAsync();
            var response = await page.GotoAsync(path);
            // The bytes are the shared copy (no name in them); the script names the reader.
            Assert.DoesNotContain("浏览器测试总编", await response!.TextAsync(), StringComparison.Ordinal);
            await Assertions.Expect(page.Locator("[data-account-links]")).ToContainTextAsync("已登录：浏览器测试总编");
            await Assertions.Expect(page.Locator("[data-account-links] a[href='/newsroom']")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-posting-as]")).ToHaveTextAsync("以“浏览器测试总编”的身份发表");
            await Assertions.Expect(page.Locator("#comment-nickname")).ToBeHiddenAsync();
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>Signs in through the form once, writes and revises an article through the editor, keeps the cookies.</summary>
    private async Task SignedInOnceAsync()
    {
        await Setup.WaitAsync();
        try
        {
            if (_state is not null)
            {
                return;
            }

            await using (var scope = portal.Services.CreateAsyncScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<TidingsUser>>();
                if (await users.FindByNameAsync("browser.admin") is null)
                {
                    var admin = ActivatorUtilities.CreateInstance<AccountAdmin>(scope.ServiceProvider);
                    var (user, errors) = await admin.CreateAsync("browser.admin", "浏览器测试总编", Password, [Roles.Admin], null, CancellationToken.None);
                    Assert.True(user is not null, string.Join("; ", errors));
                }

                // One application waiting in 入驻审核, so the queue's card and decision form are checked too.
                if (await users.FindByNameAsync("browser.applicant") is null)
                {
                    var admin = ActivatorUtilities.CreateInstance<AccountAdmin>(scope.ServiceProvider);
                    var (applicant, errors) = await admin.CreateAsync("browser.applicant", "想入驻的读者", Password, [], null, CancellationToken.None);
                    Assert.True(applicant is not null, string.Join("; ", errors));
                    var db = scope.ServiceProvider.GetRequiredService<Tidings.Core.Data.TidingsDbContext>();
                    db.CreatorApplications.Add(new Tidings.Core.Creators.CreatorApplication
                    {
                        ApplicantId = applicant.Id,
                        Name = "浏览器观察",
                        Slug = "browser-watch",
                        Bio = "为无障碍检查写的入驻申请，介绍写得足够长。",
                        Kind = Tidings.Core.Sources.AccountKind.Organization,
                        Contact = "watch@example.org",
                        Credential = "一家为了测试而存在的机构，登记编号 TEST-0001，可发邮件核实。",
                        CreatedAt = DateTime.UtcNow,
                        UpdatedAt = DateTime.UtcNow,
                        TermsAcceptedAt = DateTime.UtcNow,
                    });
                    await db.SaveChangesAsync();
                }
            }

            var page = await portal.OpenAsync("/account/login?returnUrl=%2Fnewsroom");
            await page.GetByLabel("用户名", new() { Exact = true }).FillAsync("browser.admin");
            await page.GetByLabel("密码", new() { Exact = true }).FillAsync(Password);
            await page.GetByLabel("密码", new() { Exact = true }).PressAsync("Enter");
            await page.WaitForURLAsync("**/newsroom");

            await page.GotoAsync("/newsroom/articles/new");
            await page.GetByLabel("标题", new() { Exact = true }).FillAsync("浏览器测试：编辑部写稿流程");
            await page.GetByLabel("正文", new() { Exact = true }).FillAsync("第一段：编辑在浏览器里写稿。\n\n第二段：保存后生成第一版。");
            await page.GetByLabel("来源").SelectOptionAsync(new SelectOptionValue { Label = "潮讯网" });
            await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/newsroom/articles/\d+$"));
            _articleId = int.Parse(page.Url.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal("已保存。", (await page.GetByRole(AriaRole.Status).First.TextContentAsync())?.Trim());

            await page.GetByLabel("正文", new() { Exact = true }).FillAsync("第一段：编辑在浏览器里写稿。\n\n第二段：改过一次，生成第二版。");
            await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
            await page.WaitForLoadStateAsync();
            Assert.True(page.Url.EndsWith("/newsroom/articles/" + _articleId, StringComparison.Ordinal), page.Url + ": " + await page.Locator("main").InnerTextAsync());
            _state = await page.Context.StorageStateAsync();
            await page.Context.CloseAsync();
        }
        finally
        {
            Setup.Release();
        }
    }
}
