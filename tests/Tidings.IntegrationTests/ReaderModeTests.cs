using System.Net;
using Tidings.Web.Features.Accessibility;

namespace Tidings.IntegrationTests;

public sealed class ReaderModeTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task CareMode_IsACookie_AndOnlyLocalPathsAreReturnedTo()
    {
        using var client = portal.Browser();
        using var on = await client.PostAsync("/care", new FormUrlEncodedContent(new Dictionary<string, string> { ["on"] = "1", ["returnUrl"] = "/hot?window=7d" }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.SeeOther, on.StatusCode);
        Assert.Equal("/hot?window=7d", on.Headers.Location!.ToString());
        Assert.Contains(on.Headers.GetValues("Set-Cookie"), c => c.StartsWith(ReaderMode.CareCookie + "=1", StringComparison.Ordinal));

        foreach (var evil in new[] { "https://evil.example/", "//evil.example/", "/\\evil.example", "/文章" })
        {
            using var back = await client.PostAsync("/care", new FormUrlEncodedContent(new Dictionary<string, string> { ["on"] = "1", ["returnUrl"] = evil }), TestContext.Current.CancellationToken);
            Assert.Equal("/", back.Headers.Location!.ToString());
        }

        using var junk = new StringContent("--x\r\ngarbage", System.Text.Encoding.UTF8, "multipart/form-data");
        junk.Headers.ContentType!.Parameters.Add(new System.Net.Http.Headers.NameValueHeaderValue("boundary", "x"));
        using var malformed = await client.PostAsync("/care", junk, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.SeeOther, malformed.StatusCode);
    }

    [Fact]
    public async Task SharedPageCache_KeepsEachReadingModeItsOwnCopy()
    {
        // Each mode asks in turn; every answer must be rendered for that mode, and each mode must also be served from
        // the cache (Age) at least once, or the test would pass without a cache at all.
        var modes = new (string? Cookie, string? HtmlClass)[]
        {
            (null, null),
            (ReaderMode.CareCookie + "=1", "care"),
            (ReaderPreferences.Cookie + "=" + Uri.EscapeDataString("t:2|c:dark|k:0|g:0"), "text-2 contrast-dark"),
            (ReaderMode.CareCookie + "=1; " + ReaderPreferences.Cookie + "=" + Uri.EscapeDataString("t:1|c:none|k:1|g:0"), "care text-1 cursor-large"),
        };
        var hits = new int[modes.Length];
        // A long page lifetime, so the test does not race the 2 s default on a slow machine.
        using var app = portal.WithWebHostBuilder(b => b.UseSetting("Tidings:Cache:PageSeconds", "300"));
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var round = 0; round < 4; round++)
        {
            for (var i = 0; i < modes.Length; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/channel/edu?page=1");
                if (modes[i].Cookie is { } cookie)
                {
                    request.Headers.Add("Cookie", cookie);
                }

                using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var doc = CommentsPortal.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
                Assert.Equal(modes[i].HtmlClass, doc.DocumentElement.GetAttribute("class"));
                hits[i] += response.Headers.Age is null ? 0 : 1;
            }
        }

        Assert.All(hits, h => Assert.True(h > 0, "a mode was never served from the cache: " + string.Join(",", hits)));
    }

    [Fact]
    public async Task SharedPageCache_NeverServesOneReadersQueryStringToAnother()
    {
        using var app = portal.WithWebHostBuilder(b => b.UseSetting("Tidings:Cache:PageSeconds", "300"));
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var first = await client.GetStringAsync("/channel/auto?uid=reader-42&token=s3cret", TestContext.Current.CancellationToken);
        Assert.DoesNotContain("s3cret", first, StringComparison.Ordinal);
        using var second = await client.GetAsync("/channel/auto", TestContext.Current.CancellationToken);
        Assert.NotNull(second.Headers.Age);
        var doc = CommentsPortal.Parse(await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.All(doc.QuerySelectorAll("input[name=returnUrl]"), i => Assert.Equal("/channel/auto", i.GetAttribute("value")));
    }

    [Theory]
    [InlineData("t:2|c:dark|k:1|g:1", "text-2 contrast-dark cursor-large guide")]
    [InlineData("t:9|c:purple|k:x", "")]
    [InlineData("garbage", "")]
    public void Preferences_ParseOnlyWhatTheyKnow(string cookie, string classes)
    {
        Assert.Equal(classes, ReaderPreferences.Parse(cookie).Classes);
    }

    [Fact]
    public async Task PreferencePosts_ChangeOneThing_AndResetClearsTheCookie()
    {
        using var client = portal.Browser();
        using var set = await client.PostAsync("/preferences", new FormUrlEncodedContent(new Dictionary<string, string> { ["t"] = "3", ["returnUrl"] = "/" }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.SeeOther, set.StatusCode);
        var cookie = Assert.Single(set.Headers.GetValues("Set-Cookie"), c => c.StartsWith(ReaderPreferences.Cookie + "=", StringComparison.Ordinal));
        Assert.Contains("t%3A3", cookie, StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/preferences") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["reset"] = "1" }) };
        request.Headers.Add("Cookie", ReaderPreferences.Cookie + "=t:3|c:dark");
        using var reset = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Contains(reset.Headers.GetValues("Set-Cookie"), c => c.StartsWith(ReaderPreferences.Cookie + "=;", StringComparison.Ordinal));
    }
}
