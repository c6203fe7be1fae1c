namespace Tidings.Core.Accounts;

/// <summary>The newsroom's roles. A reader account has none.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Editor = "editor";
    public const string Writer = "writer";
    public const string Moderator = "moderator";
    public const string Creator = "creator";

    public static readonly IReadOnlyList<string> All = [Admin, Editor, Writer, Moderator, Creator];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
