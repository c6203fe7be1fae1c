namespace Tidings.Web.Infrastructure;

/// <summary>The response headers every answer carries: no sniffing, no framing by others, and the content policy.</summary>
internal static class SecurityHeaders
{
    public const string ImageHostsSetting = "Tidings:ImageHosts";

    public static WebApplicationBuilder AddSecurityHeaders(this WebApplicationBuilder builder)
    {
        builder.DeclareSetting<string[]>(ImageHostsSetting);
        return builder;
    }

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        // Images only from the site itself and the hosts the operator names (a CDN, a partner's image server): an
        // imported or pasted <img> elsewhere cannot track readers or pull in content nobody chose.
        var imageHosts = app.Configuration.GetSection(ImageHostsSetting).Get<string[]>() ?? [];
        foreach (var host in imageHosts)
        {
            if (!Uri.TryCreate(host, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.PathAndQuery != "/" || host.Contains(';', StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Tidings:ImageHosts entry '{host}' must be an origin such as https://img.example.cn.");
            }
        }

        var policy = "default-src 'self'; img-src 'self' data:" + string.Concat(imageHosts.Select(h => " " + new Uri(h).GetLeftPart(UriPartial.Authority)))
            + "; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'";
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "SAMEORIGIN";
            headers.ContentSecurityPolicy = policy;
            return next(context);
        });
        return app;
    }
}
