using Tidings.Core.Corrections;

namespace Tidings.Tests.Corrections;

public sealed class CorrectionNoticesTests
{
    [Theory]
    [InlineData("00000000000000010000000000000000", 1L)]
    [InlineData("FFFFFFFFFFFFFFFF0123456789ABCDEF", -1L)]
    [InlineData("7fffffffffffffff", long.MaxValue)]
    public void AVisitorId_IsKeptAsItsFirst64Bits(string id, long key) =>
        Assert.Equal(key, CorrectionNotices.VisitorKey(id));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("123")]
    [InlineData("not-hex-not-hex-not-hex")]
    public void NoOrMalformedVisitorId_HasNoKey(string? id) =>
        Assert.Null(CorrectionNotices.VisitorKey(id));

    [Fact]
    public void ACorrection_ConcernsOnlyThoseWhoReadBeforeIt()
    {
        var corrected = new DateTime(2026, 12, 5, 10, 0, 0, DateTimeKind.Utc);
        Assert.True(CorrectionNotices.Concerns(corrected.AddMinutes(-1), corrected));
        Assert.False(CorrectionNotices.Concerns(corrected, corrected));
        Assert.False(CorrectionNotices.Concerns(corrected.AddMinutes(1), corrected));
    }
}
