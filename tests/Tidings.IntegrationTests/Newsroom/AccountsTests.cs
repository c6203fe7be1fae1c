using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tidings.IntegrationTests.Postgres;
using Tidings.Web.Shared;

namespace Tidings.IntegrationTests.Newsroom;

public abstract class AccountsTests(NewsroomPortal portal)
{
    [Fact]
    public async Task Newsroom_SignedOut_RedirectsToSignInWithReturnUrl()
    {
        using var client = portal.Anonymous();
        using var response = await client.GetAsync("/newsroom/articles", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login?returnUrl=%2Fnewsroom%2Farticles", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task SignIn_WrongPassword_SaysSoAndSetsNoCookie()
    {
        using var client = portal.Anonymous();
        using var response = await NewsroomPortal.PostFormAsync(client, "/account/login", "/account/login", new() { ["UserName"] = "editor", ["Password"] = "not-the-password" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("用户名或密码不正确", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("tidings.auth", StringComparison.Ordinal)));
    }

    /// <summary>
    /// Failing on purpose cannot lock anyone out: wrong passwords slow down that name from that address (an IPv6 /64
    /// counts as one), and the right person signs in from another address at once. A name that does not exist gets the
    /// very same answers, so the form tells nobody which accounts exist.
    /// </summary>
    [Fact]
    public async Task SignIn_WrongPasswords_SlowThatAddressOnly_AndUnknownNamesLookTheSame()
    {
        async Task<(HttpStatusCode Status, string Message)> TryAsync(string address, string user, string password)
        {
            using var client = portal.Anonymous(address);
            using var response = await NewsroomPortal.PostFormAsync(client, "/account/login", "/account/login", new() { ["UserName"] = user, ["Password"] = password });
            var page = NewsroomPortal.Parse(await response.Content.ReadAsStringAsync());
            return (response.StatusCode, page.QuerySelector(".validation-summary-errors, [role=alert]")?.TextContent.Trim() ?? string.Empty);
        }

        var known = new List<(HttpStatusCode, string)>();
        var unknown = new List<(HttpStatusCode, string)>();
        for (var i = 0; i < 6; i++)
        {
            // Two addresses in one IPv6 /64 are one attacker.
            known.Add(await TryAsync(i % 2 == 0 ? "2001:db8:77:1::1" : "2001:db8:77:1:ffff::2", "lockme", "guess-" + i));
            unknown.Add(await TryAsync("2001:db8:77:2::1", "no-such-person", "guess-" + i));
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.BadRequest, 5).Append(HttpStatusCode.TooManyRequests), known.Select(k => k.Item1));
        Assert.Equal(known.Select(k => k.Item1), unknown.Select(u => u.Item1));
        Assert.Equal(known[0].Item2, unknown[0].Item2);
        Assert.Contains("用户名或密码不正确", known[0].Item2, StringComparison.Ordinal);

        // The right password from that /64 waits too; from anywhere else it works at once, and the account was never locked.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await TryAsync("2001:db8:77:1::9", "lockme", NewsroomPortal.Password)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await TryAsync("2001:db8:78::1", "lockme", NewsroomPortal.Password)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await TryAsync("198.51.100.200", "lockme", NewsroomPortal.Password)).Status);
    }

    /// <summary>Signing out ends the session on the server: a copy of the cookie taken before stops working.</summary>
    [Fact]
    public async Task SignOut_ACopiedCookieStopsWorking()
    {
        using var browser = portal.Anonymous();
        string cookie;
        using (var signIn = await NewsroomPortal.PostFormAsync(browser, "/account/login", "/account/login", new() { ["UserName"] = "writer2", ["Password"] = NewsroomPortal.Password }))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            cookie = signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("tidings.auth=", StringComparison.Ordinal));
        }

        using var copy = portal.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        using (var before = await copy.GetAsync("/newsroom/articles", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using (var signOut = await NewsroomPortal.PostFormAsync(browser, "/account/logout", "/account/logout", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        }

        using var after = await copy.GetAsync("/newsroom/articles", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        // Signing in again works as before.
        using var again = await portal.SignInAsync("writer2");
        await NewsroomPortal.PageAsync(again, "/newsroom/articles");
    }

    /// <summary>An admin's role change reaches a signed-in session on its next request, not half an hour later.</summary>
    [Fact]
    public async Task RoleChange_EndsTheOpenSession()
    {
        using var admin = await portal.SignInAsync("admin");
        var editorId = await portal.WithDbAsync(db => db.Users.Where(u => u.UserName == "editor2").Select(u => u.Id).SingleAsync());
        using var editor = await portal.SignInAsync("editor2");
        await NewsroomPortal.PageAsync(editor, "/newsroom/curation");
        using (var demote = await NewsroomPortal.PostFormAsync(admin, "/newsroom/users", "/newsroom/users?handler=Roles", new() { ["id"] = editorId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["roles"] = "writer" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, demote.StatusCode);
        }

        try
        {
            using var after = await editor.GetAsync("/newsroom/curation", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
            Assert.StartsWith("/account/login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        finally
        {
            using var restore = await NewsroomPortal.PostFormAsync(admin, "/newsroom/users", "/newsroom/users?handler=Roles", new() { ["id"] = editorId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["roles"] = "editor" });
            Assert.Equal(HttpStatusCode.Redirect, restore.StatusCode);
        }
    }

    [Fact]
    public async Task SignIn_ManyAttemptsFromOneAddress_AreThrottled()
    {
        // The site's burst of 10 with a refill too slow to matter: on a machine busy with the other suites twelve
        // sign-ins (each hashing a password) took longer than the real 6 s refill, and an eleventh went through.
        using var app = portal.App.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddKeyedSingleton(
            Throttle.SignIn, (sp, _) => new Throttle(sp.GetRequiredService<ITokenBuckets>(), Throttle.SignIn, 10, TimeSpan.FromHours(1)))));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.77");
            using var response = await NewsroomPortal.PostFormAsync(client, "/account/login", "/account/login", new() { ["UserName"] = "nobody-" + i, ["Password"] = "whatever-password" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter is not null);
                Assert.Contains("请", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
            }
        }

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_IsRefused()
    {
        using var client = portal.Anonymous();
        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = "editor", ["Password"] = NewsroomPortal.Password }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Register_CreatesAReaderWhoseCommentsCarryTheAccountName()
    {
        using var client = portal.Anonymous();
        using var registered = await NewsroomPortal.PostFormAsync(client, "/account/register", "/account/register", new()
        {
            ["UserName"] = "new.reader",
            ["DisplayName"] = "泉城老读者",
            ["Password"] = "reading-every-morning",
            ["ConfirmPassword"] = "reading-every-morning",
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);

        var article = await portal.WithDbAsync(db => db.Articles.Where(a => a.CommentCount == 0 && a.Channel!.Slug == "finance").OrderBy(a => a.Id).Select(a => new { a.Id, a.Slug }).FirstAsync());
        var url = Tidings.Web.Features.Articles.ArticleUrls.For(article.Id, article.Slug);
        // The article page is one copy for everyone; its script asks who is signed in and says so in the form.
        var account = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/account", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("以“泉城老读者”的身份发表", account.GetProperty("postingAs").GetString());
        var thread = await NewsroomPortal.PageAsync(client, $"/article/{article.Id}/comments");
        Assert.Contains("以“泉城老读者”的身份发表", thread.QuerySelector("#comment-form")!.TextContent, StringComparison.Ordinal);
        Assert.Null(thread.QuerySelector("#comment-nickname"));

        // The nickname field (which the cached article page shows to everyone) is ignored: the account's name is what
        // readers see.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/article/{article.Id}/comments")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["nickname"] = "冒名顶替", ["body"] = "这篇财经报道写得清楚，期待后续。", ["returnUrl"] = url }),
        };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var posted = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var comment = await portal.WithDbAsync(db => db.Comments.Where(c => c.ArticleId == article.Id).OrderByDescending(c => c.Id).FirstAsync());
        Assert.Equal("泉城老读者", comment.Nickname);
        Assert.StartsWith("u:", comment.PosterKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_BadInput_GetsClearMessagesAndCreatesNothing()
    {
        using var client = portal.Anonymous();
        using var response = await NewsroomPortal.PostFormAsync(client, "/account/register", "/account/register", new()
        {
            ["UserName"] = "有中文的名字",
            ["DisplayName"] = "",
            ["Password"] = "short",
            ["ConfirmPassword"] = "different",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("用户名只能包含", html, StringComparison.Ordinal);
        Assert.Contains("请填写显示名", html, StringComparison.Ordinal);
        Assert.Contains("两次输入的密码不一致", html, StringComparison.Ordinal);
        Assert.False(await portal.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "有中文的名字")));
    }

    [Fact]
    public async Task Register_TakenNameOrShortPassword_IsRefused()
    {
        using var client = portal.Anonymous();
        using var taken = await NewsroomPortal.PostFormAsync(client, "/account/register", "/account/register", new()
        {
            ["UserName"] = "editor",
            ["DisplayName"] = "想当编辑",
            ["Password"] = "long-enough-password",
            ["ConfirmPassword"] = "long-enough-password",
        });
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("已被使用", await taken.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        using var shortPassword = await NewsroomPortal.PostFormAsync(client, "/account/register", "/account/register", new()
        {
            ["UserName"] = "short.password",
            ["DisplayName"] = "短密码",
            ["Password"] = "abc123",
            ["ConfirmPassword"] = "abc123",
        });
        Assert.Equal(HttpStatusCode.BadRequest, shortPassword.StatusCode);
        Assert.Contains("至少需要 10 个字符", await shortPassword.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_NeedsAPostAndEndsTheSession()
    {
        using var client = await portal.SignInAsync("moderator");
        await NewsroomPortal.PageAsync(client, "/newsroom");
        using var response = await NewsroomPortal.PostFormAsync(client, "/account/logout", "/account/logout", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var after = await client.GetAsync("/newsroom", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }
}

[Collection(NewsroomGroup.Name)]
public sealed class AccountsTestsOnSqlite(NewsroomPortal portal) : AccountsTests(portal);

[Collection(PostgresNewsroomGroup.Name)]
[OnPostgres]
public sealed class AccountsTestsOnPostgres(PostgresNewsroomPortal portal) : AccountsTests(portal);
