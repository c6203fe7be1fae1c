using Tidings.Core.Text;

namespace Tidings.Tests.Text;

public sealed class AhoCorasickTests
{
    private static List<(string Pattern, int End)> All(AhoCorasick automaton, string[] patterns, string text)
    {
        var found = new List<(string, int)>();
        automaton.Scan(text, ref found, (ref List<(string, int)> list, int pattern, int end) =>
        {
            list.Add((patterns[pattern], end));
            return true;
        });
        return found;
    }

    [Fact]
    public void Scan_FindsEveryOccurrence_IncludingOverlapsAndSuffixes()
    {
        string[] patterns = ["he", "she", "his", "hers"];
        var found = All(new AhoCorasick(patterns), patterns, "ushers");
        Assert.Equal([("she", 4), ("he", 4), ("hers", 6)], found);
    }

    [Fact]
    public void Scan_FollowsFailureLinks_AcrossChinesePatterns()
    {
        string[] patterns = ["中国", "国人", "中国人民", "人民"];
        var found = All(new AhoCorasick(patterns), patterns, "中国人民银行");
        Assert.Equal([("中国", 2), ("国人", 3), ("中国人民", 4), ("人民", 4)], found);
    }

    [Fact]
    public void Scan_StopsWhenTheHandlerSaysSo()
    {
        string[] patterns = ["a"];
        var count = 0;
        new AhoCorasick(patterns).Scan("aaaa", ref count, (ref int n, int _, int _) => ++n < 2);
        Assert.Equal(2, count);
    }
}
