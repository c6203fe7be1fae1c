using Tidings.Core.Newsroom;

namespace Tidings.Tests.Newsroom;

public sealed class CuratedSlotTests
{
    [Fact]
    public void Place_PutsPinsAtTheirPositionsAndRemovesTheirDuplicates()
    {
        var placed = CuratedSlot.Place([1, 2, 3, 4, 5], [(1, 4), (3, 9)], x => x);
        Assert.Equal([4, 1, 9, 2, 3, 5], placed);
    }

    [Fact]
    public void Place_PositionPastTheEndGoesLast()
    {
        Assert.Equal([1, 2, 7], CuratedSlot.Place([1, 2], [(10, 7)], x => x));
        Assert.Equal([7], CuratedSlot.Place([], [(3, 7)], x => x));
    }

    [Fact]
    public void Place_WithoutPins_KeepsTheAutomaticOrder()
    {
        Assert.Equal([3, 1, 2], CuratedSlot.Place([3, 1, 2], [], x => x));
    }
}
