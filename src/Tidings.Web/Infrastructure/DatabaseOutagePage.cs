using System.Net;
using Tidings.Web.Features.Accessibility;
using Tidings.Web.Shared;

namespace Tidings.Web.Infrastructure;

/// <summary>
/// While the database is down or restarting, pages that need it answer 503 with a page of their own that needs
/// nothing but the request (the site's layout reads the database), and Retry-After; /api answers ProblemDetails.
/// Pages in the shared cache keep being served. The node recovers by itself: the next request after the circuit's
/// pause tries the server again.
/// </summary>
internal static partial class DatabaseOutagePage
{
    private const int RetryAfterSeconds = 5;

    public static WebApplication UseDatabaseOutagePage(this WebApplication app)
    {
        var circuit = app.Services.GetRequiredService<DatabaseCircuit>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Tidings.Database");
        circuit.StateChanged += (up, e) =>
        {
            if (up)
            {
                Log.Recovered(logger);
            }
            else
            {
                Log.Lost(logger, e);
            }
        };

        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (DatabaseOutage.IsOutage(e) && !context.Response.HasStarted)
            {
                circuit.Failed(e);
                await WriteAsync(context);
            }
        });
        return app;
    }

    private static async Task WriteAsync(HttpContext context)
    {
        var response = context.Response;
        response.Clear();
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            response.ContentType = "application/problem+json";
            await response.WriteAsJsonAsync(new { type = "https://tools.ietf.org/html/rfc9110#section-15.6.4", title = "Service Unavailable", status = 503, detail = Ui.DatabaseDownApi });
            return;
        }

        var classes = ReaderMode.HtmlClass(context);
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="{Features.Languages.InterfaceLanguages.Current}"{(classes.Length > 0 ? $" class=\"{WebUtility.HtmlEncode(classes)}\"" : string.Empty)}>
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <meta name="color-scheme" content="light dark">
              <meta name="robots" content="noindex">
              <title>{Ui.DatabaseDownTitle}</title>
              <link rel="stylesheet" href="/css/site.css">
            </head>
            <body>
              <main id="main" class="wrap error-page">
                <h1>{Ui.DatabaseDownTitle}</h1>
                <p>{Ui.DatabaseDownText}</p>
                <p><a class="button" href="{WebUtility.HtmlEncode(context.Request.PathBase + context.Request.Path + context.Request.QueryString)}">{Ui.Reload}</a></p>
              </main>
            </body>
            </html>
            """);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1401, EventName = "DatabaseOutagePage.Lost", Level = LogLevel.Error, Message = "The database is unreachable; pages that need it answer 503 until it returns")]
        public static partial void Lost(ILogger logger, Exception? e);

        [LoggerMessage(EventId = 1402, EventName = "DatabaseOutagePage.Recovered", Level = LogLevel.Information, Message = "The database answers again")]
        public static partial void Recovered(ILogger logger);
    }
}
