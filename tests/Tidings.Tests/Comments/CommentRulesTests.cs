using System.Net;
using Tidings.Core.Comments;

namespace Tidings.Tests.Comments;

public sealed class CommentRulesTests
{
    private static readonly DateTime T0 = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void WilsonLowerBound_RewardsConfidence_NotJustTheShare()
    {
        Assert.Equal(0, CommentRanking.WilsonLowerBound(0, 0));
        Assert.Equal(0.20654, CommentRanking.WilsonLowerBound(1, 0), 5);
        // 100 % of 1 vote is less certain than 90 % of 100 votes.
        Assert.True(CommentRanking.WilsonLowerBound(90, 10) > CommentRanking.WilsonLowerBound(1, 0));
        Assert.True(CommentRanking.WilsonLowerBound(10, 0) > CommentRanking.WilsonLowerBound(10, 5));
    }

    [Fact]
    public void TheStoredHotKey_OrdersCommentsAsTheDecayedScoreDoes_AtAnyMoment()
    {
        (int Up, int Down, double Age)[] comments = [(50, 5, 30.0), (10, 0, 2.0), (0, 0, 0.5), (200, 40, 70.0), (3, 9, 1.0)];
        var byKey = comments.OrderByDescending(c => CommentRanking.HotKey(c.Up, c.Down, T0.AddHours(-c.Age), 24)).ToList();
        foreach (var later in new[] { 0.0, 5, 48, 500 })
        {
            var now = T0.AddHours(later);
            var byScore = comments.OrderByDescending(c => CommentRanking.HotScore(c.Up, c.Down, T0.AddHours(-c.Age), now, 24)).ToList();
            Assert.Equal(byKey, byScore);
        }
    }

    [Fact]
    public void HotKey_LetsANewComment_OvertakeAnAgeingFavourite()
    {
        var favourite = CommentRanking.HotKey(100, 2, T0, 24);
        Assert.True(CommentRanking.HotKey(5, 0, T0.AddHours(12), 24) < favourite);
        Assert.True(CommentRanking.HotKey(5, 0, T0.AddHours(72), 24) > favourite);
        Assert.True(CommentRanking.HotKey(0, 0, T0.AddMinutes(1), 24) > CommentRanking.HotKey(0, 0, T0, 24));
    }

    [Fact]
    public void AReply_QuotesItsParentsChain_AndLongChainsKeepTheFirstAndLatestFloors()
    {
        var root = new Comment { Id = 1, Nickname = "a", Body = "x", PosterKey = "k", Address = "::1" };
        var (chain, floors) = CommentChain.ReplyTo(root);
        Assert.Equal("1", chain);
        Assert.Equal(1, floors);

        var parent = root;
        for (var id = 2; id <= Comment.MaxFloors + 10; id++)
        {
            var (c, f) = CommentChain.ReplyTo(parent);
            parent = new Comment { Id = id, Chain = c, Floors = f, Nickname = "a", Body = "x", PosterKey = "k", Address = "::1" };
        }

        var ids = CommentChain.Parse(parent.Chain);
        Assert.Equal(Comment.MaxFloors, ids.Count);
        Assert.Equal(1, ids[0]);
        Assert.Equal(parent.Id - 1, ids[^1]);
        Assert.Equal(Comment.MaxFloors + 9, parent.Floors);
    }

    [Fact]
    public void Bodies_AreShownAsText_WithLineBreaksAndSafeLinks()
    {
        var html = CommentText.ToHtml("<script>alert('x')</script>\n看这里：https://example.com/a?b=1&c=<2>，好。");
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;<br>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.com/a?b=1&amp;c=\" rel=\"nofollow ugc noopener\">https://example.com/a?b=1&amp;c=</a>&lt;2&gt;，好。", html, StringComparison.Ordinal);
        Assert.Contains(">https://example.com/x</a>.", CommentText.ToHtml("see https://example.com/x."), StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"javascript", CommentText.ToHtml("javascript:alert(1) http://a.example/\"onmouseover=x"), StringComparison.Ordinal);
    }

    [Fact]
    public void Cleaning_DropsInvisibleCharacters_AndExtraBlankLines()
    {
        Assert.Equal("第一行\n\n第二行", CommentText.CleanBody("  第一\u200B行  \r\n\r\n\r\n\r\n第二行\u0007 "));
        Assert.Equal("小 王", CommentText.CleanNickname(" 小\u200D \t 王\n"));
        Assert.Equal(string.Empty, CommentText.CleanBody(" \u200B "));
    }

    [Fact]
    public void TheIpRegionTable_LooksUpCidrsAndRanges_InBothFamilies()
    {
        var table = IpRegionTable.Parse(["# 注释", "203.0.113.0/24 山东", "198.51.100.10-198.51.100.20 浙江", "2001:db8::/32 江苏"]);
        Assert.Equal("山东", table.Lookup(IPAddress.Parse("203.0.113.255")));
        Assert.Equal("浙江", table.Lookup(IPAddress.Parse("198.51.100.15")));
        Assert.Null(table.Lookup(IPAddress.Parse("198.51.100.21")));
        Assert.Equal("江苏", table.Lookup(IPAddress.Parse("2001:db8:1::5")));
        Assert.Equal("山东", table.Lookup(IPAddress.Parse("::ffff:203.0.113.9")));
        Assert.Null(table.Lookup(null));
    }

    [Theory]
    [InlineData("203.0.113.0/24 山东\n203.0.113.128/25 浙江", "overlap")]
    [InlineData("not-an-address 山东", "line 1")]
    [InlineData("203.0.113.0/24", "line 1")]
    public void ABrokenIpRegionTable_SaysWhichLines(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => IpRegionTable.Parse(text.Split('\n')));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
