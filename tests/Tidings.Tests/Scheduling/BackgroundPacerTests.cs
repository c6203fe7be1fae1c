using Microsoft.Extensions.Time.Testing;
using Tidings.Core.Scheduling;

namespace Tidings.Tests.Scheduling;

public sealed class BackgroundPacerTests
{
    [Theory]
    [InlineData(0.25, 400, 1200)]
    [InlineData(0.5, 400, 400)]
    [InlineData(1.0, 400, 0)]
    public void ThePause_KeepsTheWorkWithinItsShare(double share, int busyMs, int pauseMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(pauseMs), BackgroundPacer.PauseAfter(TimeSpan.FromMilliseconds(busyMs), share));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void AShareOutsideZeroToOne_IsRefused(double share) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackgroundPacer(share, TimeProvider.System));

    [Fact]
    public async Task TheNextPieceOfWorkWaits_UntilThePauseIsOver()
    {
        var clock = new FakeTimeProvider();
        using var pacer = new BackgroundPacer(0.25, clock);
        var ct = TestContext.Current.CancellationToken;

        // At least 5 ms of work (done synchronously), so a pause of at least 15 ms on the fake clock.
        var first = pacer.RunAsync(() =>
        {
            Thread.Sleep(5);
            return Task.FromResult(1);
        }, ct);
        var secondStarted = false;
        var second = pacer.RunAsync(() =>
        {
            secondStarted = true;
            return Task.FromResult(2);
        }, ct);

        Assert.False(first.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(14));
        Assert.False(first.IsCompleted);
        Assert.False(secondStarted);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await first);
        Assert.Equal(2, await second);
    }
}
