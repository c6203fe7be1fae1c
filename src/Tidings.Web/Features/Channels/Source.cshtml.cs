using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Tidings.Core.Data;
using Tidings.Core.Sources;
using Tidings.Web.Features.Following;
using Tidings.Web.Features.Trending;
using Tidings.Web.Infrastructure;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Channels;

/// <summary>An account's page (/source/{slug}): its header with 关注, then its articles.</summary>
[OutputCache(PolicyName = ContentCacheExtensions.SourcePagePolicy)]
public sealed class SourceModel(TidingsDbContext db, SiteContext site, PortalLists lists, TrendingLists trending, Followers followers) : ListPageModel(db, site, lists, trending)
{
    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] string? page, CancellationToken ct)
    {
        var result = await RenderAsync("source", slug, page, ct);
        if (result is not PageResult || await SourceProfile.FindAsync(Db, slug, Site.UtcNow, ct) is not { } profile)
        {
            return result;
        }

        var following = followers.KeyForReading(HttpContext) is { } key && await Follows.IsFollowingAsync(Db, profile.Id, key, ct);
        View = View with { Profile = profile, Following = following };
        return result;
    }
}
