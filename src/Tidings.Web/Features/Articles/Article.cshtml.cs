using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;
using Tidings.Core.Trending;
using Tidings.Web.Features.Accessibility;
using Tidings.Web.Features.Channels;
using Tidings.Web.Features.Comments;
using Tidings.Web.Features.Related;
using Tidings.Web.Features.Sharing;
using Tidings.Web.Features.Spike;
using Tidings.Web.Features.Trending;
using Tidings.Web.Infrastructure;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Articles;

public sealed class ArticleModel(
    TidingsDbContext db, PortalLists lists, SiteContext site, TrendingLists trending, CommentsOptions commentOptions, HotArticleGate spike, ContentChanges changes) : PageModel
{
    private const int RelatedCount = 10;
    private const int TrendingCount = 10;
    private const int SidebarCount = 6;

    /// <summary>The first six channels form the reference's sidebar; the rest are its channel tabs.</summary>
    private const int SidebarChannels = 6;

    public ArticleDetail Article { get; private set; } = null!;
    public ShareView Share { get; private set; } = null!;
    public IReadOnlyList<(string Name, string Path)> Breadcrumb { get; private set; } = [];
    public IReadOnlyList<ArticleCard> Related { get; private set; } = [];

    /// <summary>Other outlets' reports of the same story (N 家媒体报道).</summary>
    public IReadOnlyList<StoryReport> Reports { get; private set; } = [];
    public IReadOnlyList<ArticleCard> Trending { get; private set; } = [];
    public IReadOnlyList<TopListView> SidebarLists { get; private set; } = [];
    public IReadOnlyList<ArticleCard> Originals { get; private set; } = [];
    public IReadOnlyList<TopListView> MoreChannels { get; private set; } = [];
    public CommentThreadView Comments { get; private set; } = null!;

    /// <summary>What the sidebar's rendered HTML depends on: the reading mode and the content generation.</summary>
    public string SidebarKey { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(string id, string? slug, CancellationToken ct)
    {
        if (!ArticleDetail.TryParseId(id, out var articleId))
        {
            return NotFound();
        }

        var article = await ArticleDetail.FindPublishedAsync(db, articleId, site.UtcNow, ct);
        if (article is null)
        {
            return NotFound();
        }

        // One canonical URL: a missing, stale or wrong slug redirects permanently to it.
        if (!string.Equals(slug ?? string.Empty, ArticleUrls.Effective(article.Slug) ?? string.Empty, StringComparison.Ordinal))
        {
            return RedirectPermanent(article.Url);
        }

        Article = article;
        Breadcrumb = article.RegionSlug is not null
            ? [(Ui.Home, "/"), (article.RegionSiteName!, "/region/" + article.RegionSlug), (ArticlesText.Body, article.Url)]
            : article.ChannelSlug is not null
                ? [(Ui.Home, "/"), ((await lists.ChannelNameAsync(article.ChannelSlug, article.ChannelName))!, "/channel/" + article.ChannelSlug), (ArticlesText.Body, article.Url)]
                : [(Ui.Home, "/"), (ArticlesText.Body, article.Url)];

        // One copy for every reader (ArticlePageCache): nothing here may depend on who asks. The comment form carries
        // no token and shows no account; a post's outcome comes back as a fragment the page answers without a render.
        Comments = await CommentThreadView.LoadAsync(db, commentOptions, article.Id, article.CommentCount, article.Url, ct) with
        {
            Gate = await spike.ForAsync(article.Id, ct),
        };

        Reports = await StoryReports.OthersAsync(db, article.Id, article.StoryId, site.UtcNow, ct);
        var shown = new ShownOnPage();
        // Its own reprints are the same story: they never count as related.
        shown.Mark(article.Id, article.StoryId);
        // The stored list (computed on import or publish); the page never computes relatedness.
        var stored = await RelatedQueries.StoredAsync(db, article.Id, site.UtcNow, ct);
        Related = stored is not null
            ? shown.Take(stored.Items.Select(i => i.Card), RelatedCount)
            : shown.Take(await FallbackRelated(article).Where(a => a.Id != article.Id).Newest().Take(RelatedCount + 1).ToCards().ToListAsync(ct), RelatedCount);
        // 热点推荐: the day's site-wide trending list, topped up with the newest stories while traffic is thin.
        var hot = await trending.CardsAsync(db, TrendingScope.Site, TrendingWindow.Day, site.UtcNow, ct);
        Trending = shown.Take(hot.Select(h => h.Card).Concat(await lists.LatestAsync()), TrendingCount);

        // Sidebar modules repeat stories by design (the reference shows the lead twice); they are navigation.
        SidebarKey = ReaderMode.CacheVariant(HttpContext).Value + "|" + changes.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var topLists = await lists.TopListsAsync();
        SidebarLists = topLists.Take(SidebarChannels)
            .Select((t, i) => new TopListView(
                "side-" + t.Channel.Slug,
                t.Channel.ListTitle,
                "/channel/" + t.Channel.Slug,
                // The first list's lead is shown highlighted above it, and not again as the list's first item.
                t.Items.Skip(i == 0 ? 1 : 0).Take(SidebarCount).ToList(),
                i == 0 && t.Items.Count > 0 ? t.Items[0] : null))
            .ToList();
        Originals = (await lists.OriginalsAsync()).Take(SidebarCount).ToList();
        MoreChannels = topLists.Skip(SidebarChannels)
            .Select(t => new TopListView("more-" + t.Channel.Slug, t.Channel.ListTitle, "/channel/" + t.Channel.Slug, t.Items.Take(5).ToList(), Level: 3))
            .ToList();

        Share = new ShareView(article.Id, site.Absolute(Request, article.Url), article.Title);
        ViewData.SetMeta(new PageMeta
        {
            Title = article.Title,
            Description = article.Summary,
            CanonicalPath = article.Url,
            OgType = "article",
            ImagePath = article.CoverUrl,
            ImageAlt = article.CoverAlt,
            Article = new ArticleFacts(article.PublishedAt, article.UpdatedAt, article.ChannelName, article.Tags.Select(t => t.Name).ToList()),
            JsonLd = ArticleJsonLd.Build(article, site, Request, Breadcrumb),
            CurrentChannel = article.ChannelSlug,
            ReturnPath = article.Url,
            Shared = true,
            Feeds = article.LiveStatus == Core.Live.LiveStatus.None ? [] :
            [
                new(Phrase.Format(Ui.LiveFeedTitle, article.Title), Live.LiveExtensions.FeedPath(article.Id.ToString(CultureInfo.InvariantCulture), Feeds.FeedFormat.Rss), "application/rss+xml"),
                new(Phrase.Format(Ui.LiveFeedTitle, article.Title), Live.LiveExtensions.FeedPath(article.Id.ToString(CultureInfo.InvariantCulture), Feeds.FeedFormat.Atom), "application/atom+xml"),
            ],
        });
        HttpContext.Items[ArticlePageCache.CacheableItem] = article.Id;
        return Page();
    }

    /// <summary>
    /// For the moments before an article's list exists (bulk-loaded data awaiting `related rebuild`): the newest of
    /// the same regional sub-site, else of the same channel.
    /// </summary>
    private IQueryable<Core.Articles.Article> FallbackRelated(ArticleDetail article) => (article.RegionId, article.ChannelId) switch
    {
        ({ } regionId, _) => db.Published(site.UtcNow).Where(a => a.RegionId == regionId),
        (_, { } channelId) => db.Published(site.UtcNow).Where(a => a.ChannelId == channelId),
        _ => db.Published(site.UtcNow),
    };
}
