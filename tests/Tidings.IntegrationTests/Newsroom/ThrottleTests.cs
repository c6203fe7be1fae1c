using Tidings.Web.Shared;

namespace Tidings.IntegrationTests.Newsroom;

public sealed class ThrottleTests
{
    [Fact]
    public void TryAcquire_BeyondTheBurst_RefusesWithAWait_PerKey()
    {
        using var throttle = new Throttle(3, TimeSpan.FromSeconds(20));
        Assert.True(throttle.TryAcquire("user:1", out _));
        Assert.True(throttle.TryAcquire("user:1", out _));
        Assert.True(throttle.TryAcquire("user:1", out _));
        Assert.False(throttle.TryAcquire("user:1", out var wait));
        Assert.InRange(wait, 1, 20);
        // Another account is not held back by the first.
        Assert.True(throttle.TryAcquire("user:2", out _));
    }
}
