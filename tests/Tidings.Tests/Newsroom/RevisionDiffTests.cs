using Tidings.Core.Newsroom;

namespace Tidings.Tests.Newsroom;

public sealed class RevisionDiffTests
{
    private static string Text(IEnumerable<DiffSpan> spans, params DiffKind[] kinds) =>
        string.Concat(spans.Where(s => kinds.Contains(s.Kind)).Select(s => s.Text));

    [Fact]
    public void Compute_OneCharacterFixInChinese_ShowsOnlyThatCharacter()
    {
        var spans = RevisionDiff.Compute("市政府召开经济工作会议。\n会议由王市长主持。", "市政府召开经济工作会议。\n会议由李市长主持。");
        Assert.Equal("王", Text(spans, DiffKind.Removed));
        Assert.Equal("李", Text(spans, DiffKind.Added));
        Assert.Equal((1, 1), RevisionDiff.Count(spans));
    }

    [Fact]
    public void Compute_OldAndNewTextsAreRecoverable()
    {
        const string before = "第一段。\n第二段有错字。\n第三段。";
        const string after = "第一段。\n第二段已改正。\n新增的第四段。\n第三段。";
        var spans = RevisionDiff.Compute(before, after);
        Assert.Equal(before + "\n", Text(spans, DiffKind.Same, DiffKind.Removed));
        Assert.Equal(after + "\n", Text(spans, DiffKind.Same, DiffKind.Added));
    }

    /// <summary>
    /// Two 80 KB saves that differ everywhere, in lines or in characters: the comparison stays exact about what
    /// changed (both texts recoverable) but stops refining past its bounds, instead of the quadratic diff that took
    /// 18 CPU-seconds a view.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(40)]
    [InlineData(80_000)]
    public void Compute_LargeTextsDifferingEverywhere_StayCoarseAndRecoverable(int lineLength)
    {
        var random = new Random(7);
        string Lines(char seed) => string.Join('\n', Enumerable.Range(0, 80_000 / lineLength).Select(_ => new string(Enumerable.Range(0, lineLength).Select(_ => (char)(seed + random.Next(10))).ToArray())));
        var before = "相同的开头。\n" + Lines('a') + "\n相同的结尾。";
        var after = "相同的开头。\n" + Lines('k') + "\n相同的结尾。";
        var spans = RevisionDiff.Compute(before, after);
        Assert.Equal(before + "\n", RevisionDiffTests.Text(spans, DiffKind.Same, DiffKind.Removed));
        Assert.Equal(after + "\n", RevisionDiffTests.Text(spans, DiffKind.Same, DiffKind.Added));
        Assert.StartsWith("相同的开头。", spans[0].Text, StringComparison.Ordinal);
        Assert.Equal(DiffKind.Same, spans[^1].Kind);
        // Coarse: a few spans, not one per character.
        Assert.True(spans.Count < 50, $"{spans.Count} spans");
    }

    [Fact]
    public void Compute_IdenticalTexts_HaveNoChanges()
    {
        var spans = RevisionDiff.Compute("一样的文字", "一样的文字");
        Assert.Equal((0, 0), RevisionDiff.Count(spans));
        Assert.Single(spans);
    }

    [Fact]
    public void Compute_FromEmpty_IsAllAdded()
    {
        var spans = RevisionDiff.Compute(string.Empty, "新稿件");
        Assert.Equal("新稿件\n", Text(spans, DiffKind.Added));
        Assert.Equal(string.Empty, Text(spans, DiffKind.Removed));
    }
}
