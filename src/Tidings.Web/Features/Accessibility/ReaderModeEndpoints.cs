using Tidings.Web.Shared;

namespace Tidings.Web.Features.Accessibility;

/// <summary>
/// The two posts behind the header's 进入关怀版 button and the 无障碍浏览 toolbar when JavaScript is off: each sets
/// (or clears) its cookie and returns the reader to the page they were on.
/// </summary>
public static class ReaderModeEndpoints
{
    private static readonly string[] PreferenceKeys = ["t", "c", "k", "g"];

    public static IEndpointRouteBuilder MapReaderMode(this IEndpointRouteBuilder app)
    {
        // A preference, not an action on anyone's data: no antiforgery token, so the header form stays cacheable.
        app.MapPost("/care", Toggle).DisableAntiforgery().ExcludeFromDescription();
        app.MapPost("/preferences", SavePreferences).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static async Task<Microsoft.AspNetCore.Http.HttpResults.StatusCodeHttpResult> Toggle(HttpContext http, TimeProvider time)
    {
        var form = await ReadFormAsync(http);
        var on = form?["on"].ToString() == "1";
        var back = form?["returnUrl"].ToString();
        if (on)
        {
            http.Response.Cookies.Append(ReaderMode.CareCookie, "1", new CookieOptions
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
            http.Response.Cookies.Delete(ReaderMode.CareCookie, new CookieOptions { Path = "/" });
        }

        return Back(http, back);
    }

    /// <summary>The toolbar without JavaScript: each button posts one change (or reset) and returns to the page.</summary>
    private static async Task<Microsoft.AspNetCore.Http.HttpResults.StatusCodeHttpResult> SavePreferences(HttpContext http, TimeProvider time)
    {
        var form = await ReadFormAsync(http);
        var prefs = ReaderPreferences.From(http);
        if (form is not null)
        {
            if (form["reset"].ToString() == "1")
            {
                prefs = ReaderPreferences.Default;
            }

            prefs = ReaderPreferences.Parse(prefs + "|" + string.Join('|', PreferenceKeys
                .Where(k => form.ContainsKey(k))
                .Select(k => k + ":" + form[k].ToString())));
        }

        if (prefs.IsDefault)
        {
            http.Response.Cookies.Delete(ReaderPreferences.Cookie, new CookieOptions { Path = "/" });
        }
        else
        {
            // Not HttpOnly: the toolbar script updates it in place, so a change needs no round trip.
            http.Response.Cookies.Append(ReaderPreferences.Cookie, prefs.ToString(), new CookieOptions
            {
                Expires = time.GetUtcNow().AddYears(1),
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = http.Request.IsHttps,
                Path = "/",
            });
        }

        return Back(http, form?["returnUrl"].ToString());
    }

    /// <summary>The posted form, or null for anything that is not a well-formed one (then nothing changes).</summary>
    private static async Task<IFormCollection?> ReadFormAsync(HttpContext http)
    {
        if (!http.Request.HasFormContentType)
        {
            return null;
        }

        try
        {
            return await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Back to the page the reader was on.</summary>
    private static Microsoft.AspNetCore.Http.HttpResults.StatusCodeHttpResult Back(HttpContext http, string? back)
    {
        http.Response.Headers.Location = LocalPaths.IsSafeReturn(back) ? back : "/";
        return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
    }
}
