using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tidings.Web.Features.Errors;

/// <summary>404 and 500 in the site's look; API paths get ProblemDetails instead of HTML.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public IActionResult OnGet(int? code) => Handle(code);

    public IActionResult OnPost(int? code) => Handle(code);

    private IActionResult Handle(int? code)
    {
        Code = code is >= 400 and <= 599 ? code.Value : StatusCodes.Status500InternalServerError;
        var originalPath = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path
            ?? string.Empty;
        if (originalPath.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            var problem = new ProblemDetails { Status = Code, Title = Code == 404 ? "Not Found" : "An error occurred" };
            return new JsonResult(problem) { StatusCode = Code, ContentType = "application/problem+json" };
        }

        Response.StatusCode = Code;
        ViewData["Meta"] = new Shared.PageMeta { Title = Code == 404 ? Shared.Ui.NotFoundTitle : Shared.Ui.ErrorTitle, NoIndex = true };
        return Page();
    }
}
