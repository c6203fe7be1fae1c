using Tidings.Web.Features.Articles;
using Tidings.Web.Shared;

namespace Tidings.IntegrationTests;

public sealed class ShownOnPageTests
{
    private static ArticleCard Card(int id, int? story = null) =>
        new(id, null, $"t{id}", "s", "来源", "src", DateTime.UnixEpoch, 0, null, null, null, null, null, null, false, story);

    [Fact]
    public void Take_SkipsArticlesAndStoriesAlreadyShown()
    {
        var shown = new ShownOnPage();
        shown.Mark(1, storyId: 10);
        var taken = shown.Take([Card(1, 10), Card(2, 10), Card(3), Card(4, 20), Card(5, 20), Card(6)], 3);
        Assert.Equal([3, 4, 6], taken.Select(c => c.Id));
        Assert.Empty(shown.Take([Card(3), Card(5, 20)], 3));
    }
}
