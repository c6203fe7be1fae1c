using Tidings.Core.Accounts;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Accounts;

/// <summary>How the newsroom names each role, in its reader's language.</summary>
public static class RoleNames
{
    public static string Of(string role) => role switch
    {
        Roles.Admin => Ui.RoleAdmin,
        Roles.Editor => Ui.RoleEditor,
        Roles.Writer => Ui.RoleWriter,
        Roles.Moderator => Ui.RoleModerator,
        Roles.Creator => Ui.RoleCreator,
        _ => role,
    };
}
