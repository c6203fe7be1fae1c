using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

using Tidings.Web.Shared;

namespace Tidings.Web.Features.Errors;

/// <summary>404 and 500 in the site's look; API paths get ProblemDetails instead of HTML.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    // No parameters: model binding would read the form, the very body that may be what failed (too large, not a
    // form), and fail again. The code is taken from the route by hand.
    public IActionResult OnGet() => Handle();

    public IActionResult OnPost() => Handle();

    // An API's DELETE or PUT that answered 404 or 409 is re-executed here with its own method.
    public IActionResult OnPut() => Handle();

    public IActionResult OnDelete() => Handle();

    public IActionResult OnPatch() => Handle();

    private IActionResult Handle()
    {
        int? code = int.TryParse(HttpContext.GetRouteValue("code") as string, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        var failed = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        if (reExecuted is null && failed is null)
        {
            // Asked for directly: there is no such page.
            Code = StatusCodes.Status404NotFound;
        }
        else if (failed is not null)
        {
            // The exception handler has already chosen the status (400s for requests that could not be read).
            Code = Response.StatusCode is >= 400 and <= 599 ? Response.StatusCode : StatusCodes.Status500InternalServerError;
        }
        else
        {
            Code = code is >= 400 and <= 599 ? code.Value : StatusCodes.Status500InternalServerError;
        }

        var originalPath = reExecuted?.OriginalPath ?? failed?.Path ?? HttpContext.Request.Path.Value ?? string.Empty;
        if (originalPath.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            var problem = new ProblemDetails { Status = Code, Title = Code switch { 404 => "Not Found", < 500 => "Bad Request", _ => "An error occurred" } };
            return new JsonResult(problem) { StatusCode = Code, ContentType = "application/problem+json" };
        }

        Response.StatusCode = Code;
        ViewData.SetMeta(new Shared.PageMeta { Title = Code == 404 ? ErrorsText.NotFoundTitle : ErrorsText.ErrorTitle, NoIndex = true });
        return Page();
    }
}
