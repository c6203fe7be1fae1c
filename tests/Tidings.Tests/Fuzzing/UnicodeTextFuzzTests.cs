using CsCheck;
using Tidings.Core.Text;

namespace Tidings.Tests.Fuzzing;

/// <summary>The repair every fold relies on: it accepts anything and gives well-formed text.</summary>
public sealed class UnicodeTextFuzzTests
{
    [Fact]
    public void Repair_AnyText_IsWellFormedAndChangesOnlyWhatItMust()
    {
        Hostile.Text(100).Sample(
            text =>
            {
                var repaired = UnicodeText.Repair(text);
                Assert.True(Hostile.IsWellFormed(repaired));
                Assert.DoesNotContain('\uFFFE', repaired);
                Assert.Equal(text.Length, repaired.Length);
                if (Hostile.IsWellFormed(text) && !text.Contains('\uFFFE', StringComparison.Ordinal))
                {
                    Assert.Same(text, repaired);
                }

                _ = UnicodeText.NormalizeKc(text);
            },
            iter: 3000);
    }
}
