using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace Tidings.Web.Infrastructure;

/// <summary>
/// Defaults a public site needs whatever its features: which host names the site answers to, HSTS and Secure cookies
/// over HTTPS, no server banner, and a refusal to start with settings that would let a client's Host header choose the
/// site's canonical URLs. (Which proxies are believed: <see cref="TrustedProxies"/>.)
/// </summary>
internal static partial class Hardening
{
    public static WebApplicationBuilder AddHardening(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
        });
        builder.Services.Configure<CookiePolicyOptions>(o => o.Secure = CookieSecurePolicy.SameAsRequest);
        return builder;
    }

    /// <summary>Runs right after the client address is known: a sane Host, HSTS and Secure cookies before anything reads them.</summary>
    public static WebApplication UseHardening(this WebApplication app)
    {
        if (app.Environment.IsProduction() && string.IsNullOrWhiteSpace(app.Services.GetRequiredService<IOptions<TidingsOptions>>().Value.PublicBaseUrl))
        {
            var allowedHosts = app.Services.GetRequiredService<IOptions<HostFilteringOptions>>().Value.AllowedHosts;
            if (allowedHosts.Count == 0 || allowedHosts.Any(h => h.Trim() == "*"))
            {
                throw new InvalidOperationException(
                    "Set Tidings:PublicBaseUrl (https://news.example.cn) or AllowedHosts (news.example.cn;www.news.example.cn). " +
                    "With neither, canonical links, feeds and sitemaps would be built from whatever Host header a client sends. " +
                    "See docs/operations.md.");
            }

            Log.HostsFromAllowedHosts(app.Logger);
        }

        app.Use((context, next) =>
        {
            // A Host that cannot be part of a URL (a port past 65535, stray characters) would fail wherever the site
            // builds an absolute link from it; it is the client's mistake.
            if (!IsUsableHost(context.Request.Host))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return Task.CompletedTask;
            }

            return next(context);
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseCookiePolicy();
        return app;
    }

    private static bool IsUsableHost(HostString host) =>
        !host.HasValue || Uri.TryCreate("http://" + host.ToUriComponent() + "/", UriKind.Absolute, out _);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1501, EventName = "Hardening.HostsFromAllowedHosts", Level = LogLevel.Warning, Message = "Tidings:PublicBaseUrl is not set: canonical links, feeds and sitemaps use the request's host, which AllowedHosts limits. Set Tidings:PublicBaseUrl to pin one address")]
        public static partial void HostsFromAllowedHosts(ILogger logger);
    }
}
