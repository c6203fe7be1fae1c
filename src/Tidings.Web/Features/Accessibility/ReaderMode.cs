using Tidings.Web.Shared;

namespace Tidings.Web.Features.Accessibility;

/// <summary>
/// 关怀版 (care mode for older readers, as MIIT's 适老化 rules ask): the same URLs rendered by the server as a
/// variant — larger type, big controls, one column, simpler navigation — chosen with a first-party cookie so the
/// choice holds across pages and visits and the first paint is already right.
/// </summary>
public static class ReaderMode
{
    public const string CareCookie = "tcare";

    private static readonly string[] PreferenceKeys = ["t", "c", "k", "g"];

    public static bool IsCare(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Request.Cookies.TryGetValue(CareCookie, out var value) && value == "1";
    }

    /// <summary>The root element's classes for this reader's mode and 无障碍浏览 settings ("" for the defaults).</summary>
    public static string HtmlClass(HttpContext http) => HtmlClass(IsCare(http), ReaderPreferences.From(http));

    /// <summary>The same, for a page that has already read the mode and the settings.</summary>
    public static string HtmlClass(bool care, ReaderPreferences preferences)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        return string.Join(' ', new[] { care ? "care" : null, preferences.Classes }.Where(c => !string.IsNullOrEmpty(c)));
    }

    /// <summary>
    /// What a cached page varies by: 关怀版 and the 无障碍浏览 settings are rendered by the server, so each combination
    /// is its own cached copy and no reader is ever served another's mode.
    /// </summary>
    public static KeyValuePair<string, string> CacheVariant(HttpContext http) =>
        new("reader", (IsCare(http) ? "care" : "standard") + "|" + ReaderPreferences.From(http).Classes);

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
