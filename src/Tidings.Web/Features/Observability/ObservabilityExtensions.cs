using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Tidings.Web.Infrastructure;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Observability;

/// <summary>
/// Metrics for Prometheus at /metrics (OpenTelemetry: the framework's request, runtime and Kestrel metrics and
/// <see cref="TidingsMetrics"/>), traces of page requests to an OTLP collector when one is configured, and JSON logs
/// with request and trace ids when <c>Tidings:LogFormat</c> is <c>json</c>.
/// </summary>
internal static class ObservabilityExtensions
{
    public const string MetricsPortSetting = "Tidings:Metrics:Port";

    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        builder.DeclareSetting<string>("Tidings:LogFormat");
        builder.DeclareSetting<int>(MetricsPortSetting);
        if (string.Equals(builder.Configuration["Tidings:LogFormat"], "json", StringComparison.OrdinalIgnoreCase))
        {
            // One JSON object a line; scopes carry RequestId, RequestPath, TraceId and SpanId of the request.
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            });
        }

        builder.Services.AddSingleton<DependencySampler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DependencySampler>());
        builder.Services.AddSingleton<TidingsMetrics>();

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("tidings", serviceVersion: typeof(ObservabilityExtensions).Assembly.GetName().Version?.ToString()))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TidingsMetrics.MeterName)
                .AddPrometheusExporter());

        // Traces leave the process only to a collector the operator names (OTEL_EXPORTER_OTLP_ENDPOINT).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry
                .WithTracing(t => t.AddAspNetCoreInstrumentation(o => o.Filter = http =>
                    !http.Request.Path.StartsWithSegments("/css", StringComparison.Ordinal) && !http.Request.Path.StartsWithSegments("/js", StringComparison.Ordinal)
                        && !http.Request.Path.StartsWithSegments("/img", StringComparison.Ordinal)))
                .UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// /metrics answers on the port named by <see cref="MetricsPortSetting"/> (listen on it and keep it off the public
    /// network), or anywhere to a request with the operator token; to everyone else it is a 404, as if absent.
    /// </summary>
    public static WebApplication UseObservability(this WebApplication app)
    {
        var port = app.Configuration.GetValue<int?>(MetricsPortSetting);
        app.UseOpenTelemetryPrometheusScrapingEndpoint(http =>
            http.Request.Path == "/metrics" && (http.Connection.LocalPort == port || OperatorToken.IsPresented(http)));
        TidingsMetrics.UsePageCacheMetrics(app);
        return app;
    }
}
