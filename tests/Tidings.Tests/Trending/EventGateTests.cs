using Microsoft.Extensions.Time.Testing;
using Tidings.Core.Trending;

namespace Tidings.Tests.Trending;

public sealed class EventGateTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 8, 10, 0, TimeSpan.Zero));
    private readonly EventGate _gate = new(new TrendingOptions { MaxVisitorsPerClientPerArticleHour = 20 });

    private double Weigh(ReaderSignal signal, int article, string? visitor, string client = "203.0.113.7") =>
        _gate.Weigh(new ReaderEvent(signal, article, visitor, client, _time.GetUtcNow()));

    private bool Admit(ReaderSignal signal, int article, string? visitor, string client = "203.0.113.7") =>
        Weigh(signal, article, visitor, client) > 0;

    [Fact]
    public void AView_CountsOncePerVisitorArticleAndHour()
    {
        Assert.True(Admit(ReaderSignal.View, 1, "a"));
        Assert.False(Admit(ReaderSignal.View, 1, "a"));
        Assert.True(Admit(ReaderSignal.Read, 1, "a"));
        Assert.True(Admit(ReaderSignal.View, 2, "a"));

        _time.Advance(TimeSpan.FromMinutes(50));
        Assert.True(Admit(ReaderSignal.View, 1, "a"));
    }

    [Fact]
    public void DroppedCookies_AddLessThanTwoViewsPerAddress()
    {
        var total = Enumerable.Range(0, 1000).Sum(i => Weigh(ReaderSignal.View, 1, "fresh-" + i));
        Assert.InRange(total, 1.5, Math.PI * Math.PI / 6);
        // A shared address still counts more than one reader: 1 + 1/4 + 1/9.
        var office = Enumerable.Range(0, 3).Sum(i => Weigh(ReaderSignal.View, 2, "colleague-" + i, client: "198.51.100.20"));
        Assert.Equal(1 + (1 / 4.0) + (1 / 9.0), office, 9);
        // Other addresses are unaffected.
        Assert.Equal(1, Weigh(ReaderSignal.View, 1, "elsewhere", client: "192.0.2.55"));
    }

    [Fact]
    public void UntrackedClients_CountOncePerAddressArticleAndHour()
    {
        Assert.Equal(1, Weigh(ReaderSignal.View, 1, visitor: null));
        Assert.Equal(0, Weigh(ReaderSignal.View, 1, visitor: null));
        Assert.Equal(1, Weigh(ReaderSignal.View, 1, visitor: null, client: "198.51.100.20"));
    }

    [Fact]
    public void Memory_HoldsTwoHoursAtMost()
    {
        for (var hour = 0; hour < 48; hour++)
        {
            for (var i = 0; i < 100; i++)
            {
                Admit(ReaderSignal.View, i, "v" + i);
            }

            _time.Advance(TimeSpan.FromHours(1));
        }

        // Two hours of 100 visitors: their seen entries and per-address visitor sets.
        Assert.InRange(_gate.Tracked, 1, 400);
    }

    [Fact]
    public void AnAttack_IsTrackedWithBoundedMemory()
    {
        for (var i = 0; i < 100_000; i++)
        {
            Weigh(ReaderSignal.View, 1, "burned-" + i);
        }

        Assert.InRange(_gate.Tracked, 1, 21);
    }
}
