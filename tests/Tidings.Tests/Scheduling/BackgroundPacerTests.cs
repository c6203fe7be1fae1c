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
    public async Task TheNextPieceOfWork_WaitsOutThePause_WhileThePieceBeforeIsDoneAtOnce()
    {
        var clock = new FakeTimeProvider();
        using var pacer = new BackgroundPacer(0.25, clock);
        var ct = TestContext.Current.CancellationToken;

        // 5 ms of work on the fake clock: a pause of 15 ms before the next piece.
        var first = await pacer.RunAsync(() =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(5));
            return Task.FromResult(1);
        }, ct);
        Assert.Equal(1, first);

        var secondStarted = false;
        var second = pacer.RunAsync(() =>
        {
            secondStarted = true;
            return Task.FromResult(2);
        }, ct);
        clock.Advance(TimeSpan.FromMilliseconds(14));
        Assert.False(secondStarted);

        // The second piece takes no time on the fake clock, so nothing waits after it.
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, await second);
        Assert.True(secondStarted);
        Assert.Equal(3, await pacer.RunAsync(() => Task.FromResult(3), ct));
    }
}
