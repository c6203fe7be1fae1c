using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tidings.Core.Data;
using Tidings.IntegrationTests.Postgres;

namespace Tidings.IntegrationTests;

/// <summary>
/// The portal as the comment tests need it: every request arrives from loopback (as behind a local reverse proxy),
/// so a test picks the reader's address with X-Forwarded-For; an operator token; limits that only the rate-limit
/// test reaches.
/// </summary>
public class CommentsPortal : IDisposable
{
    public const string OperatorToken = "moderation-token";

    private static readonly HtmlParser Parser = new();
    private static int _nextAddress;

    public CommentsPortal()
        : this(onPostgres: false)
    {
    }

    protected CommentsPortal(bool onPostgres)
    {
        Base = onPostgres ? new PostgresPortalFactory() : new PortalFactory();
        App = Base.WithWebHostBuilder(b =>
        {
            b.UseSetting("Tidings:OperatorToken", OperatorToken);
            b.UseSetting("Tidings:Comments:ReportsToHold", "2");
            // An edited word list is read on the next use, so tests need not wait out the production interval.
            b.UseSetting("Tidings:Comments:ListCheckSeconds", "0");
            b.UseSetting("Tidings:Comments:PosterBurst", "3");
            b.UseSetting("Tidings:Comments:AddressBurst", "1000");
            b.UseSetting("Tidings:Comments:PreModeratedChannels:0", "mil");
            b.ConfigureServices(s => s.AddSingleton<IStartupFilter, LoopbackConnection>());
        });
    }

    public PortalFactory Base { get; }

    public WebApplicationFactory<Program> App { get; }

    /// <summary>A new reader: own cookie jar (so own visitor id) and, unless given, a fresh documentation address.</summary>
    public HttpClient Reader(string? address = null)
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var n = Interlocked.Increment(ref _nextAddress);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address ?? $"198.18.{n / 250}.{(n % 250) + 1}");
        client.DefaultRequestHeaders.UserAgent.ParseAdd(WebNode.ReaderUserAgent);
        return client;
    }

    public HttpClient Moderator(string name = "王编辑")
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", OperatorToken);
        // Header values are ASCII: a Chinese name travels percent-encoded.
        client.DefaultRequestHeaders.Add("X-Moderator", Uri.EscapeDataString(name));
        return client;
    }

    public static async Task<IHtmlDocument> PageAsync(HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == expected, $"GET {path}: {(int)response.StatusCode}, expected {(int)expected}");
        return Parser.ParseDocument(await response.Content.ReadAsStringAsync());
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>The API's antiforgery token (its cookie lands in the client's jar).</summary>
    public static async Task<string> TokenAsync(HttpClient client)
    {
        var json = await client.GetFromJsonAsync<JsonElement>("/api/v1/antiforgery");
        return json.GetProperty("token").GetString()!;
    }

    public static async Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, object body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Add("RequestVerificationToken", token);
        }

        return await client.SendAsync(request);
    }

    public Task<T> WithDbAsync<T>(Func<TidingsDbContext, Task<T>> work) => WithDbCoreAsync(work);

    /// <summary>A demo article without demo comments, so a test owns its thread.</summary>
    public Task<(int Id, string Url)> QuietArticleAsync(int skip, string? channel = null) => WithDbAsync(async db =>
    {
        var a = await db.Articles
            .Where(a => !db.Comments.Any(c => c.ArticleId == a.Id) && a.ExternalId!.StartsWith("demo:") && (channel == null ? a.Channel!.Slug != "mil" : a.Channel!.Slug == channel))
            .OrderBy(a => a.Id).Skip(skip)
            .Select(a => new { a.Id, a.Slug })
            .FirstAsync();
        return (a.Id, Tidings.Web.Features.Articles.ArticleUrls.For(a.Id, a.Slug));
    });

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            App.Dispose();
            Base.Dispose();
        }
    }

    private async Task<T> WithDbCoreAsync<T>(Func<TidingsDbContext, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TidingsDbContext>());
    }
}

public sealed class PostgresCommentsPortal : CommentsPortal
{
    public PostgresCommentsPortal()
        : base(onPostgres: true)
    {
    }
}
