using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Accounts;
using Tidings.Core.Data;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Accounts;

/// <summary>Creating accounts and changing roles, shared by the `users` verb, the newsroom's account page and the demo.</summary>
public sealed class AccountAdmin(UserManager<TidingsUser> users, TidingsDbContext db, TimeProvider time)
{
    /// <summary>Makes sure every role of <see cref="Roles.All"/> exists (run at start-up, after migrations).</summary>
    public static async Task EnsureRolesAsync(TidingsDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var existing = await db.Roles.Select(r => r.Name).ToListAsync(ct);
        foreach (var role in Roles.All.Where(r => !existing.Contains(r)))
        {
            db.Roles.Add(new IdentityRole<int> { Name = role, NormalizedName = role.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() });
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Creates an account with these roles; the errors say what to fix (nothing is stored then).</summary>
    public async Task<(TidingsUser? User, IReadOnlyList<string> Errors)> CreateAsync(
        string userName, string displayName, string password, IReadOnlyCollection<string> roles, string? sourceSlug, CancellationToken ct)
    {
        var errors = new List<string>();
        var name = displayName.Trim();
        if (name.Length is 0 or > TidingsUser.DisplayNameMaxLength)
        {
            errors.Add(Phrase.Format(AccountsText.ErrorDisplayNameLength, TidingsUser.DisplayNameMaxLength));
        }

        errors.AddRange(roles.Where(r => !Roles.IsKnown(r)).Select(r => Phrase.Format(AccountsText.ErrorUnknownRole, r, string.Join(", ", Roles.All))));
        int? sourceId = null;
        if (sourceSlug is not null)
        {
            sourceId = await db.Sources.Where(s => s.Slug == sourceSlug).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct);
            if (sourceId is null)
            {
                errors.Add(Phrase.Format(AccountsText.ErrorNoSourceSlug, sourceSlug));
            }
        }
        else if (roles.Contains(Roles.Creator))
        {
            errors.Add(AccountsText.ErrorCreatorNeedsSource);
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = new TidingsUser { UserName = userName.Trim(), DisplayName = name, SourceId = sourceId, CreatedAt = time.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return (null, created.Errors.Select(e => e.Description).ToList());
        }

        if (roles.Count > 0)
        {
            var added = await users.AddToRolesAsync(user, roles);
            if (!added.Succeeded)
            {
                return (null, added.Errors.Select(e => e.Description).ToList());
            }
        }

        await transaction.CommitAsync(ct);
        return (user, []);
    }

    /// <summary>Sets exactly these roles; a security-stamp change signs the account's sessions in again within a minute.</summary>
    public async Task<IReadOnlyList<string>> SetRolesAsync(TidingsUser user, IReadOnlyCollection<string> roles)
    {
        ArgumentNullException.ThrowIfNull(user);
        var unknown = roles.Where(r => !Roles.IsKnown(r)).Select(r => Phrase.Format(AccountsText.ErrorUnknownRole, r, string.Join(", ", Roles.All))).ToList();
        if (unknown.Count > 0)
        {
            return unknown;
        }

        var current = await users.GetRolesAsync(user);
        var removed = await users.RemoveFromRolesAsync(user, current.Except(roles));
        var added = removed.Succeeded ? await users.AddToRolesAsync(user, roles.Except(current)) : removed;
        if (!added.Succeeded)
        {
            return added.Errors.Select(e => e.Description).ToList();
        }

        await users.UpdateSecurityStampAsync(user);
        return [];
    }
}
