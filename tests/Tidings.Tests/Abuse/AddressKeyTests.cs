using System.Net;
using Tidings.Core.Abuse;

namespace Tidings.Tests.Abuse;

public sealed class AddressKeyTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    [InlineData("::1", "::/64")]
    public void For_CountsAnIpv6Slash64AsOneAddress(string address, string expected)
    {
        Assert.Equal(expected, AddressKey.For(IPAddress.Parse(address)));
        Assert.Equal(expected, AddressKey.For(address));
    }

    [Theory]
    [InlineData(null, "unknown")]
    [InlineData("", "unknown")]
    [InlineData("not an address", "not an address")]
    public void For_TextThatIsNoAddress_IsItsOwnUnit(string? text, string expected) =>
        Assert.Equal(expected, AddressKey.For(text));
}
