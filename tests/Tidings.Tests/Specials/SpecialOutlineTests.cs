using Tidings.Core.Specials;

namespace Tidings.Tests.Specials;

public sealed class SpecialOutlineTests
{
    [Fact]
    public void AnOutline_IsSectionsOfArticlesInOrder_ByIdOrUrl()
    {
        var sections = SpecialOutline.Parse("12\n\n# 最新进展\n/article/7/some-slug\nhttps://news.example/article/9\n 3 \n#背景\n5", out var problems);
        Assert.Empty(problems);
        Assert.Equal(["|12", "最新进展|7,9,3", "背景|5"], sections.Select(s => s.Title + "|" + string.Join(',', s.ArticleIds)));
        Assert.Equal(sections.Select(s => s.Title + string.Join(',', s.ArticleIds)), SpecialOutline.Parse(SpecialOutline.Format(sections), out _).Select(s => s.Title + string.Join(',', s.ArticleIds)));
    }

    [Fact]
    public void Problems_AreReportedByLine()
    {
        var text = "# 一\n1\n1\n不是文章\n#\n/article/0\n# " + new string('长', 61) + "\njavascript:alert(1)";
        SpecialOutline.Parse(text, out var problems);
        Assert.Equal(["3:duplicate", "4:line", "5:heading", "6:line", "7:heading", "8:line"], problems);
    }

    [Fact]
    public void AnOutline_IsBounded()
    {
        SpecialOutline.Parse(new string('1', SpecialOutline.MaxChars + 1), out var problems);
        Assert.Equal([$"too-long:{SpecialOutline.MaxChars}"], problems);
        var many = string.Join('\n', Enumerable.Range(1, SpecialOutline.MaxArticlesPerSection + 1));
        SpecialOutline.Parse(many, out problems);
        Assert.Equal([$"{SpecialOutline.MaxArticlesPerSection + 1}:articles"], problems);
    }

    [Theory]
    [InlineData("typhoon-2026", true)]
    [InlineData("a", true)]
    [InlineData("Typhoon", false)]
    [InlineData("台风", false)]
    [InlineData("a--b", false)]
    [InlineData("-a", false)]
    [InlineData("", false)]
    public void ASlug_IsLowercaseAsciiWords(string slug, bool valid) =>
        Assert.Equal(valid, SpecialOutline.IsValidSlug(slug));
}
