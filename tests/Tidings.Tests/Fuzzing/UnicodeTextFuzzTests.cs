using CsCheck;
using Tidings.Core.Text;

namespace Tidings.Tests.Fuzzing;

/// <summary>The repairs every fold and cut relies on, and the cuts that use them: well-formed text stays well-formed.</summary>
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

    [Fact]
    public void Prefix_AnyCut_IsAWellFormedPrefixAtMostThatLong()
    {
        Gen.Select(Hostile.Join(Hostile.WellFormedPiece, 60), Gen.Int[0, 80]).Sample(
            (text, max) =>
            {
                var prefix = UnicodeText.Prefix(text, max);
                Assert.StartsWith(prefix, text, StringComparison.Ordinal);
                Assert.InRange(prefix.Length, Math.Min(text.Length, max) - 1, max);
                Assert.True(Hostile.IsWellFormed(prefix));
            },
            iter: 3000);
    }

    [Fact]
    public void ArticleHtmlSummarize_WellFormedBody_IsWellFormed()
    {
        // A summary cut through an astral character (an emoji, a rare name character) would hold half of it.
        Gen.Select(Hostile.Join(Hostile.WellFormedPiece, 300), Gen.Int[1, 200]).Sample(
            (text, max) => Assert.True(Hostile.IsWellFormed(ArticleHtml.Summarize(ArticleHtml.FromPlainText(text), max))),
            iter: 1000);
    }

    [Fact]
    public void ExcerptClip_WellFormedText_IsWellFormed()
    {
        Gen.Select(Hostile.Join(Hostile.WellFormedPiece, 80), Gen.Int[0, 60]).Sample(
            (text, max) => Assert.True(Hostile.IsWellFormed(Excerpt.Clip(text, max))),
            iter: 2000);
    }
}
