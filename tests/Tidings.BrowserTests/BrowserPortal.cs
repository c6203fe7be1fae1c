using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tidings.Core.Data;

namespace Tidings.BrowserTests;

/// <summary>One portal and one browser for every browser test class.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserPortal>
{
    public const string Name = "browser";
}

/// <summary>
/// The demo portal on a real Kestrel port and one headless Debian Chromium, shared by every browser test (each test
/// opens its own context, so cookies and preferences never leak between tests).
/// </summary>
public sealed class BrowserPortal : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly Factory _factory = new();
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = string.Empty;

    public IServiceProvider Services => _factory.Services;

    public async ValueTask InitializeAsync()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseUrl = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Without the networking flags Chromium keeps knocking on a closed network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context at a width (CSS px) and colour scheme, optionally in 关怀版, opened at a path.</summary>
    public async Task<IPage> OpenAsync(string path, int width = 1280, ColorScheme scheme = ColorScheme.Light, bool care = false, bool javaScript = true, bool readerStyles = false)
    {
        var page = await NewPageAsync(width, scheme, care, javaScript, readerStyles);
        var response = await page.GotoAsync(path);
        Assert.NotNull(response);
        return page;
    }

    /// <summary>
    /// The same, before any navigation (for init scripts). <paramref name="readerStyles"/> lets a test inject style as
    /// a reader's own style sheet would, which the page's Content-Security-Policy does not govern.
    /// </summary>
    public async Task<IPage> NewPageAsync(int width = 1280, ColorScheme scheme = ColorScheme.Light, bool care = false, bool javaScript = true, bool readerStyles = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            ColorScheme = scheme,
            Locale = "zh-CN",
            JavaScriptEnabled = javaScript,
            BypassCSP = readerStyles,
            // Headless Chromium announces itself as such, and the portal ignores bots' reader signals.
            UserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        });
        if (care)
        {
            await context.AddCookiesAsync([new Cookie { Name = "tcare", Value = "1", Url = BaseUrl }]);
        }

        return await context.NewPageAsync();
    }

    /// <summary>A path on the demo portal for each page type the suites visit.</summary>
    public async Task<string> PathOfAsync(string kind)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
        var busiest = await db.Articles.OrderByDescending(a => a.CommentCount).ThenBy(a => a.Id).Select(a => new { a.Id, a.Slug }).FirstAsync();
        return kind switch
        {
            "home" => "/",
            "channel" => "/channel/" + await db.Channels.OrderBy(c => c.SortOrder).Select(c => c.Slug).FirstAsync(),
            "region" => "/region/" + await db.Regions.OrderBy(r => r.SortOrder).Select(r => r.Slug).FirstAsync(),
            // A self-media account: its header (avatar, kind, counts, 关注) is the fullest of the account pages.
            "source" => "/source/" + await db.Sources.Where(s => s.Kind == Core.Sources.SourceKind.SelfMedia).OrderBy(s => s.Id).Select(s => s.Slug).FirstAsync(),
            "article" => $"/article/{busiest.Id}/{busiest.Slug}",
            "comments" => $"/article/{busiest.Id}/comments",
            "search" => "/search?q=" + Uri.EscapeDataString("青岛"),
            "search-empty" => "/search?q=" + Uri.EscapeDataString("不存在的词语组合"),
            "hot" => "/hot",
            "404" => "/no-such-page",
            "statement" => "/accessibility",
            "preferences" => "/preferences",
            "login" => "/account/login",
            "register" => "/account/register",
            "following" => "/following",
            "report" => $"/article/{busiest.Id}/report",
            "corrections" => "/corrections",
            "topic" => "/topic/" + await db.Specials.Where(s => s.Published).OrderBy(s => s.Id).Select(s => s.Slug).FirstAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await _factory.DisposeAsync();
    }

    private sealed class Factory : WebApplicationFactory<Program>
    {
        public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "tidings-bt-" + Guid.NewGuid().ToString("N"));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Tidings:DataDirectory", DataDirectory);
            builder.UseSetting("Tidings:StrictSettings", "true");
            // Correction notices are asked for on every page here, not once in five minutes (the interval, not the clock).
            builder.UseSetting("Tidings:Corrections:CheckSeconds", "0");
            builder.UseEnvironment("Testing");
            // Outside Development the stylesheet and scripts come from the build's static web assets manifest.
            builder.UseStaticWebAssets();
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp directory is harmless.
            }
        }
    }
}
