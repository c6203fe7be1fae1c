using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Tidings.Core.Data;
using Tidings.Web.Shared;

namespace Tidings.IntegrationTests.Feeds;

/// <summary>
/// The portal as the feed and sitemap tests need it: full-content feeds, small sitemap files (so the demo's articles
/// span several), and a fast change poll so a test sees invalidation within a fraction of a second. The clock that
/// dates generated documents (their Last-Modified) is <see cref="DocumentClock"/>, so a test moves it on instead of
/// sleeping past a whole HTTP-date second.
/// </summary>
public sealed class FeedsPortal : IDisposable
{
    public const int UrlsPerFile = 40;

    public FeedsPortal()
    {
        Base = new PortalFactory();
        App = Base.WithWebHostBuilder(b =>
        {
            b.UseSetting("Tidings:Feeds:FullContent", "true");
            b.UseSetting("Tidings:Sitemaps:UrlsPerFile", UrlsPerFile.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("Tidings:Cache:ChangePollMilliseconds", "100");
            b.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton(new DocumentVersions(DocumentClock))));
        });
    }

    public PortalFactory Base { get; }

    public FakeTimeProvider DocumentClock { get; } = new(DateTimeOffset.UtcNow);

    public WebApplicationFactory<Program> App { get; }

    public HttpClient Client() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<T> WithDbAsync<T>(Func<TidingsDbContext, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TidingsDbContext>());
    }

    /// <summary>Polls <paramref name="check"/> until it holds, failing after a few seconds.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> check, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await check())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        App.Dispose();
        Base.Dispose();
    }
}
