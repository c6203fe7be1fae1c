using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidings.Core.Articles;
using Tidings.Core.Data;
using Tidings.Core.Trending;
using Tidings.Web.Features.Articles;
using Tidings.Web.Features.Trending;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Channels;

/// <summary>The shared flow of the four list pages: parse the page, find the owner, load one page, 404 past the end.</summary>
/// <remarks>Handlers bind ?page= with [FromQuery]: "page" is also the Razor Pages route value naming the page itself.</remarks>
public abstract class ListPageModel(TidingsDbContext db, SiteContext site, PortalLists lists, TrendingLists trending) : PageModel
{
    private const int TrendingSize = 10;

    public ListPageView View { get; protected set; } = null!;

    protected IQueryable<Article> Published => db.Published(site.UtcNow);

    protected TidingsDbContext Db => db;

    protected SiteContext Site => site;

    /// <summary>Renders one page of a list; also the list pages' handler, as they differ only in their kind.</summary>
    protected async Task<IActionResult> RenderAsync(string kind, string slug, string? page, CancellationToken ct)
    {
        if (await ListScope.FindAsync(db, kind, slug, ct) is not { } scope || ListPageView.ParsePage(page) is not { } pageNumber)
        {
            return NotFound();
        }

        var articles = scope.Filter(Published).OnePerStory(db);
        var paged = await articles.PageAsync(lists.CountAsync(scope.BasePath, articles), pageNumber, ListPageView.PageSize, ct);
        if (pageNumber > paged.PageCount)
        {
            return NotFound();
        }

        IReadOnlyList<ArticleCard> trendingCards = [];
        if (scope.Hot is { } h)
        {
            var cards = await trending.CardsAsync(db, h.Scope, TrendingWindow.Day, site.UtcNow, ct);
            trendingCards = cards.Select(c => c.Card).Take(TrendingSize).ToList();
        }

        // The editors' pinned stories (推荐位) head the first page of a channel.
        IReadOnlyList<ArticleCard> pinned = [];
        if (scope.Kind == "channel" && pageNumber == 1 && scope.Hot is { } channelHot && (await lists.PinsAsync()).TryGetValue(channelHot.Scope.Id, out var pins))
        {
            pinned = pins.Select(p => p.Card).ToList();
            var pinnedIds = pinned.Select(c => c.Id).ToHashSet();
            paged = paged with { Items = paged.Items.Where(c => !pinnedIds.Contains(c.Id)).ToList() };
        }

        View = new ListPageView(scope.Heading, scope.Intro, scope.BasePath, paged)
        {
            Pinned = pinned,
            Trending = trendingCards,
            TrendingPath = scope.Hot is { } q ? "/hot?scope=" + Uri.EscapeDataString(q.Query) : null,
        };
        var meta = View.Meta(scope.CurrentChannel);
        meta.Feed = scope;
        ViewData.SetMeta(meta);
        return Page();
    }
}
