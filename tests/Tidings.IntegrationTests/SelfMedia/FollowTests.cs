using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tidings.IntegrationTests.Newsroom;
using Tidings.IntegrationTests.Postgres;

namespace Tidings.IntegrationTests.SelfMedia;

/// <summary>
/// 关注 as readers meet it: the account page's button without JavaScript, the API behind it, /following, and a
/// signed-out reader's follows surviving sign-in. Each test follows its own accounts, as the portal is shared.
/// </summary>
public abstract class FollowTests(NewsroomPortal portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(string Button, int Count)> HeaderAsync(HttpClient client, string slug)
    {
        var page = await NewsroomPortal.PageAsync(client, "/source/" + slug);
        var button = page.QuerySelector(".account-header form.follow button")?.TextContent.Trim() ?? throw new InvalidOperationException("no 关注 button on /source/" + slug);
        var count = int.Parse(page.QuerySelector($"[data-follower-count='{slug}']")!.TextContent, System.Globalization.CultureInfo.InvariantCulture);
        return (button, count);
    }

    private static Task<HttpResponseMessage> PressAsync(HttpClient client, string slug, bool follow) =>
        client.PostAsync($"/source/{slug}/follow", new FormUrlEncodedContent(new Dictionary<string, string> { ["follow"] = follow ? "1" : "0", ["returnUrl"] = "/source/" + slug }), Ct);

    private static async Task RegisterAsync(HttpClient client, string userName, string displayName)
    {
        using var registered = await NewsroomPortal.PostFormAsync(client, "/account/register", "/account/register", new()
        {
            ["UserName"] = userName,
            ["DisplayName"] = displayName,
            ["Password"] = "reading-every-morning",
            ["ConfirmPassword"] = "reading-every-morning",
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
    }

    [Fact]
    public async Task AReaderFollowsWithoutJavaScript_ThenSignsUp_AndKeepsTheFollow_CountedOnce()
    {
        using var reader = portal.Anonymous();
        var (before, count) = await HeaderAsync(reader, "laozhou-finance");
        Assert.Equal("+ 关注", before);

        using (var pressed = await PressAsync(reader, "laozhou-finance", follow: true))
        {
            Assert.Equal(HttpStatusCode.SeeOther, pressed.StatusCode);
            Assert.Equal("/source/laozhou-finance", pressed.Headers.Location!.OriginalString);
        }

        Assert.Equal(("已关注", count + 1), await HeaderAsync(reader, "laozhou-finance"));
        // Pressing again on a stale page (or twice) follows once.
        using (await PressAsync(reader, "laozhou-finance", follow: true))
        {
        }

        Assert.Equal(count + 1, (await HeaderAsync(reader, "laozhou-finance")).Count);

        var following = await NewsroomPortal.PageAsync(reader, "/following");
        Assert.Contains("老周聊财经", following.QuerySelector(".followed")!.TextContent, StringComparison.Ordinal);
        var titles = following.QuerySelectorAll(".article-item__title").Select(t => t.TextContent.Trim()).ToList();
        Assert.Contains("存款利率又降了，普通人的钱该放哪儿？", titles);

        // Signing up (which signs in) moves the follow to the account: same list, same count.
        await RegisterAsync(reader, "follower.one", "关注测试读者");
        var mine = await reader.GetFromJsonAsync<JsonElement>("/api/v1/me/following", Ct);
        Assert.Equal(["laozhou-finance"], mine.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("slug").GetString()).ToArray());
        Assert.Equal(count + 1, await portal.WithDbAsync(db => db.Sources.Where(s => s.Slug == "laozhou-finance").Select(s => s.FollowerCount).FirstAsync(Ct)));
        Assert.Equal(1, await portal.WithDbAsync(db => db.SourceFollows.CountAsync(f => db.Sources.Any(s => s.Id == f.SourceId && s.Slug == "laozhou-finance"), Ct)));

        // Unfollowing from the account page takes the count back.
        using (await PressAsync(reader, "laozhou-finance", follow: false))
        {
        }

        Assert.Equal(("+ 关注", count), await HeaderAsync(reader, "laozhou-finance"));
    }

    [Fact]
    public async Task AnAccountThatFollowsAlready_AbsorbsTheSameFollowFromItsBrowser_Once()
    {
        using var phone = portal.Anonymous();
        await RegisterAsync(phone, "follower.two", "两台设备的读者");
        using (var followed = await phone.PostAsync("/api/v1/sources/ajie-courtside/follow", null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        }

        // The same person on a second browser, signed out, follows the same account and another one.
        using var laptop = portal.Anonymous();
        using (await laptop.PostAsync("/api/v1/sources/ajie-courtside/follow", null, Ct))
        {
        }

        using (await laptop.PostAsync("/api/v1/sources/row-seven/follow", null, Ct))
        {
        }

        var ajie = await laptop.GetFromJsonAsync<JsonElement>("/api/v1/sources/ajie-courtside", Ct);
        Assert.True(ajie.GetProperty("following").GetBoolean());
        var twice = ajie.GetProperty("followerCount").GetInt32();

        using (var signIn = await NewsroomPortal.PostFormAsync(laptop, "/account/login", "/account/login", new() { ["UserName"] = "follower.two", ["Password"] = "reading-every-morning" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        var mine = await laptop.GetFromJsonAsync<JsonElement>("/api/v1/me/following", Ct);
        Assert.Equal(["ajie-courtside", "row-seven"], mine.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("slug").GetString()).Order(StringComparer.Ordinal).ToArray());
        var after = await laptop.GetFromJsonAsync<JsonElement>("/api/v1/sources/ajie-courtside", Ct);
        Assert.Equal(twice - 1, after.GetProperty("followerCount").GetInt32());
        Assert.True(after.GetProperty("following").GetBoolean());
    }

    [Fact]
    public async Task TheApi_RefusesWhatItCannotDo_Clearly()
    {
        using var reader = portal.Anonymous();
        using (var unknown = await reader.PostAsync("/api/v1/sources/no-such-account/follow", null, Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (var crossSite = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sources/xiaolu-parenting/follow"))
        {
            crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
            using var response = await reader.SendAsync(crossSite, Ct);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        // A reader who asked not to be tracked has no visitor id to follow with: the form takes them to sign in.
        using (var dnt = new HttpRequestMessage(HttpMethod.Post, "/source/xiaolu-parenting/follow") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["follow"] = "1" }) })
        {
            dnt.Headers.Add("DNT", "1");
            using var response = await reader.SendAsync(dnt, Ct);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        var profile = await reader.GetFromJsonAsync<JsonElement>("/api/v1/sources/xiaolu-parenting", Ct);
        Assert.Equal(0, profile.GetProperty("followerCount").GetInt32());
        Assert.False(profile.GetProperty("following").GetBoolean());
        Assert.Equal("self-media", profile.GetProperty("kind").GetString());
        Assert.True(profile.GetProperty("originalCount").GetInt32() >= 0);

        // Unfollowing what one does not follow changes nothing.
        using var delete = await reader.DeleteAsync("/api/v1/sources/xiaolu-parenting/follow", Ct);
        Assert.Equal(0, (await delete.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("followerCount").GetInt32());
    }

    [Fact]
    public async Task FollowingIsThrottledPerReader()
    {
        using var reader = portal.Anonymous();
        HttpStatusCode last = HttpStatusCode.OK;
        for (var i = 0; i < 30 && last != HttpStatusCode.TooManyRequests; i++)
        {
            using var response = await reader.PostAsync($"/api/v1/sources/{(i % 2 == 0 ? "amu-gadgets" : "laok-cars")}/follow", null, Ct);
            last = response.StatusCode;
            if (last == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last);
    }
}

[Collection(NewsroomGroup.Name)]
public sealed class FollowTestsOnSqlite(NewsroomPortal portal) : FollowTests(portal);

[Collection(PostgresNewsroomGroup.Name)]
[OnPostgres]
public sealed class FollowTestsOnPostgres(PostgresNewsroomPortal portal) : FollowTests(portal);
