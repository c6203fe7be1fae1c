namespace Tidings.Core.Accounts;

/// <summary>What a newsroom action needs. The server checks these on every request; the UI only hides what fails.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "The newsroom's permissions matrix, not a code-access security permission type.")]
public enum Permission
{
    /// <summary>Enter the newsroom at all.</summary>
    Newsroom,

    /// <summary>Write drafts (one's own).</summary>
    Draft,

    /// <summary>Send one's own draft to review (送审).</summary>
    Submit,

    /// <summary>Edit anyone's article in any state, published ones included (with a revision kept).</summary>
    EditAny,

    Publish,
    Schedule,
    Unpublish,

    /// <summary>Append a dated correction (更正) to a published article.</summary>
    Correct,

    /// <summary>Pin and order 头条 and channel top stories; pin or suppress trending items.</summary>
    Curate,

    /// <summary>Work the 跟贴 queue: approve, reject, ban.</summary>
    Moderate,

    ViewAudit,
    ManageUsers,

    /// <summary>Throw the 突发新闻模式 switch (admins: it changes how the whole site runs).</summary>
    Spike,

    /// <summary>Subscribe, change, pause and poll partner feeds (合作媒体): what other outlets publish on the site.</summary>
    Feeds,

    /// <summary>Review 入驻 applications: approve (which creates a self-media account), refuse, or ask for changes.</summary>
    Creators,
}

/// <summary>The permissions matrix: which role may do what.</summary>
public static class Permissions
{
    private static readonly Dictionary<string, HashSet<Permission>> Matrix = new(StringComparer.Ordinal)
    {
        [Roles.Admin] = [.. Enum.GetValues<Permission>()],
        [Roles.Editor] =
        [
            Permission.Newsroom, Permission.Draft, Permission.Submit, Permission.EditAny, Permission.Publish,
            Permission.Schedule, Permission.Unpublish, Permission.Correct, Permission.Curate, Permission.Moderate,
            Permission.ViewAudit, Permission.Feeds,
        ],
        [Roles.Writer] = [Permission.Newsroom, Permission.Draft, Permission.Submit],
        [Roles.Creator] = [Permission.Newsroom, Permission.Draft, Permission.Submit],
        [Roles.Moderator] = [Permission.Newsroom, Permission.Moderate, Permission.ViewAudit],
    };

    public static bool Has(IEnumerable<string> roles, Permission permission)
    {
        ArgumentNullException.ThrowIfNull(roles);
        return roles.Any(r => Matrix.TryGetValue(r, out var granted) && granted.Contains(permission));
    }

    public static IReadOnlySet<Permission> Of(string role) =>
        Matrix.TryGetValue(role, out var granted) ? granted : new HashSet<Permission>();
}
