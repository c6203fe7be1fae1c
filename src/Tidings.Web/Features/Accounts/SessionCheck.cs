using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Tidings.Core.Data;

namespace Tidings.Web.Features.Accounts;

/// <summary>How long a node trusts what it last read of an account's security stamp.</summary>
public sealed class AccountOptions
{
    /// <summary>
    /// Seconds a node may go on accepting a session that was signed out, demoted or had its password changed on
    /// another node; on the node where it happened, the session ends at once.
    /// </summary>
    public int SessionCheckSeconds { get; set; } = 10;
}

/// <summary>
/// Ends sessions on the server. The sign-in cookie carries the account's security stamp; signing out, a password
/// change, a role change or a ban gives the account a new stamp, and every request's cookie is compared with the
/// current one. Identity's own validator looks only every few minutes and then re-issues the cookie on that
/// response, which keeps a copied cookie alive after sign-out; this one reads the stamp from a short per-node cache
/// (one primary-key lookup per account per <see cref="AccountOptions.SessionCheckSeconds"/>) and never re-issues.
/// </summary>
public sealed class SessionCheck(IMemoryCache cache, IOptions<AccountOptions> options, IOptions<IdentityOptions> identity)
{
    private TimeSpan Lifetime => TimeSpan.FromSeconds(options.Value.SessionCheckSeconds);

    public static Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.HttpContext.RequestServices.GetRequiredService<SessionCheck>().CheckAsync(context);
    }

    /// <summary>Forgets what this node read of the account, after its stamp was changed here.</summary>
    public void Forget(int userId) => cache.Remove(Key(userId));

    private async Task CheckAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var stamp = principal?.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        if (principal?.UserId() is not { } userId || string.IsNullOrEmpty(stamp))
        {
            await RejectAsync(context);
            return;
        }

        var current = await cache.GetOrCreateAsync(Key(userId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            var db = context.HttpContext.RequestServices.GetRequiredService<TidingsDbContext>();
            return await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.SecurityStamp).FirstOrDefaultAsync(context.HttpContext.RequestAborted);
        });
        if (!string.Equals(current, stamp, StringComparison.Ordinal))
        {
            await RejectAsync(context);
        }
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    private static string Key(int userId) => "security-stamp:" + userId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
