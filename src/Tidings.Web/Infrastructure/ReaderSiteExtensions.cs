using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.WebEncoders;
using Tidings.Core.Data;
using Tidings.Web.Features.Accessibility;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Features.Articles;
using Tidings.Web.Features.Channels;
using Tidings.Web.Features.Related;
using Tidings.Web.Features.Search;
using Tidings.Web.Shared;

namespace Tidings.Web.Infrastructure;

internal static class ReaderSiteExtensions
{
    public static WebApplicationBuilder AddReaderSite(this WebApplicationBuilder builder)
    {
        builder.DeclareSetting<string[]>("Tidings:ImageHosts");
        builder.Services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Features";
                o.Conventions.ConfigureFilter(new MethodNotAllowedFilter());
            })
            .AddRazorOptions(o => o.PageViewLocationFormats.Add("/Shared/{0}.cshtml"));
        // Razor would otherwise write every Chinese character as &#x...; entities, tripling page weight.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<SiteContext>();
        builder.Services.AddSingleton<PortalLists>();
        return builder;
    }

    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        builder.DeclareSetting<bool>("Tidings:OpenApi");
        builder.DeclareSetting<string>("Tidings:OperatorToken");
        builder.Services.AddProblemDetails();
        // Chinese as UTF-8, not \uXXXX escapes: readable for integrators and a third of the bytes. HTML-sensitive
        // characters stay escaped.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks().AddDbContextCheck<TidingsDbContext>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>Friendly pages for HTML, ProblemDetails for /api; never a bare status or a stack trace.</summary>
    public static WebApplication UseErrorPages(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error/500",
            // A request Kestrel or model binding could not read (a body over the limit, a form or JSON that does not
            // bind, also when the antiforgery check is what read it) is the client's fault, whatever code met it.
            StatusCodeSelector = e => e switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                { InnerException: BadHttpRequestException bad } => bad.StatusCode,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseDatabaseOutagePage();
        return app;
    }

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        // Images only from the site itself and the hosts the operator names (a CDN, a partner's image server): an
        // imported or pasted <img> elsewhere cannot track readers or pull in content nobody chose.
        var imageHosts = app.Configuration.GetSection("Tidings:ImageHosts").Get<string[]>() ?? [];
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

    public static WebApplication MapReaderSite(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapReaderMode();
        return app;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        // The API description helps integrators; a public production site shows it only when the operator says so.
        if (!app.Environment.IsProduction() || app.Configuration.GetValue<bool>("Tidings:OpenApi"))
        {
            app.MapOpenApi("/openapi/{documentName}.json");
        }

        app.MapChannelApi();
        app.MapArticleApi();
        app.MapRelatedApi();
        app.MapSearchApi();
        app.MapAccountApi();
        return app;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        // Alive: the process answers. Ready: it can also reach its database.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteReadinessAsync });
        return app;
    }

    /// <summary>Each dependency by name, so an operator (or a load balancer's log) sees which one a node lost.</summary>
    private static Task WriteReadinessAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description ?? e.Value.Exception?.Message, milliseconds = Math.Round(e.Value.Duration.TotalMilliseconds, 1) }),
        });
    }
}
