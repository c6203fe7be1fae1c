using Tidings.Core.Articles;
using Tidings.Core.Text;

namespace Tidings.Tests.Articles;

public sealed class ArticleRulesTests
{
    private static IReadOnlyList<ArticleProblem> Check(string title = "标题", string summary = "", string body = "正文。", string? author = null, params string[] tags) =>
        ArticleRules.CheckFields(ArticleRules.Line(title), ArticleRules.Line(summary), ArticleRules.Body(body), author, ArticleRules.Tags(tags));

    [Fact]
    public void AGoodArticle_HasNoProblems() =>
        Assert.Empty(Check(title: "  潮海城际铁路\n开通  ", summary: "一段摘要", body: "第一段。\r\n\r\n第二段。", author: "李明", "交通", "潮海"));

    [Fact]
    public void OneLineFields_AreCollapsed_AndBodiesKeepTheirParagraphs()
    {
        Assert.Equal("潮海城际铁路 开通", ArticleRules.Line("  潮海城际铁路\n\t开通  "));
        Assert.Equal("第一段。\n\n第二段。", ArticleRules.Body("  第一段。\r\n\r\n第二段。 "));
        Assert.Equal(["交通", "潮海 新区"], ArticleRules.Tags(["交通", " ", "潮海  新区", "交通", null]));
    }

    [Fact]
    public void EveryProblem_IsReported_WithWhatItsMessageNeeds()
    {
        var problems = Check(title: new string('标', Article.TitleMaxLength + 1), summary: new string('摘', Article.SummaryMaxLength + 1), body: " ", author: "！！");
        Assert.Equal(
            [
                new ArticleProblem(ArticleField.Title, ArticleProblemKind.TooLong, Article.TitleMaxLength, Article.TitleMaxLength + 1),
                new ArticleProblem(ArticleField.Summary, ArticleProblemKind.TooLong, Article.SummaryMaxLength, Article.SummaryMaxLength + 1),
                new ArticleProblem(ArticleField.Body, ArticleProblemKind.Required),
                new ArticleProblem(ArticleField.Author, ArticleProblemKind.NoLettersOrDigits, Value: "！！"),
            ],
            problems);
        Assert.Equal("title is 201 characters; the limit is 200", problems[0].Describe());
    }

    [Fact]
    public void TheBodySource_HasOneLimit_AndABoundOnNesting()
    {
        Assert.Equal(ArticleProblemKind.TooLong, ArticleRules.CheckBodySource(new string('字', ArticleRules.BodySourceMaxLength + 1))!.Kind);
        Assert.Null(ArticleRules.CheckBodySource(new string('字', ArticleRules.BodySourceMaxLength)));
        var deep = string.Concat(Enumerable.Repeat("<div>", MarkupDepth.MaxDepth + 5)) + "字";
        Assert.Equal(ArticleProblemKind.TooDeep, ArticleRules.CheckBodySource(deep)!.Kind);
    }

    [Theory]
    [InlineData("!!!")]
    [InlineData("——")]
    public void ATagWithoutLettersOrDigits_IsRefused_ItWouldHaveNoAddress(string tag)
    {
        var problem = Assert.Single(Check("标题", "", "正文。", null, "交通", tag));
        Assert.Equal((ArticleField.Tags, ArticleProblemKind.NoLettersOrDigits, tag), (problem.Field, problem.Kind, problem.Value));
        Assert.Contains("has no letters or digits", problem.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void TooManyTags_OrALongOne_AreRefused()
    {
        var many = Enumerable.Range(1, Article.MaxTags + 1).Select(i => "标签" + i).ToArray();
        Assert.Equal(ArticleProblemKind.TooMany, Assert.Single(Check("标题", "", "正文。", null, many)).Kind);
        var longTag = new string('长', Tag.NameMaxLength + 1);
        Assert.Equal(longTag, Assert.Single(Check("标题", "", "正文。", null, longTag)).Value);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", true)]
    [InlineData("<p>   </p>", true)]
    [InlineData("<p>有字</p>", false)]
    [InlineData("<p><img src=\"/media/covers/ab/x-960.webp\" alt=\"图\"></p>", false)]
    public void ACleanedBody_NeedsTextOrAPicture(string html, bool refused)
    {
        var problem = ArticleRules.CheckCleanBody(ArticleHtml.ToSafeHtml(html));
        Assert.Equal(refused, problem is { Kind: ArticleProblemKind.NoTextLeft });
    }
}
