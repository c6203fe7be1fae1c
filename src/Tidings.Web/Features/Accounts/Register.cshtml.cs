using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidings.Core.Abuse;
using Tidings.Core.Accounts;
using Tidings.Core.Comments;
using Tidings.Core.Text;
using Tidings.Web.Features.Comments;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Accounts;

/// <summary>Reader accounts: no role, only a name their 跟贴 carry. Staff accounts come from an admin or the CLI.</summary>
public sealed class RegisterModel(UserManager<TidingsUser> users, SignInManager<TidingsUser> signIn, [FromKeyedServices(Throttle.SignIn)] Throttle throttle, ModerationLists lists, ReservedNameList reserved, TimeProvider time) : PageModel
{
    [BindProperty]
    [Required(ErrorMessageResourceType = typeof(AccountsText), ErrorMessageResourceName = nameof(AccountsText.ErrorUserNameRequired))]
    [StringLength(TidingsUser.UserNameMaxLength, MinimumLength = 3, ErrorMessageResourceType = typeof(AccountsText), ErrorMessageResourceName = nameof(AccountsText.ErrorUserNameLength))]
    [RegularExpression("^[A-Za-z0-9._@-]+$", ErrorMessageResourceType = typeof(AccountsText), ErrorMessageResourceName = nameof(AccountsText.ErrorUserNameCharacters))]
    public string UserName { get; set; } = string.Empty;

    [BindProperty]
    [Required(ErrorMessageResourceType = typeof(AccountsText), ErrorMessageResourceName = nameof(AccountsText.ErrorDisplayNameRequired))]
    [StringLength(Comment.NicknameMaxLength, ErrorMessageResourceType = typeof(AccountsText), ErrorMessageResourceName = nameof(AccountsText.ErrorDisplayNameLong))]
    public string DisplayName { get; set; } = string.Empty;

    [BindProperty]
    [Required(ErrorMessageResourceType = typeof(AccountsText), ErrorMessageResourceName = nameof(AccountsText.ErrorPasswordRequired))]
    [StringLength(256, ErrorMessageResourceType = typeof(AccountsText), ErrorMessageResourceName = nameof(AccountsText.ErrorPasswordLong))]
    public string Password { get; set; } = string.Empty;

    [BindProperty]
    [Compare(nameof(Password), ErrorMessageResourceType = typeof(AccountsText), ErrorMessageResourceName = nameof(AccountsText.ErrorPasswordMismatch))]
    public string ConfirmPassword { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await throttle.TryAcquireAsync("ip:" + AddressKey.For(HttpContext.Connection.RemoteIpAddress)) is { } wait)
        {
            return this.TooFast(wait);
        }

        var name = CommentText.CleanNickname(DisplayName ?? string.Empty);
        if (ModelState.IsValid && name.Length == 0)
        {
            ModelState.AddModelError(nameof(DisplayName), AccountsText.ErrorDisplayNameRequired);
        }

        // Account names appear beside 跟贴: the same word lists apply as to nicknames.
        if (ModelState.IsValid && lists.Words.Scan(name) is { Tier: SensitiveTier.Banned } match)
        {
            ModelState.AddModelError(nameof(DisplayName), Phrase.Format(Ui.ErrorNicknameBanned, name.Substring(match.Start, match.Length)));
        }

        if (ModelState.IsValid && await reserved.ImitatesAsync(name, HttpContext.RequestAborted) is { } imitated)
        {
            ModelState.AddModelError(nameof(DisplayName), Phrase.Format(Ui.ErrorNicknameReserved, imitated));
        }

        if (!ModelState.IsValid)
        {
            return this.Refused(StatusCodes.Status400BadRequest);
        }

        var user = new TidingsUser { UserName = UserName.Trim(), DisplayName = name, CreatedAt = time.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(error.Code.Contains("Password", StringComparison.Ordinal) ? nameof(Password) : nameof(UserName), error.Description);
            }

            return this.Refused(StatusCodes.Status400BadRequest);
        }

        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect(LocalPaths.IsSafeReturn(ReturnUrl) ? ReturnUrl! : "/");
    }
}
