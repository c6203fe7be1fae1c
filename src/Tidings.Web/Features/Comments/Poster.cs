using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Features.Trending;

namespace Tidings.Web.Features.Comments;

/// <summary>
/// Who is posting, voting or reporting: a signed-in account, else the signed visitor id, else for a client that
/// declines the cookie (DNT, GPC) its address. An account's comments carry the account's name.
/// </summary>
public sealed record Poster(string Key, string Address, string? VisitorId, string? AccountName = null)
{
    private const string AccountPrefix = "u:";
    private const string VisitorPrefix = "v:";
    private const string AddressPrefix = "ip:";

    public IPAddress? IpAddress => IPAddress.TryParse(Address, out var ip) ? ip : null;

    /// <summary>The address as limits count it: the address itself for IPv4, its /64 for IPv6.</summary>
    public string AddressKey => Core.Abuse.AddressKey.For(Address);

    /// <summary>The visitor id inside a stored poster key, null for an address-only poster.</summary>
    public static string? VisitorOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.StartsWith(VisitorPrefix, StringComparison.Ordinal) ? key[VisitorPrefix.Length..] : null;
    }

    public static Poster From(HttpContext http, IDataProtectionProvider protection, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        var ip = http.Connection.RemoteIpAddress;
        var address = (ip is { IsIPv4MappedToIPv6: true } ? ip.MapToIPv4() : ip)?.ToString() ?? "unknown";
        var visitor = EventsApi.Visitor(http, protection, time);
        if (http.User.UserId() is { } userId)
        {
            // Bans, limits and "once per reader" follow the account, whichever device it posts from.
            return new Poster(AccountPrefix + userId.ToString(System.Globalization.CultureInfo.InvariantCulture), address, visitor, http.User.DisplayName());
        }

        return new Poster(visitor is null ? AddressPrefix + address : VisitorPrefix + visitor, address, visitor);
    }
}
