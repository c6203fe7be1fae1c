using Tidings.Core.Spike;

namespace Tidings.Tests.Spike;

public sealed class SpikeModeTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(SpikeComments.PreModerate, true, CommentGate.Held)]
    [InlineData(SpikeComments.ReadOnly, true, CommentGate.Closed)]
    [InlineData(SpikeComments.PreModerate, false, CommentGate.Open)]
    [InlineData(SpikeComments.ReadOnly, false, CommentGate.Open)]
    public void OnlyTheHottestArticles_MeetTheSpikeCommentRule(SpikeComments comments, bool hot, CommentGate expected)
    {
        var on = new SpikeState(true, comments, Now.AddHours(-1), Now.AddHours(1), "总编");
        Assert.Equal(expected, SpikeMode.Gate(on, Now, hot));
    }

    [Fact]
    public void PastItsEnd_TheModeIsOff_AndEverythingIsAsUsual()
    {
        var ended = new SpikeState(true, SpikeComments.ReadOnly, Now.AddHours(-3), Now, "总编");
        Assert.False(ended.IsActive(Now));
        Assert.Equal(CommentGate.Open, SpikeMode.Gate(ended, Now, articleIsHot: true));
        Assert.Equal(TimeSpan.FromSeconds(30), SpikeMode.Lifetime(ended, Now, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(300)));
        Assert.True(ended.IsActive(Now.AddSeconds(-1)));
    }

    [Fact]
    public void WhileOn_PagesLiveLonger_ButNeverShorter()
    {
        var on = new SpikeState(true, SpikeComments.PreModerate, Now, Now.AddHours(2), "总编");
        Assert.Equal(TimeSpan.FromSeconds(300), SpikeMode.Lifetime(on, Now, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(300)));
        Assert.Equal(TimeSpan.FromSeconds(600), SpikeMode.Lifetime(on, Now, TimeSpan.FromSeconds(600), TimeSpan.FromSeconds(300)));
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(24.5)]
    [InlineData(double.NaN)]
    [InlineData(-1)]
    public void TurningOn_NeedsABoundedTime(double hours)
    {
        Assert.Null(SpikeMode.TurnOn(SpikeComments.PreModerate, hours, "总编", Now, SpikeState.Off, out var error));
        Assert.NotNull(error);
        Assert.Null(SpikeMode.TurnOn((SpikeComments)7, 2, "总编", Now, SpikeState.Off, out _));
    }

    [Fact]
    public void Renewing_KeepsWhenItBegan_AndMovesTheEnd()
    {
        var first = SpikeMode.TurnOn(SpikeComments.PreModerate, 2, "总编", Now, SpikeState.Off, out _)!;
        Assert.Equal(Now, first.Since);
        Assert.Equal(Now.AddHours(2), first.Until);
        var later = Now.AddMinutes(90);
        var renewed = SpikeMode.TurnOn(SpikeComments.ReadOnly, 4, "值班主编", later, first, out _)!;
        Assert.Equal(Now, renewed.Since);
        Assert.Equal(later.AddHours(4), renewed.Until);
        Assert.Equal(SpikeComments.ReadOnly, renewed.Comments);

        // After it ended, turning it on again starts a new period.
        var again = SpikeMode.TurnOn(SpikeComments.PreModerate, 1, "总编", Now.AddHours(10), renewed, out _)!;
        Assert.Equal(Now.AddHours(10), again.Since);
    }

    [Fact]
    public void TheStoredValue_RoundTrips_AndADamagedOneReadsAsOff()
    {
        var on = new SpikeState(true, SpikeComments.ReadOnly, Now, Now.AddHours(2), "总编");
        Assert.Equal(on, SpikeMode.Parse(SpikeMode.Serialize(on)));
        Assert.Contains("ReadOnly", SpikeMode.Serialize(on), StringComparison.Ordinal);
        Assert.Equal(SpikeState.Off, SpikeMode.Parse("{not json"));
        Assert.Equal(SpikeState.Off, SpikeMode.Parse(null));
        Assert.False(SpikeMode.Parse("{\"on\":true,\"comments\":\"Nonsense\"}").IsActive(Now));
        Assert.False(SpikeMode.Parse("{\"on\":true,\"comments\":\"ReadOnly\"}").IsActive(Now));

        // Configuration's switch is never written back as if the newsroom had thrown it.
        Assert.False(SpikeMode.Parse(SpikeMode.Serialize(on with { FromConfiguration = true })).FromConfiguration);
    }
}
