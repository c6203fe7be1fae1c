using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidings.Core.Abuse;
using Tidings.Core.Accounts;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Accounts;

/// <summary>
/// Sign-in. Guessing is slowed per account and address, never by locking the account: five tries per name from one
/// address (an IPv6 /64), then one a minute, and ten tries per address over all names, then one every six seconds. So
/// nobody can keep an editor or an admin out by failing on purpose, and the right person signs in from anywhere
/// else. An unknown name gets exactly the answer a wrong password gets, after the same work.
/// </summary>
public sealed class LoginModel(
    SignInManager<TidingsUser> signIn,
    UserManager<TidingsUser> users,
    [FromKeyedServices(Throttle.SignIn)] Throttle throttle,
    [FromKeyedServices(Throttle.SignInGuesses)] Throttle guesses) : PageModel
{
    // A real hash of nothing anyone knows: checking a password for an unknown name costs what a known one costs.
    private static readonly TidingsUser Decoy = new() { DisplayName = string.Empty };
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<TidingsUser>().HashPassword(Decoy, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    [BindProperty]
    [Required(ErrorMessageResourceType = typeof(AccountsText), ErrorMessageResourceName = nameof(AccountsText.ErrorUserNameRequired))]
    [StringLength(TidingsUser.UserNameMaxLength, ErrorMessageResourceType = typeof(AccountsText), ErrorMessageResourceName = nameof(AccountsText.ErrorUserNameLong))]
    public string UserName { get; set; } = string.Empty;

    [BindProperty]
    [Required(ErrorMessageResourceType = typeof(AccountsText), ErrorMessageResourceName = nameof(AccountsText.ErrorPasswordRequired))]
    [StringLength(256, ErrorMessageResourceType = typeof(AccountsText), ErrorMessageResourceName = nameof(AccountsText.ErrorPasswordLong))]
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
        var address = AddressKey.For(HttpContext.Connection.RemoteIpAddress);
        if (await throttle.TryAcquireAsync("ip:" + address) is { } wait)
        {
            return this.TooFast(wait);
        }

        if (!ModelState.IsValid)
        {
            return this.Refused(StatusCodes.Status400BadRequest);
        }

        var name = UserName.Trim();
        if (await guesses.TryAcquireAsync(users.NormalizeName(name) + "|" + address) is { } slow)
        {
            return this.TooFast(slow);
        }

        var user = await users.FindByNameAsync(name);
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(Decoy, DecoyHash.Value, Password);
            return Failed();
        }

        if (!await users.CheckPasswordAsync(user, Password))
        {
            return Failed();
        }

        // Only someone who knows the password learns that an admin has switched the account off.
        if (await users.IsLockedOutAsync(user))
        {
            ModelState.AddModelError(string.Empty, AccountsText.ErrorSignInNotAllowed);
            return this.Refused(StatusCodes.Status403Forbidden);
        }

        await signIn.SignInAsync(user, Remember);
        if (LocalPaths.IsSafeReturn(ReturnUrl))
        {
            return LocalRedirect(ReturnUrl!);
        }

        var staff = (await users.GetRolesAsync(user)).Count > 0;
        return LocalRedirect(staff ? "/newsroom" : "/");
    }

    private IActionResult Failed()
    {
        ModelState.AddModelError(string.Empty, AccountsText.ErrorSignInFailed);
        return this.Refused(StatusCodes.Status400BadRequest);
    }
}
