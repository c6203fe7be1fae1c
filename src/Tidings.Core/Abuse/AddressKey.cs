using System.Net;
using System.Net.Sockets;

namespace Tidings.Core.Abuse;

/// <summary>
/// The unit a reader's address is counted in, for every per-address limit (comments, votes, reports, sign-in,
/// registration, reader events). An IPv4 address is one unit. An IPv6 customer is usually given a whole /64 (RFC 6177
/// and common ISP practice), from which any device picks new addresses at will, so one /64 is one unit: otherwise a
/// single home could cast unlimited votes, or hide any comment with five reports.
/// </summary>
public static class AddressKey
{
    public const int Ipv6PrefixLength = 64;

    /// <summary>"203.0.113.7", or "2001:db8:1:2::/64" for any address in that /64; "unknown" without one.</summary>
    public static string For(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[(Ipv6PrefixLength / 8)..].Clear();
        return new IPAddress(bytes).ToString() + "/" + Ipv6PrefixLength.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The same for an address kept as text (a stored comment's); text that is no address is its own unit.</summary>
    public static string For(string? address) =>
        IPAddress.TryParse(address, out var parsed) ? For(parsed) : (string.IsNullOrEmpty(address) ? "unknown" : address);
}
