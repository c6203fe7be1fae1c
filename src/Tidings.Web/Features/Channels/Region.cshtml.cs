using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Tidings.Core.Data;
using Tidings.Web.Features.Trending;
using Tidings.Web.Infrastructure;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Channels;

[OutputCache(PolicyName = ContentCacheExtensions.PagePolicy)]
public sealed class RegionModel(TidingsDbContext db, SiteContext site, PortalLists lists, TrendingLists trending) : ListPageModel(db, site, lists, trending)
{
    public Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] string? page, CancellationToken ct) => RenderAsync("region", slug, page, ct);
}
