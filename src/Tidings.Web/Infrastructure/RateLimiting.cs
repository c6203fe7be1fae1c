
namespace Tidings.Web.Infrastructure;

/// <summary>
/// ASP.NET Core's request rate limiter, with one answer for every refusal: 429, Retry-After and a problem document.
/// Features add their own policies (the reader-event beacons: <c>AddTrending</c>); the write paths' limits that must
/// hold across nodes are token buckets of their own (<c>ITokenBuckets</c>).
/// </summary>
internal static class RateLimiting
{
    public static WebApplicationBuilder AddRateLimiting(this WebApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                await context.HttpContext.Response.WriteAsJsonAsync(
                    new { type = "https://tools.ietf.org/html/rfc6585#section-4", title = "Too Many Requests", status = 429, detail = "Too many requests; slow down." },
                    ct);
            };
        });
        return builder;
    }

    public static WebApplication UseRateLimiting(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }
}
