using Tidings.Core.Importing;

namespace Tidings.Tests.Importing;

public sealed class BoundedLineReaderTests
{
    private static async Task<List<(string? Line, bool TooLong)>> ReadAll(string text, int max)
    {
        var reader = new BoundedLineReader(new StringReader(text), max);
        var lines = new List<(string?, bool)>();
        while (true)
        {
            var line = await reader.ReadLineAsync(CancellationToken.None);
            if (line is (null, false))
            {
                return lines;
            }

            lines.Add(line);
        }
    }

    [Fact]
    public async Task ReadLineAsync_CrLfAndMissingFinalNewline_ReadLikeTextReader()
    {
        var lines = await ReadAll("a\r\nb\n\nc", 10);
        Assert.Equal([("a", false), ("b", false), ("", false), ("c", false)], lines);
    }

    [Fact]
    public async Task ReadLineAsync_LineOverLimit_IsSkippedAndFlagged()
    {
        var lines = await ReadAll("ok\n" + new string('x', 50_000) + "\nnext", 1_000);
        Assert.Equal([("ok", false), (null, true), ("next", false)], lines);
    }
}
