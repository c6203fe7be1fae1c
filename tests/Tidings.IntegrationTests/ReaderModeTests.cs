using System.Net;
using Tidings.Web.Features.Accessibility;

namespace Tidings.IntegrationTests;

public sealed class ReaderModeTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task CareMode_IsACookie_AndOnlyLocalPathsAreReturnedTo()
    {
        using var client = portal.Browser();
        using var on = await client.PostAsync("/care", new FormUrlEncodedContent(new Dictionary<string, string> { ["on"] = "1", ["returnUrl"] = "/hot?window=7d" }));
        Assert.Equal(HttpStatusCode.SeeOther, on.StatusCode);
        Assert.Equal("/hot?window=7d", on.Headers.Location!.ToString());
        Assert.Contains(on.Headers.GetValues("Set-Cookie"), c => c.StartsWith(ReaderMode.CareCookie + "=1", StringComparison.Ordinal));

        foreach (var evil in new[] { "https://evil.example/", "//evil.example/", "/\\evil.example", "/文章" })
        {
            using var back = await client.PostAsync("/care", new FormUrlEncodedContent(new Dictionary<string, string> { ["on"] = "1", ["returnUrl"] = evil }));
            Assert.Equal("/", back.Headers.Location!.ToString());
        }

        using var junk = new StringContent("--x\r\ngarbage", System.Text.Encoding.UTF8, "multipart/form-data");
        junk.Headers.ContentType!.Parameters.Add(new System.Net.Http.Headers.NameValueHeaderValue("boundary", "x"));
        using var malformed = await client.PostAsync("/care", junk);
        Assert.Equal(HttpStatusCode.SeeOther, malformed.StatusCode);
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
        using var set = await client.PostAsync("/preferences", new FormUrlEncodedContent(new Dictionary<string, string> { ["t"] = "3", ["returnUrl"] = "/" }));
        Assert.Equal(HttpStatusCode.SeeOther, set.StatusCode);
        var cookie = Assert.Single(set.Headers.GetValues("Set-Cookie"), c => c.StartsWith(ReaderPreferences.Cookie + "=", StringComparison.Ordinal));
        Assert.Contains("t%3A3", cookie, StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/preferences") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["reset"] = "1" }) };
        request.Headers.Add("Cookie", ReaderPreferences.Cookie + "=t:3|c:dark");
        using var reset = await client.SendAsync(request);
        Assert.Contains(reset.Headers.GetValues("Set-Cookie"), c => c.StartsWith(ReaderPreferences.Cookie + "=;", StringComparison.Ordinal));
    }
}
