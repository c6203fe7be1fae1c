using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QRCoder;
using Tidings.Core.Data;
using Tidings.Web.Features.Articles;
using Tidings.Web.Infrastructure;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Sharing;

/// <summary>
/// <c>GET /article/{id}/qr</c>: the article's canonical URL as a QR code (PNG, or SVG with ?format=svg), for 分享至 微信
/// — WeChat shares a page scanned from the screen. Generated on the server (nothing sent to a third party) and
/// output-cached per article and format until content changes, as the slug in the URL may.
/// </summary>
internal static class QrEndpoints
{
    public const string CachePolicy = "qr";
    public const int PixelsPerModule = 6;

    public static WebApplicationBuilder AddSharing(this WebApplicationBuilder builder)
    {
        // The code holds an absolute URL: one copy per Host unless a public base URL fixes it.
        builder.Services.AddOptions<OutputCacheOptions>().Configure<IOptions<TidingsOptions>>((o, site) =>
            o.AddPolicy(CachePolicy, b => b.Expire(TimeSpan.FromDays(1)).Tag(ContentChanges.Tag).SetVaryByQuery("format").SetVaryByHost(string.IsNullOrEmpty(site.Value.PublicBaseUrl))));
        return builder;
    }

    public static IEndpointRouteBuilder MapSharing(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/article/{id:int}/qr", ContentCacheExtensions.GetAndHead, QrAsync)
            .CacheOutput(CachePolicy)
            .WithTags("Articles")
            .WithName("GetArticleQrCode")
            .WithSummary("The article's canonical URL as a QR code: image/png, or image/svg+xml with ?format=svg.");
        return app;
    }

    private static async Task<IResult> QrAsync(int id, string? format, HttpContext http, TidingsDbContext db, SiteContext site, CancellationToken ct)
    {
        var svg = string.Equals(format, "svg", StringComparison.OrdinalIgnoreCase);
        if (!svg && format is not null && !string.Equals(format, "png", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "format must be png or svg.");
        }

        var article = await db.Published(site.UtcNow).Where(a => a.Id == id).Select(a => new { a.Id, a.Slug }).FirstOrDefaultAsync(ct);
        if (article is null)
        {
            return Results.NotFound();
        }

        var url = site.Absolute(http.Request, ArticleUrls.For(article.Id, article.Slug));
        using var generator = new QRCodeGenerator();
        // Level M survives a smudged or glare-struck phone screen while keeping the code small enough to scan at a glance.
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        http.Response.Headers.CacheControl = "public, max-age=86400";
        if (svg)
        {
            using var svgCode = new SvgQRCode(data);
            var markup = svgCode.GetGraphic(PixelsPerModule, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
            return Results.Text(markup, "image/svg+xml; charset=utf-8");
        }

        using var pngCode = new PngByteQRCode(data);
        return Results.Bytes(pngCode.GetGraphic(PixelsPerModule), "image/png");
    }
}
