using Microsoft.AspNetCore.Identity;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Accounts;

/// <summary>Identity's validation messages in the site's language (the strings live in <see cref="Ui"/>).</summary>
internal sealed class IdentityMessages : IdentityErrorDescriber
{
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = Phrase.Format(Ui.ErrorUserNameTaken, userName) };

    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = Ui.ErrorUserNameCharacters };

    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = Phrase.Count(Ui.ErrorPasswordShort, Ui.ErrorPasswordShortOne, length) };

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = Phrase.Count(Ui.ErrorPasswordUniqueChars, Ui.ErrorPasswordUniqueCharsOne, uniqueChars) };

    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = Ui.ErrorPasswordWrong };

    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = Ui.ErrorAccountFailed };

    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = Ui.ErrorAccountFailed };

    public override IdentityError InvalidRoleName(string? role) => new() { Code = nameof(InvalidRoleName), Description = Phrase.Format(Ui.ErrorUnknownRole, role, string.Join(", ", Core.Accounts.Roles.All)) };

    public override IdentityError DuplicateRoleName(string role) => new() { Code = nameof(DuplicateRoleName), Description = Ui.ErrorAccountFailed };

    public override IdentityError UserAlreadyInRole(string role) => new() { Code = nameof(UserAlreadyInRole), Description = Phrase.Format(Ui.ErrorUserAlreadyInRole, RoleNames.Of(role)) };

    public override IdentityError UserNotInRole(string role) => new() { Code = nameof(UserNotInRole), Description = Phrase.Format(Ui.ErrorUserNotInRole, RoleNames.Of(role)) };

    public override IdentityError UserLockoutNotEnabled() => new() { Code = nameof(UserLockoutNotEnabled), Description = Ui.ErrorAccountFailed };

    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = Ui.ErrorAccountFailed };
}
