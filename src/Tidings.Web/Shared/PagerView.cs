using System.Globalization;

namespace Tidings.Web.Shared;

public sealed record PagerView(string BasePath, int Page, int PageCount)
{
    public string UrlFor(int page) =>
        page <= 1 ? BasePath : BasePath + (BasePath.Contains('?', StringComparison.Ordinal) ? "&page=" : "?page=") + page.ToString(CultureInfo.InvariantCulture);
}
