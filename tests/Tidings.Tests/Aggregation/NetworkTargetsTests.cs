using System.Net;
using Tidings.Core.Aggregation;

namespace Tidings.Tests.Aggregation;

public sealed class NetworkTargetsTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.20.0.5")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("2001:db8::1")]
    [InlineData("::a00:1")]
    [InlineData("fec0::1")]
    [InlineData("2001:0:4136:e378::1")]
    [InlineData("2002:a00:1::1")]
    [InlineData("2002:7f00:1::")]
    public void NonPublicAddresses_AreRefused(string address) => Assert.False(NetworkTargets.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2400:3200::1")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    public void PublicAddresses_Pass(string address) => Assert.True(NetworkTargets.IsPublic(IPAddress.Parse(address)));
}
