using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidings.Core.Accounts;

namespace Tidings.Web.Features.Accounts;

/// <summary>
/// Signing out is a POST with the antiforgery token (a link could be triggered by any page); GET asks first. It
/// gives the account a new security stamp, so the session ends on the server too: a copy of the cookie taken before
/// (a shared computer, a stolen cookie) stops working, and so do the account's other sessions.
/// </summary>
public sealed class LogoutModel(SignInManager<TidingsUser> signIn, UserManager<TidingsUser> users, SessionCheck sessions) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
            sessions.Forget(user.Id);
        }

        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
