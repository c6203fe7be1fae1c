using Tidings.Core.Search;

namespace Tidings.Tests.Search;

public sealed class SearchQueryTests(SegmenterFixture fixture) : IClassFixture<SegmenterFixture>
{
    private SearchQuery Parse(string input)
    {
        Assert.True(SearchQuery.TryParse(input, fixture.Segmenter, out var query, out var error), error?.ToString());
        return query;
    }

    [Fact]
    public void TryParse_Words_AreAllRequired()
    {
        var query = Parse("济南 地铁");
        Assert.Equal(["济南", "地铁"], query.Required.Select(t => t.Words[0]));
        Assert.Equal("\"济南\" AND \"地铁\"", query.ToFts5());
    }

    [Fact]
    public void TryParse_UnspacedChinese_IsSegmented()
    {
        var query = Parse("济南地铁开通");
        Assert.Contains(query.Required, t => t.Words[0] == "济南");
        Assert.Contains(query.Required, t => t.Words[0] == "地铁");
        Assert.Contains(query.Required, t => t.Words[0] == "开通");
    }

    [Theory]
    [InlineData("\"北京的秋天\"")]
    [InlineData("“北京的秋天”")]
    public void TryParse_QuotedText_IsOnePhraseKeepingStopWords(string input)
    {
        var query = Parse(input);
        var term = Assert.Single(query.Required);
        Assert.True(term.IsPhrase);
        Assert.Equal("\"北京 的 秋天\"", query.ToFts5());
    }

    [Fact]
    public void TryParse_MinusPrefix_Excludes()
    {
        var query = Parse("手机 -苹果 -\"折叠 屏\"");
        Assert.Equal("\"手机\" NOT \"苹果\" NOT \"折叠 屏\"", query.ToFts5());
        Assert.Equal("手机 · -苹果 · -\"折叠 屏\"", query.Interpretation);
    }

    [Fact]
    public void TryParse_MixedScripts_FoldWidthAndCase()
    {
        var query = Parse("ｉＰｈｏｎｅ 16 5G 2024年");
        var words = query.Required.Select(t => t.Words[0]).ToList();
        Assert.Contains("iphone", words);
        Assert.Contains("16", words);
        Assert.Contains("5g", words);
        Assert.Contains("2024", words);
    }

    [Fact]
    public void TryParse_StopWordsOnly_IsEmpty()
    {
        var query = Parse("的 了");
        Assert.True(query.IsEmpty);
    }

    [Fact]
    public void TryParse_LongWord_AlsoMatchesItsParts()
    {
        var term = Assert.Single(Parse("中华人民共和国").Required);
        Assert.Contains("共和国", term.Alternatives);
        Assert.StartsWith("(\"中华人民共和国\" OR (", Parse("中华人民共和国").ToFts5(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\" * ^ : ( ) NEAR AND OR")]
    [InlineData("a\" OR \"b")]
    [InlineData("' OR 1=1; DROP TABLE Articles; --")]
    [InlineData("col:济南 NEAR(济南 地铁, 2) ^开头 前缀*")]
    [InlineData("\u0001\u0002\u0000济南\u001b[31m")]
    [InlineData("\"unclosed phrase")]
    [InlineData("-")]
    [InlineData("--\"\"")]
    public void TryParse_SyntaxCharacters_NeverReachFts(string input)
    {
        Assert.True(SearchQuery.TryParse(input, fixture.Segmenter, out var query, out _));
        if (query.IsEmpty)
        {
            return;
        }

        // Every word is a quoted string: outside quotes only our own AND / NOT / OR and parentheses remain.
        var outside = string.Concat(query.ToFts5().Split('"').Where((_, i) => i % 2 == 0));
        Assert.Matches(@"^( AND | NOT | OR |\(|\))*$", outside);
        Assert.DoesNotContain('\u0001', query.ToFts5());
    }

    [Fact]
    public void TryParse_TooLong_SaysHowLong()
    {
        Assert.False(SearchQuery.TryParse(new string('长', 2000), fixture.Segmenter, out _, out var error));
        Assert.Equal(new SearchQueryError(SearchQueryErrorKind.TooLong, 2000, SearchQuery.MaxLength), error);
    }

    [Fact]
    public void TryParse_TooManyTerms_Rejected()
    {
        var input = string.Join(' ', "北京 上海 天津 重庆 济南 青岛 杭州 宁波 温州 绍兴 嘉兴 舟山 烟台".Split(' '));
        Assert.False(SearchQuery.TryParse(input, fixture.Segmenter, out _, out var error));
        Assert.Equal(SearchQueryErrorKind.TooManyTerms, error!.Kind);
        Assert.Equal(13, error.Actual);
    }
}
