using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidings.Core.Accounts;

namespace Tidings.Web.Features.Accounts;

/// <summary>Signing out is a POST with the antiforgery token (a link could be triggered by any page); GET asks first.</summary>
public sealed class LogoutModel(SignInManager<TidingsUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
