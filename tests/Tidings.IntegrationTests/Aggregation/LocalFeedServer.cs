using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tidings.IntegrationTests.Aggregation;

/// <summary>
/// A partner's web server on loopback, with the habits real ones have: ETags and 304s, gzip, redirects (and a redirect
/// loop), a slow endpoint, an oversized and a compressed-bomb body, 503 with Retry-After. It records what it was sent.
/// </summary>
public sealed class LocalFeedServer : IAsyncDisposable
{
    public const string RssETag = "\"rss-v1\"";

    private readonly WebApplication _app;

    private LocalFeedServer(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The headers of every request, by path, in arrival order.</summary>
    public ConcurrentQueue<(string Path, IHeaderDictionary Headers)> Requests { get; } = new();

    /// <summary>The RSS document served at /rss (tests change it to simulate an update).</summary>
    public string Rss { get; set; } = Feed("第一条新闻");

    /// <summary>Documents served at /f/{name}, each with an ETag of its content (so an edit changes it).</summary>
    private ConcurrentDictionary<string, (string Body, string ContentType)> Documents { get; } = new();

    /// <summary>Serves (or replaces) a document at /f/{name}; returns its URL.</summary>
    public Uri Serve(string name, string body, string contentType = "application/rss+xml; charset=utf-8")
    {
        Documents[name] = (body, contentType);
        return Url("/f/" + name);
    }

    public Uri Url(string path) => new(BaseUri, path);

    public static string Feed(params string[] titles) =>
        Feed(titles.Select((t, i) => ($"item-{i}", t, $"摘要{i}")).ToArray());

    /// <summary>An RSS document of (guid, title, description) items, each with a relative link and full text.</summary>
    public static string Feed(params (string Guid, string Title, string Description)[] items) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>合作媒体</title><link>https://partner.example/</link>"
        + string.Concat(items.Select(i => $"<item><title>{i.Title}</title><guid>{i.Guid}</guid><link>/a/{i.Guid}?utm_source=rss&amp;id=1</link><pubDate>Sat, 05 Dec 2026 09:30:00 +0800</pubDate><description>{i.Description}</description><content:encoded><![CDATA[<p>{i.Description}。这是全文第一段。</p><p>全文第二段<img src=\"/track.gif\"></p>]]></content:encoded></item>"))
        + "</channel></rss>";

    public static async Task<LocalFeedServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LocalFeedServer(app);
        app.Use(async (context, next) =>
        {
            server.Requests.Enqueue((context.Request.Path.Value ?? string.Empty, new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value))));
            await next(context);
        });
        app.MapGet("/rss", (HttpContext context) =>
        {
            if (context.Request.Headers.IfNoneMatch == RssETag)
            {
                return Results.StatusCode(304);
            }

            context.Response.Headers.ETag = RssETag;
            context.Response.Headers.LastModified = "Sat, 05 Dec 2026 01:00:00 GMT";
            return Results.Text(server.Rss, "application/rss+xml; charset=utf-8");
        });
        app.MapGet("/f/{name}", (HttpContext context, string name) =>
        {
            if (!server.Documents.TryGetValue(name, out var document))
            {
                return Results.NotFound();
            }

            var etag = "\"" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(document.Body)))[..16] + "\"";
            if (context.Request.Headers.IfNoneMatch == etag)
            {
                return Results.StatusCode(304);
            }

            context.Response.Headers.ETag = etag;
            return Results.Text(document.Body, document.ContentType);
        });
        app.MapGet("/gzip", async context =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.ContentType = "application/rss+xml";
            await using var gzip = new GZipStream(context.Response.Body, CompressionLevel.Fastest);
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(server.Rss));
        });
        app.MapGet("/corrupt-gzip", async context =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.ContentType = "application/rss+xml";
            await context.Response.Body.WriteAsync(new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5 });
        });
        app.MapGet("/bomb", async context =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.ContentType = "application/rss+xml";
            await using var gzip = new GZipStream(context.Response.Body, CompressionLevel.Fastest);
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++)
            {
                await gzip.WriteAsync(zeros);
            }
        });
        app.MapGet("/huge", () => Results.Text(new string('x', 3 * 1024 * 1024), "application/rss+xml"));
        app.MapGet("/redirect/{n:int}", (int n) => Results.Redirect(n <= 0 ? "/rss" : $"/redirect/{n - 1}"));
        app.MapGet("/loop", () => Results.Redirect("/loop"));
        app.MapGet("/to/{host}", (HttpContext context, string host) => Results.Redirect($"http://{host}:{context.Connection.LocalPort}/rss"));
        app.MapGet("/slow", async (CancellationToken ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return Results.Text(server.Rss, "application/rss+xml");
        });
        app.MapGet("/busy", (HttpContext context) =>
        {
            context.Response.Headers.RetryAfter = "120";
            return Results.StatusCode(503);
        });
        app.MapGet("/gbk", () => Results.Bytes(GbkFeed(), "application/rss+xml; charset=GBK"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    private static byte[] GbkFeed()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GBK").GetBytes("<rss version=\"2.0\"><channel><title>齐鲁晚报</title><item><title>泉城广场迎来新年灯会</title><guid>gbk-1</guid></item></channel></rss>");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
