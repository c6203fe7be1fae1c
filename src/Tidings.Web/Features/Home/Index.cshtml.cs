using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Tidings.Core.Data;
using Tidings.Core.Trending;
using Tidings.Web.Features.Articles;
using Tidings.Web.Features.Channels;
using Tidings.Web.Features.Trending;
using Tidings.Web.Infrastructure;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Home;

[OutputCache(PolicyName = ContentCacheExtensions.PagePolicy)]
public sealed class IndexModel(PortalLists lists, TidingsDbContext db, TrendingLists trending, SiteContext site) : PageModel
{
    private const int HeadlineCount = 8;
    private const int ModuleSize = 6;
    private const int TrendingSize = 10;

    public ArticleCard? Lead { get; private set; }
    public IReadOnlyList<ArticleCard> Headlines { get; private set; } = [];
    public IReadOnlyList<TopListView> ChannelModules { get; private set; } = [];
    public IReadOnlyList<ArticleCard> Originals { get; private set; } = [];
    public IReadOnlyList<ArticleCard> Trending { get; private set; } = [];
    public IReadOnlyList<TopListView> Regions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var shown = new ShownOnPage();
        var latest = await lists.LatestAsync();
        var topLists = await lists.TopListsAsync();

        // The lead is the editors' 头条 pinned first, else the newest story from 要闻 with a picture, else the newest
        // story with one, else the newest.
        var news = topLists.FirstOrDefault(t => t.Channel.Slug == "news")?.Items ?? [];
        var pins = await lists.PinsAsync();
        var headlinePins = pins.GetValueOrDefault(0) ?? [];
        Lead = headlinePins.FirstOrDefault(p => p.Position == 1).Card
            ?? news.FirstOrDefault(a => a.CoverUrl is not null)
            ?? latest.FirstOrDefault(a => a.CoverUrl is not null)
            ?? (latest.Count > 0 ? latest[0] : null);
        if (Lead is not null)
        {
            shown.Mark(Lead.Id, Lead.StoryId);
        }

        // Order matters: the sidebar's short global lists pick before the channel modules, which fetch
        // twice what they show and so still fill up after de-duplication.
        Headlines = shown.Take(PortalLists.Pinned(news.Concat(latest), pins, 0), HeadlineCount);
        Originals = shown.Take(await lists.OriginalsAsync(), ModuleSize);
        // 热点推荐: the day's site-wide trending list, topped up with the newest stories while traffic is thin.
        var hot = await trending.CardsAsync(db, TrendingScope.Site, TrendingWindow.Day, site.UtcNow, ct);
        Trending = shown.Take(hot.Select(h => h.Card).Concat(latest), TrendingSize);
        ChannelModules = topLists
            .Where(t => t.Channel.Slug != "news")
            .Select(t => new TopListView("ch-" + t.Channel.Slug, t.Channel.ListTitle, "/channel/" + t.Channel.Slug, shown.Take(t.Items, ModuleSize)))
            .Where(m => m.Items.Count > 0)
            .ToList();

        var regionLists = await lists.RegionListsAsync();
        Regions = (await lists.RegionsAsync())
            .Select(r => new TopListView("rg-" + r.Slug, r.SiteName, "/region/" + r.Slug, shown.Take(regionLists.GetValueOrDefault(r.Id) ?? [], 3), Level: 3))
            .ToList();

        ViewData.SetMeta(new PageMeta
        {
            // The operator's brand and channels, not the demo's: search engines show this line under the site's name.
            Description = topLists.Count == 0
                ? site.SiteName
                : Phrase.Format(Regions.Count > 0 ? Ui.HomeDescriptionWithRegions : Ui.HomeDescription, site.SiteName, string.Join(Ui.ListSeparator, topLists.Select(t => t.Channel.Name))),
            CanonicalPath = "/",
            ReturnPath = "/",
            CurrentChannel = string.Empty,
        });
    }
}
