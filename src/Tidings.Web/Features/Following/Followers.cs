using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;
using Tidings.Core.Sources;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Features.Trending;

namespace Tidings.Web.Features.Following;

/// <summary>
/// Whose follows a request reads and writes: the signed-in account's, else the signed visitor id's (the cookie the
/// trending signals use). A reader who sent DNT or Sec-GPC has no visitor id, so follows only once signed in.
/// </summary>
public sealed class Followers(IDataProtectionProvider protection, TimeProvider time)
{
    /// <summary>
    /// The output-cache variant of an account page: "1" when the reader follows the account, else "0". Readers who never
    /// followed anything (no account, no visitor cookie) cost no query.
    /// </summary>
    public static async ValueTask<KeyValuePair<string, string>> CacheVariantAsync(HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        var followers = http.RequestServices.GetRequiredService<Followers>();
        var following = false;
        if (followers.KeyForReading(http) is { } key && http.GetRouteValue("slug") is string slug)
        {
            var db = http.RequestServices.GetRequiredService<TidingsDbContext>();
            following = await db.SourceFollows.AnyAsync(f => f.FollowerKey == key && db.Sources.Any(s => s.Id == f.SourceId && s.Slug == slug), ct);
        }

        return new("follows", following ? "1" : "0");
    }

    /// <summary>The key to write under, issuing a visitor cookie when there is none; null when only an account can follow.</summary>
    public string? KeyForWriting(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.User.UserId() is { } userId)
        {
            return Follows.ForAccount(userId);
        }

        return EventsApi.Visitor(http, protection, time) is { } visitor ? Follows.ForVisitor(visitor) : null;
    }

    /// <summary>The key to read with, never issuing a cookie (a page view must not start a visitor id by itself).</summary>
    public string? KeyForReading(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.User.UserId() is { } userId)
        {
            return Follows.ForAccount(userId);
        }

        return VisitorKey(http);
    }

    /// <summary>The signed-out reader's key from the visitor cookie alone (also what signing in moves to the account).</summary>
    public string? VisitorKey(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (EventsApi.OptedOut(http.Request) || !http.Request.Cookies.TryGetValue(EventsApi.VisitorCookie, out var cookie))
        {
            return null;
        }

        try
        {
            return Follows.ForVisitor(protection.CreateProtector(EventsApi.VisitorPurpose).Unprotect(cookie));
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return null;
        }
    }
}
