using Tidings.Web.Features.Articles;

namespace Tidings.Web.Shared;

/// <param name="Id">Unique on the page; labels the section.</param>
/// <param name="Lead">Shown highlighted above the list, as the reference does for 头条要闻.</param>
/// <param name="Level">Heading level of the module title, so nested modules keep the outline in order.</param>
public sealed record TopListView(string Id, string Title, string? MoreUrl, IReadOnlyList<ArticleCard> Items, ArticleCard? Lead = null, int Level = 2);
