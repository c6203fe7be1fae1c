using Tidings.Core.Accounts;

namespace Tidings.Web.Features.Accounts;

/// <summary>How the newsroom names each role, in its reader's language.</summary>
public static class RoleNames
{
    public static string Of(string role) => role switch
    {
        Roles.Admin => AccountsText.RoleAdmin,
        Roles.Editor => AccountsText.RoleEditor,
        Roles.Writer => AccountsText.RoleWriter,
        Roles.Moderator => AccountsText.RoleModerator,
        Roles.Creator => AccountsText.RoleCreator,
        _ => role,
    };
}
