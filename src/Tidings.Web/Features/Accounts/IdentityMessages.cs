using Microsoft.AspNetCore.Identity;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Accounts;

/// <summary>Identity's validation messages in the site's language (the strings live in <see cref="Ui"/>).</summary>
internal sealed class IdentityMessages : IdentityErrorDescriber
{
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = Phrase.Format(AccountsText.ErrorUserNameTaken, userName) };

    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = AccountsText.ErrorUserNameCharacters };

    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = Phrase.Count(AccountsText.ErrorPasswordShort, AccountsText.ErrorPasswordShortOne, length) };

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = Phrase.Count(AccountsText.ErrorPasswordUniqueChars, AccountsText.ErrorPasswordUniqueCharsOne, uniqueChars) };

    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = AccountsText.ErrorPasswordWrong };

    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = AccountsText.ErrorAccountFailed };

    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = AccountsText.ErrorAccountFailed };

    public override IdentityError InvalidRoleName(string? role) => new() { Code = nameof(InvalidRoleName), Description = Phrase.Format(AccountsText.ErrorUnknownRole, role, string.Join(", ", Core.Accounts.Roles.All)) };

    public override IdentityError DuplicateRoleName(string role) => new() { Code = nameof(DuplicateRoleName), Description = AccountsText.ErrorAccountFailed };

    public override IdentityError UserAlreadyInRole(string role) => new() { Code = nameof(UserAlreadyInRole), Description = Phrase.Format(AccountsText.ErrorUserAlreadyInRole, RoleNames.Of(role)) };

    public override IdentityError UserNotInRole(string role) => new() { Code = nameof(UserNotInRole), Description = Phrase.Format(AccountsText.ErrorUserNotInRole, RoleNames.Of(role)) };

    public override IdentityError UserLockoutNotEnabled() => new() { Code = nameof(UserLockoutNotEnabled), Description = AccountsText.ErrorAccountFailed };

    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = AccountsText.ErrorAccountFailed };
}
