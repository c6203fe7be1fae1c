using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tidings.Core.Data;

namespace Tidings.IntegrationTests;

/// <summary>The real app on a real SQLite file in a throwaway data directory, demo portal seeded on start.</summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    private static readonly HtmlParser Parser = new();

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "tidings-it-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Tidings:DataDirectory", DataDirectory);
        builder.UseEnvironment("Testing");
    }

    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<IHtmlDocument> GetPageAsync(string path, int expectedStatus = 200)
    {
        using var client = Browser();
        using var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"GET {path}: {(int)response.StatusCode}, expected {expectedStatus}");
        return Parser.ParseDocument(html);
    }

    public async Task<T> WithDbAsync<T>(Func<TidingsDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TidingsDbContext>());
    }

    /// <summary>
    /// Waits until the background maintenance has trained the topic model and given every article its related list
    /// (the demo seed leaves that to it, to keep start-up fast).
    /// </summary>
    public async Task WaitForRelatedListsAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (!await WithDbAsync(async db =>
            await db.TopicModels.AnyAsync(timeout.Token)
            && !await db.SearchTexts.AnyAsync(t => !db.RelatedLists.Any(r => r.ArticleId == t.ArticleId && !r.Stale), timeout.Token)))
        {
            await Task.Delay(100, timeout.Token);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp directory is harmless; failing the run over it is not.
            }
        }
    }
}
