using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidings.Core.Accounts;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Accounts;

public sealed class LoginModel(SignInManager<TidingsUser> signIn, UserManager<TidingsUser> users, [FromKeyedServices(Throttle.SignIn)] Throttle throttle) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = Ui.ErrorUserNameRequired)]
    [StringLength(TidingsUser.UserNameMaxLength, ErrorMessage = Ui.ErrorUserNameLong)]
    public string UserName { get; set; } = string.Empty;

    [BindProperty]
    [Required(ErrorMessage = Ui.ErrorPasswordRequired)]
    [StringLength(256, ErrorMessage = Ui.ErrorPasswordLong)]
    public string Password { get; set; } = string.Empty;

    [BindProperty]
    public bool Remember { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await throttle.TryAcquireAsync("ip:" + HttpContext.Connection.RemoteIpAddress) is { } wait)
        {
            return this.TooFast(wait);
        }

        if (!ModelState.IsValid)
        {
            return this.Refused(StatusCodes.Status400BadRequest);
        }

        var result = await signIn.PasswordSignInAsync(UserName.Trim(), Password, Remember, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            if (LocalPaths.IsSafeReturn(ReturnUrl))
            {
                return LocalRedirect(ReturnUrl!);
            }

            var user = await users.FindByNameAsync(UserName.Trim());
            var staff = user is not null && (await users.GetRolesAsync(user)).Count > 0;
            return LocalRedirect(staff ? "/newsroom" : "/");
        }

        ModelState.AddModelError(string.Empty, result.IsLockedOut ? Ui.ErrorLockedOut : result.IsNotAllowed ? Ui.ErrorSignInNotAllowed : Ui.ErrorSignInFailed);
        return this.Refused(result.IsLockedOut ? StatusCodes.Status423Locked : StatusCodes.Status400BadRequest);
    }
}
