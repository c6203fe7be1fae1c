using Tidings.Core.Search;

namespace Tidings.Tests.Search;

public sealed class MatchMarkerTests(SegmenterFixture fixture) : IClassFixture<SegmenterFixture>
{
    private const char S = ArticleSearchText.Separator;

    private SearchQuery Parse(string input)
    {
        Assert.True(SearchQuery.TryParse(input, fixture.Segmenter, out var query, out var error), error?.ToString());
        return query;
    }

    private static string Segmented(params string[] words) => string.Join(S, words);

    [Fact]
    public void Mark_MarksWholeWordsOnly_IgnoringCase()
    {
        var text = Segmented("济南", "地铁", "与", "济南市", "的", "IPhone");
        var html = SearchHighlight.ToSafeHtml(MatchMarker.Mark(text, Parse("济南 iphone")));
        Assert.Equal("<mark>济南</mark>地铁与济南市的<mark>IPhone</mark>", html);
    }

    [Fact]
    public void Mark_EnglishWords_MatchByStem_AsTheIndexDoes()
    {
        var text = Segmented("Floods", " ", "closed", " ", "two", " ", "ferry", " ", "routes", " ", "food");
        var html = SearchHighlight.ToSafeHtml(MatchMarker.Mark(text, Parse("flooding ferries \"closing two\"")));
        Assert.Equal("<mark>Floods</mark> <mark>closed</mark> <mark>two</mark> <mark>ferry</mark> routes food", html);
    }

    [Fact]
    public void Mark_Phrase_OnlyWhereItsWordsFollowEachOther()
    {
        var text = Segmented("大学", "北京", "，", "北京", "大学", "校园");
        var html = SearchHighlight.ToSafeHtml(MatchMarker.Mark(text, Parse("\"北京 大学\"")));
        Assert.Equal("大学北京，<mark>北京大学</mark>校园", html);
    }

    [Fact]
    public void Snippet_CutsAroundTheDensestMatches_WithEllipses()
    {
        var words = Enumerable.Range(0, 200).Select(i => i % 2 == 0 ? "天气" : "晴朗").ToArray();
        words[120] = "济南";
        words[124] = "大桥";
        var html = SearchHighlight.ToSafeHtml(MatchMarker.Snippet(Segmented(words), Parse("济南 大桥"), length: 20));
        Assert.StartsWith("…", html, StringComparison.Ordinal);
        Assert.EndsWith("…", html, StringComparison.Ordinal);
        Assert.Contains("<mark>济南</mark>", html, StringComparison.Ordinal);
        Assert.Contains("<mark>大桥</mark>", html, StringComparison.Ordinal);
        Assert.Equal(20, html.Replace("<mark>", string.Empty, StringComparison.Ordinal).Replace("</mark>", string.Empty, StringComparison.Ordinal).Trim('…').Length / 2);
    }

    [Fact]
    public void Snippet_WithoutAMatch_IsTheOpening()
    {
        var html = SearchHighlight.ToSafeHtml(MatchMarker.Snippet(Segmented("今天", "天气", "晴朗"), Parse("大桥")));
        Assert.Equal("今天天气晴朗", html);
    }

    [Fact]
    public void Mark_TextIsEncoded_SoArticleTextNeverBecomesMarkup()
    {
        var html = SearchHighlight.ToSafeHtml(MatchMarker.Mark(Segmented("<script>", "大桥"), Parse("大桥")));
        Assert.Equal("&lt;script&gt;<mark>大桥</mark>", html);
    }
}
