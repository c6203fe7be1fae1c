using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tidings.IntegrationTests.Postgres;
using Tidings.Web.Features.Alerts;

namespace Tidings.IntegrationTests.Newsroom;

/// <summary>
/// The 突发 banner and 哀悼日 on the reader's pages, cached ones included: set, seen at once, taken down, audited; who
/// may do which; what the forms refuse.
/// </summary>
public abstract class AlertsTests(NewsroomPortal portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Field(DateTime utc) => utc.AddHours(8).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string handler, Dictionary<string, string> fields) =>
        NewsroomPortal.PostFormAsync(client, "/newsroom/alerts", "/newsroom/alerts?handler=" + handler, fields);

    [Fact]
    public async Task TheBanner_ReachesEveryPage_IncludingCachedArticles_AndLeavesWhenTakenDown()
    {
        using var editor = await portal.SignInAsync("editor");
        using var reader = portal.Anonymous();
        var id = await portal.CreateDraftAsync(editor, "暴雨预警：市区多条道路积水", "气象台发布暴雨橙色预警。");
        (await NewsroomPortal.ActAsync(editor, id, "publish")).Dispose();
        // Warm the shared caches first: the banner must not wait for them to expire.
        Assert.Null((await NewsroomPortal.PageAsync(reader, "/")).QuerySelector(".breaking-banner"));
        Assert.Null((await NewsroomPortal.PageAsync(reader, $"/article/{id}")).QuerySelector(".breaking-banner"));

        using (var set = await PostAsync(editor, "Banner", new() { ["Text"] = "突发：市区暴雨橙色预警", ["Link"] = $"/article/{id}", ["Until"] = Field(DateTime.UtcNow.AddHours(2)) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        }

        foreach (var path in new[] { "/", $"/article/{id}", "/channel/finance", "/corrections" })
        {
            var banner = (await NewsroomPortal.PageAsync(reader, path)).QuerySelector("aside.breaking-banner");
            Assert.True(banner is not null, path);
            Assert.Contains("突发：市区暴雨橙色预警", banner.TextContent, StringComparison.Ordinal);
            Assert.Equal($"/article/{id}", banner.QuerySelector("a")!.GetAttribute("href"));
        }

        // 关怀版 shows it too unless the operator says otherwise.
        using (var care = portal.Anonymous())
        {
            care.DefaultRequestHeaders.Add("Cookie", "tcare=1");
            Assert.NotNull((await NewsroomPortal.PageAsync(care, "/")).QuerySelector("aside.breaking-banner"));
        }

        using (var cleared = await PostAsync(editor, "ClearBanner", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        }

        Assert.Null((await NewsroomPortal.PageAsync(reader, $"/article/{id}")).QuerySelector(".breaking-banner"));
        var audit = await portal.WithDbAsync(db => db.AuditLog.Where(a => a.Action == "banner-on" || a.Action == "banner-off").OrderByDescending(a => a.Id).Take(2).Select(a => a.Actor + ":" + a.Action).ToListAsync(Ct));
        Assert.Equal(["陈编辑:banner-off", "陈编辑:banner-on"], audit);
    }

    [Theory]
    [InlineData("", "/", 2)]
    [InlineData("横幅", "javascript:alert(1)", 2)]
    [InlineData("横幅", "//evil.example/", 2)]
    [InlineData("横幅", "/", 100)]
    [InlineData("横幅", "/", -1)]
    public async Task ABadBanner_IsRefusedWithAMessage_AndNothingChanges(string text, string link, int hours)
    {
        using var editor = await portal.SignInAsync("editor");
        using var response = await PostAsync(editor, "Banner", new() { ["Text"] = text, ["Link"] = link, ["Until"] = Field(DateTime.UtcNow.AddHours(hours)) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("form-error", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Null(portal.App.Services.GetRequiredService<AlertSwitch>().Banner);
    }

    [Fact]
    public async Task MourningDay_IsTheAdminsSwitch_GreysEveryPage_AndHidesTheBanner()
    {
        using var admin = await portal.SignInAsync("admin");
        using var editor = await portal.SignInAsync("editor");
        using var writer = await portal.SignInAsync("writer");
        using var reader = portal.Anonymous();
        using (var page = await writer.GetAsync("/newsroom/alerts", Ct))
        {
            NewsroomPortal.AssertDenied(page);
        }

        using (var refused = await PostAsync(editor, "Mourning", new() { ["MourningUntil"] = Field(DateTime.UtcNow.AddHours(24)) }))
        {
            NewsroomPortal.AssertDenied(refused);
        }

        Assert.False(portal.App.Services.GetRequiredService<AlertSwitch>().MourningNow);

        (await PostAsync(editor, "Banner", new() { ["Text"] = "突发：地震快讯", ["Link"] = "/", ["Until"] = Field(DateTime.UtcNow.AddHours(2)) })).Dispose();
        Assert.NotNull((await NewsroomPortal.PageAsync(reader, "/")).QuerySelector(".breaking-banner"));

        // Scheduled for tomorrow: nothing changes yet.
        using (var scheduled = await PostAsync(admin, "Mourning", new() { ["From"] = Field(DateTime.UtcNow.AddDays(1)), ["MourningUntil"] = Field(DateTime.UtcNow.AddDays(2)) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        }

        Assert.DoesNotContain("mourning", (await NewsroomPortal.PageAsync(reader, "/")).DocumentElement.ClassName ?? string.Empty, StringComparison.Ordinal);

        using (var now = await PostAsync(admin, "Mourning", new() { ["MourningUntil"] = Field(DateTime.UtcNow.AddHours(24)) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, now.StatusCode);
        }

        var home = await NewsroomPortal.PageAsync(reader, "/");
        Assert.Contains("mourning", home.DocumentElement.ClassName, StringComparison.Ordinal);
        Assert.Null(home.QuerySelector(".breaking-banner"));

        using (var ended = await PostAsync(admin, "EndMourning", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        }

        home = await NewsroomPortal.PageAsync(reader, "/");
        Assert.DoesNotContain("mourning", home.DocumentElement.ClassName ?? string.Empty, StringComparison.Ordinal);
        Assert.NotNull(home.QuerySelector(".breaking-banner"));
        (await PostAsync(editor, "ClearBanner", [])).Dispose();
        var audit = await portal.WithDbAsync(db => db.AuditLog.Where(a => a.Action.StartsWith("mourning")).OrderByDescending(a => a.Id).Take(3).Select(a => a.Action).ToListAsync(Ct));
        Assert.Equal(["mourning-off", "mourning-on", "mourning-on"], audit);
    }
}

[Collection(NewsroomGroup.Name)]
public sealed class AlertsTestsOnSqlite(NewsroomPortal portal) : AlertsTests(portal);

[Collection(PostgresNewsroomGroup.Name)]
[OnPostgres]
public sealed class AlertsTestsOnPostgres(PostgresNewsroomPortal portal) : AlertsTests(portal);
