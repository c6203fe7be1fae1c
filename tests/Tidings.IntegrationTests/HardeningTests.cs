using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Tidings.Web.Infrastructure;

namespace Tidings.IntegrationTests;

/// <summary>The defaults a public site needs: HSTS and Secure cookies over HTTPS, no banner, safe start-up settings.</summary>
[Collection(HostileGroup.Name)]
public sealed class HardeningTests(HostilePortal portal)
{
    [Fact]
    public async Task OverHttps_HstsIsSent_AndEveryCookieIsSecure()
    {
        using var client = portal.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Host = "news.example.cn";
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.False(response.Headers.Contains("Server"));
        Assert.DoesNotContain("https:", response.Headers.GetValues("Content-Security-Policy").Single().Split(';').Single(d => d.Trim().StartsWith("img-src", StringComparison.Ordinal)), StringComparison.Ordinal);

        // Plain HTTP (localhost, tests) gets neither: HSTS there would lock a browser out of the site.
        using var plain = await client.GetAsync("/account/login", TestContext.Current.CancellationToken);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("/error/999")]
    [InlineData("/error/200")]
    [InlineData("/error/500")]
    public async Task ErrorPages_AskedForDirectly_AreNotFound(string path)
    {
        using var client = portal.Anonymous();
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("10.0.0.5", true)]
    [InlineData("10.0.0.0/8", true)]
    [InlineData("2001:db8::/32", true)]
    [InlineData(" 192.168.1.1 ", true)]
    [InlineData("10.0.0.0/33", false)]
    [InlineData("proxy.internal", false)]
    [InlineData("", false)]
    public void TrustedProxies_AddressesAndRanges_OrAClearError(string entry, bool valid)
    {
        if (valid)
        {
            Assert.Single(TrustedProxies.Parse([entry]));
        }
        else
        {
            var error = Assert.Throws<InvalidOperationException>(() => TrustedProxies.Parse([entry]));
            Assert.Contains("Tidings:TrustedProxies", error.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// An operator's misspelt setting is named at start-up; under Tidings:StrictSettings (on in every test host) the
    /// site refuses to start before it touches the database, so the typo cannot run with the default in force.
    /// </summary>
    [Fact]
    public void AMisspeltSetting_IsNamed_AndStrictSettingsRefuseToStart()
    {
        using var portal = new PortalFactory();
        using var typo = portal.WithWebHostBuilder(b =>
        {
            b.UseSetting("Tidings:SeedDemo", "false");
            b.UseSetting("Tidings:Cache:ArticleSecond", "5");
        });
        var error = Assert.ThrowsAny<Exception>(() => typo.CreateClient());
        Assert.Contains("Tidings:SeedDemo", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Tidings:Cache:ArticleSecond", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A value out of range stops the start with a message that names the setting to fix.</summary>
    [Theory]
    [InlineData("Tidings:SiteName", "")]
    [InlineData("Tidings:PublicBaseUrl", "news.example.cn")]
    [InlineData("Tidings:Related:MaxPerSource", "0")]
    [InlineData("Tidings:Comments:ReportsToHold", "0")]
    [InlineData("Tidings:Cache:ArticleSeconds", "-1")]
    [InlineData("Tidings:Trending:SectionHalfLifeHours", "0")]
    [InlineData("Tidings:Topics:MinimumDocuments", "1")]
    [InlineData("Tidings:Feeds:Items", "500")]
    [InlineData("Tidings:Sitemaps:NewsHours", "0")]
    [InlineData("Tidings:Spike:PageSeconds", "0")]
    [InlineData("Tidings:Accounts:SessionCheckSeconds", "0")]
    [InlineData("Tidings:Database:Provider", "Oracle")]
    public void ABadValue_StopsTheStart_NamingTheSetting(string setting, string value)
    {
        using var portal = new PortalFactory();
        using var bad = portal.WithWebHostBuilder(b => b.UseSetting(setting, value));
        var error = Assert.ThrowsAny<Exception>(() => bad.CreateClient());
        Assert.Contains(setting, error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// In production the site never builds its canonical links from a client's Host: it refuses to start without
    /// PublicBaseUrl or AllowedHosts, and with AllowedHosts it refuses other hosts. The API description is off.
    /// </summary>
    [Fact]
    public async Task Production_NeedsAPublicAddress_AndHidesTheApiDescription()
    {
        using (var open = new ProductionPortal(allowedHosts: "*"))
        {
            var error = Assert.ThrowsAny<Exception>(() => open.CreateClient());
            Assert.Contains("Tidings:PublicBaseUrl", error.ToString(), StringComparison.Ordinal);
        }

        using var limited = new ProductionPortal(allowedHosts: "localhost");
        using var client = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using (var ok = await client.GetAsync("/healthz", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using (var openApi = await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.NotFound, openApi.StatusCode);
        }

        using var forged = new HttpRequestMessage(HttpMethod.Get, "/feeds/site.rss");
        forged.Headers.Host = "evil.example";
        using var refused = await client.SendAsync(forged, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    private sealed class ProductionPortal(string allowedHosts) : WebApplicationFactory<Program>
    {
        private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "tidings-prod-" + Guid.NewGuid().ToString("N"));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(Environments.Production);
            builder.UseSetting("Tidings:DataDirectory", _dataDirectory);
            builder.UseSetting("Tidings:SeedDemoOnEmptyDatabase", "false");
            builder.UseSetting("Tidings:Related:BackgroundMaintenance", "false");
            builder.UseSetting("AllowedHosts", allowedHosts);
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
    }
}
