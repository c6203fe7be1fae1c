using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Tidings.Web.Shared;

/// <summary>
/// Refuses cross-site form posts without a per-page secret, so the page carrying the form can be one cached copy for
/// every reader. Browsers say where a request comes from: Sec-Fetch-Site (every current browser), else Origin (sent
/// with every POST since 2019-2020). A request with neither did not come from a browser page of another site, so it
/// cannot ride on a reader's cookies. The account cookie is SameSite=Lax besides, so a cross-site post would arrive
/// signed out anyway. This is the check Go 1.25's CrossOriginProtection and the OWASP cheat sheet's Fetch Metadata
/// defence make; ADR 0013 says why the reader's comment forms use it instead of antiforgery tokens.
/// </summary>
public static class SameOrigin
{
    public static bool IsCrossSite(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            // "none": typed, bookmarked or opened by the user, not by another page.
            return site is not ("same-origin" or "none");
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return false;
        }

        return !Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            || !string.Equals(uri.IsDefaultPort ? uri.Host : uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>Applies <see cref="SameOrigin"/> to every POST handler of a page: 403 for a cross-site one.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SameOriginPostsAttribute : Attribute, IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (HttpMethods.IsPost(context.HttpContext.Request.Method) && SameOrigin.IsCrossSite(context.HttpContext.Request))
        {
            context.Result = new ContentResult
            {
                StatusCode = StatusCodes.Status403Forbidden,
                Content = Ui.ErrorCrossSite,
                ContentType = "text/plain; charset=utf-8",
            };
            return;
        }

        await next();
    }
}
