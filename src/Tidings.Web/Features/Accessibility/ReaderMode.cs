namespace Tidings.Web.Features.Accessibility;

/// <summary>
/// 关怀版 (care mode for older readers, as MIIT's 适老化 rules ask): the same URLs rendered by the server as a
/// variant — larger type, big controls, one column, simpler navigation — chosen with a first-party cookie so the
/// choice holds across pages and visits and the first paint is already right.
/// </summary>
public static class ReaderMode
{
    public const string CareCookie = "tcare";

    public static bool IsCare(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Request.Cookies.TryGetValue(CareCookie, out var value) && value == "1";
    }

    public static IEndpointRouteBuilder MapReaderMode(this IEndpointRouteBuilder app)
    {
        // A preference, not an action on anyone's data: no antiforgery token, so the header form stays cacheable.
        app.MapPost("/care", Toggle).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.StatusCodeHttpResult Toggle(HttpContext http, TimeProvider time)
    {
        var form = http.Request.HasFormContentType ? http.Request.Form : null;
        var on = form?["on"].ToString() == "1";
        var back = form?["returnUrl"].ToString();
        if (on)
        {
            http.Response.Cookies.Append(CareCookie, "1", new CookieOptions
            {
                Expires = time.GetUtcNow().AddYears(1),
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = http.Request.IsHttps,
                Path = "/",
            });
        }
        else
        {
            http.Response.Cookies.Delete(CareCookie, new CookieOptions { Path = "/" });
        }

        // Back to the page the reader was on; only a plain local path.
        var target = !string.IsNullOrEmpty(back) && back.StartsWith('/') && !back.StartsWith("//", StringComparison.Ordinal)
            && !back.Contains('\\', StringComparison.Ordinal) && back.All(c => c is > ' ' and < '\u007f')
            ? back
            : "/";
        http.Response.Headers.Location = target;
        return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
    }
}
