using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Tidings.Web.Features.Trending;

namespace Tidings.Web.Features.Comments;

/// <summary>
/// Who is posting, voting or reporting: the signed visitor id, or for a client that declines the cookie (DNT, GPC)
/// its address. No account until the newsroom issue brings them.
/// </summary>
public sealed record Poster(string Key, string Address, string? VisitorId)
{
    public IPAddress? IpAddress => IPAddress.TryParse(Address, out var ip) ? ip : null;

    public static Poster From(HttpContext http, IDataProtectionProvider protection, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        var ip = http.Connection.RemoteIpAddress;
        var address = (ip is { IsIPv4MappedToIPv6: true } ? ip.MapToIPv4() : ip)?.ToString() ?? "unknown";
        var visitor = EventsApi.Visitor(http, protection, time);
        return new Poster(visitor is null ? "ip:" + address : "v:" + visitor, address, visitor);
    }
}
