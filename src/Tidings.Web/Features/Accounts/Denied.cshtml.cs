using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Accounts;

/// <summary>Where the newsroom sends a signed-in account that lacks the permission a page needs.</summary>
public sealed class DeniedModel : PageModel
{
    public void OnGet()
    {
        ViewData.SetMeta(new PageMeta { Title = Ui.AccessDenied, NoIndex = true });
        Response.StatusCode = StatusCodes.Status403Forbidden;
    }
}
