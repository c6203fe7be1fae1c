using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Articles;
using Tidings.Core.Data;
using Tidings.Core.Sources;
using Tidings.Core.Trending;
using Tidings.Web.Features.Articles;
using Tidings.Web.Features.Trending;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Channels;

/// <summary>The shared flow of the four list pages: parse the page, find the owner, load one page, 404 past the end.</summary>
/// <remarks>Handlers bind ?page= with [FromQuery]: "page" is also the Razor Pages route value naming the page itself.</remarks>
public abstract class ListPageModel(TidingsDbContext db, SiteContext site, PortalLists lists, TrendingService trending) : PageModel
{
    private const int TrendingSize = 10;

    public ListPageView View { get; private set; } = null!;

    protected TidingsDbContext Db => db;

    protected IQueryable<Article> Published => db.Published(site.UtcNow);

    protected async Task<IActionResult> RenderAsync(
        string? page, string heading, string? intro, string basePath, IQueryable<Article> articles, string? channel, CancellationToken ct,
        (TrendingScope Scope, string Query)? hot = null)
    {
        if (ListPageView.ParsePage(page) is not { } pageNumber)
        {
            return NotFound();
        }

        var paged = await articles.PageAsync(lists.CountAsync(basePath, articles), pageNumber, ListPageView.PageSize, ct);
        if (pageNumber > paged.PageCount)
        {
            return NotFound();
        }

        IReadOnlyList<ArticleCard> trendingCards = [];
        if (hot is { } h)
        {
            var cards = await TrendingApi.TrendingCardsAsync(db, trending, h.Scope, TrendingWindow.Day, site.UtcNow, ct);
            trendingCards = cards.Select(c => c.Card).Take(TrendingSize).ToList();
        }

        View = new ListPageView(heading, intro, basePath, paged)
        {
            Trending = trendingCards,
            TrendingPath = hot is { } q ? "/hot?scope=" + Uri.EscapeDataString(q.Query) : null,
        };
        ViewData["Meta"] = View.Meta(channel);
        return Page();
    }
}

public sealed class ChannelModel(TidingsDbContext db, SiteContext site, PortalLists lists, TrendingService trending) : ListPageModel(db, site, lists, trending)
{
    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] string? page, CancellationToken ct)
    {
        var channel = await Db.Channels.AsNoTracking().FirstOrDefaultAsync(c => c.Slug == slug, ct);
        return channel is null
            ? NotFound()
            : await RenderAsync(page, channel.Name, $"{channel.ListTitle}：{channel.Name}频道最新文章。", "/channel/" + channel.Slug,
                Published.Where(a => a.ChannelId == channel.Id), channel.Slug, ct, (TrendingScope.Channel(channel.Id), "channel:" + channel.Slug));
    }
}

public sealed class RegionModel(TidingsDbContext db, SiteContext site, PortalLists lists, TrendingService trending) : ListPageModel(db, site, lists, trending)
{
    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] string? page, CancellationToken ct)
    {
        var region = await Db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Slug == slug, ct);
        return region is null
            ? NotFound()
            : await RenderAsync(page, region.SiteName, region.Description, "/region/" + region.Slug,
                Published.Where(a => a.RegionId == region.Id), "local", ct, (TrendingScope.Region(region.Id), "region:" + region.Slug));
    }
}

public sealed class SourceModel(TidingsDbContext db, SiteContext site, PortalLists lists, TrendingService trending) : ListPageModel(db, site, lists, trending)
{
    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] string? page, CancellationToken ct)
    {
        var source = await Db.Sources.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug, ct);
        if (source is null)
        {
            return NotFound();
        }

        var kind = source.Kind == SourceKind.SelfMedia ? Ui.SelfMedia : Ui.Media;
        return await RenderAsync(page, source.Name, $"{kind} · {source.Bio}", "/source/" + source.Slug,
            Published.Where(a => a.SourceId == source.Id), null, ct);
    }
}

public sealed class TagModel(TidingsDbContext db, SiteContext site, PortalLists lists, TrendingService trending) : ListPageModel(db, site, lists, trending)
{
    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] string? page, CancellationToken ct)
    {
        var tag = await Db.Tags.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == slug, ct);
        if (tag is null)
        {
            return NotFound();
        }

        var tagged = Published.Where(a => Db.ArticleTags.Any(at => at.ArticleId == a.Id && at.TagId == tag.Id));
        return await RenderAsync(page, "#" + tag.Name, $"标签“{tag.Name}”下的文章。", "/tag/" + Uri.EscapeDataString(tag.Slug), tagged, null, ct);
    }
}
