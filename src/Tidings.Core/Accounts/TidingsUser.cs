using Microsoft.AspNetCore.Identity;

namespace Tidings.Core.Accounts;

/// <summary>
/// An account: newsroom staff (roles in <see cref="Roles"/>), a self-media creator who owns a source account, or a
/// reader with no role whose 跟贴 carry the account's name.
/// </summary>
public sealed class TidingsUser : IdentityUser<int>
{
    public const int DisplayNameMaxLength = 40;
    public const int UserNameMaxLength = 64;

    /// <summary>Shown on comments, in the audit log and as 责任编辑.</summary>
    public required string DisplayName { get; set; }

    /// <summary>The self-media account a creator publishes as; creators can write for no other source.</summary>
    public int? SourceId { get; set; }

    public DateTime CreatedAt { get; set; }
}
