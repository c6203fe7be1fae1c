using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.WebEncoders;
using Tidings.Core.Data;
using Tidings.Web.Features.Channels;
using Tidings.Web.Shared;

namespace Tidings.Web.Infrastructure;

internal static class ReaderSiteExtensions
{
    public static WebApplicationBuilder AddReaderSite(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Features";
                o.Conventions.ConfigureFilter(new MethodNotAllowedFilter());
            })
            .AddMvcOptions(o =>
            {
                // The framework's model-binding messages ("The value 'x' is not valid for Y.") in the reader's
                // language; each accessor runs when the error happens, in that request's culture.
                var m = o.ModelBindingMessageProvider;
                m.SetAttemptedValueIsInvalidAccessor((value, field) => Phrase.Format(Ui.BindingValueInvalidFor, value, field));
                m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => Phrase.Format(Ui.BindingValueInvalid, value));
                m.SetUnknownValueIsInvalidAccessor(field => Phrase.Format(Ui.BindingUnknownValueFor, field));
                m.SetNonPropertyUnknownValueIsInvalidAccessor(() => Ui.BindingUnknownValue);
                m.SetValueIsInvalidAccessor(value => Phrase.Format(Ui.BindingValueInvalid, value));
                m.SetValueMustBeANumberAccessor(field => Phrase.Format(Ui.BindingNumberFor, field));
                m.SetNonPropertyValueMustBeANumberAccessor(() => Ui.BindingNumber);
                m.SetMissingBindRequiredValueAccessor(field => Phrase.Format(Ui.BindingRequiredFor, field));
                m.SetMissingKeyOrValueAccessor(() => Ui.BindingRequired);
                m.SetMissingRequestBodyRequiredValueAccessor(() => Ui.BindingRequired);
                m.SetValueMustNotBeNullAccessor(field => Phrase.Format(Ui.BindingRequiredFor, field));
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

    public static WebApplication MapReaderSite(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        return app;
    }

    /// <summary>The API description helps integrators; a public production site shows it only when the operator says so.</summary>
    public static WebApplication MapApiDescription(this WebApplication app)
    {
        if (!app.Environment.IsProduction() || app.Configuration.GetValue<bool>("Tidings:OpenApi"))
        {
            app.MapOpenApi("/openapi/{documentName}.json");
        }

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
