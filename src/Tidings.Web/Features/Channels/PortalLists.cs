using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;
using Tidings.Core.Data;
using Tidings.Core.Newsroom;
using Tidings.Web.Features.Articles;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Channels;

/// <summary>
/// A channel as pages show it: its Chinese name and list title, or, in the English interface, its English name for
/// both (the operator's <c>NameEn</c>; the Chinese when that was never set).
/// </summary>
public sealed record ChannelInfo(int Id, string Slug, string ChineseName, string EnglishName, string ChineseListTitle)
{
    private bool InEnglish => SiteContext.English && !string.IsNullOrWhiteSpace(EnglishName);

    public string Name => InEnglish ? EnglishName : ChineseName;

    public string ListTitle => InEnglish ? EnglishName : ChineseListTitle;
}

public sealed record RegionInfo(int Id, string Slug, string Name, string SiteName, string? Description);

public sealed record TopList(ChannelInfo Channel, IReadOnlyList<ArticleCard> Items);

/// <summary>
/// The lists every page shows (navigation, per-channel top lists, latest, originals). They change only on publish,
/// so they are built once per <see cref="Ttl"/> for all readers; one request rebuilds while the others wait for it.
/// </summary>
public sealed class PortalLists(IServiceScopeFactory scopes, IMemoryCache cache, TimeProvider time) : IDisposable
{
    public const int TopListSize = 12;
    public const int LatestSize = 60;
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    private CancellationTokenSource _generation = new();

    public Task<IReadOnlyList<ChannelInfo>> ChannelsAsync() => GetAsync("channels", async db =>
        (IReadOnlyList<ChannelInfo>)await db.Channels.AsNoTracking()
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Id)
            .Select(c => new ChannelInfo(c.Id, c.Slug, c.Name, c.NameEn, c.ListTitle))
            .ToListAsync());

    /// <summary>
    /// A channel's name as this reader's interface shows it (see <see cref="ChannelInfo.Name"/>), for names that came
    /// with an article from a cached query; <paramref name="stored"/> when the channel is not (or no longer) listed.
    /// </summary>
    public async Task<string?> ChannelNameAsync(string? slug, string? stored) =>
        slug is not null && (await ChannelsAsync()).FirstOrDefault(c => c.Slug == slug) is { } channel ? channel.Name : stored;

    public Task<IReadOnlyList<RegionInfo>> RegionsAsync() => GetAsync("regions", async db =>
        (IReadOnlyList<RegionInfo>)await db.Regions.AsNoTracking()
            .OrderBy(r => r.SortOrder).ThenBy(r => r.Id)
            .Select(r => new RegionInfo(r.Id, r.Slug, r.Name, r.SiteName, r.Description))
            .ToListAsync());

    /// <summary>The newest stories of every channel (each once), in channel order, with the editors' pins placed.</summary>
    public Task<IReadOnlyList<TopList>> TopListsAsync() => GetAsync("top-lists", async db =>
    {
        var now = time.GetUtcNow().UtcDateTime;
        var pins = await PinsAsync();
        var lists = new List<TopList>();
        foreach (var channel in await ChannelsAsync())
        {
            var items = await db.Published(now).Where(a => a.ChannelId == channel.Id).OnePerStory(db)
                .Newest().Take(TopListSize).ToCards().ToListAsync();
            lists.Add(new TopList(channel, Pinned(items, pins, channel.Id).Take(TopListSize).ToList()));
        }

        return (IReadOnlyList<TopList>)lists;
    });

    /// <summary>
    /// Active 推荐位 pins of published articles, by channel id (0: the home page's 头条要闻), in position order.
    /// Expired pins drop out within one <see cref="Ttl"/>.
    /// </summary>
    public Task<IReadOnlyDictionary<int, IReadOnlyList<(int Position, ArticleCard Card)>>> PinsAsync() => GetAsync("pins", async db =>
    {
        var now = time.GetUtcNow().UtcDateTime;
        var slots = await db.CuratedSlots.AsNoTracking().Where(s => s.ExpiresAt > now).ToListAsync();
        var cards = await db.PublishedCardsAsync(slots.Select(s => s.ArticleId).Distinct().ToList(), now, CancellationToken.None);
        return (IReadOnlyDictionary<int, IReadOnlyList<(int Position, ArticleCard Card)>>)slots
            .Where(s => cards.ContainsKey(s.ArticleId))
            .GroupBy(s => s.ChannelId ?? 0)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<(int, ArticleCard)>)g.OrderBy(s => s.Position).ThenBy(s => s.Id).Select(s => (s.Position, cards[s.ArticleId])).ToList());
    });

    /// <summary>A list with the pins of <paramref name="channelId"/> (0: 头条要闻) placed.</summary>
    public static List<ArticleCard> Pinned(IEnumerable<ArticleCard> automatic, IReadOnlyDictionary<int, IReadOnlyList<(int Position, ArticleCard Card)>> pins, int channelId) =>
        pins.TryGetValue(channelId, out var these) ? CuratedSlot.Place(automatic, these, c => c.Id) : automatic.ToList();

    /// <summary>The newest articles of each regional sub-site, keyed by region id.</summary>
    public Task<IReadOnlyDictionary<int, IReadOnlyList<ArticleCard>>> RegionListsAsync() => GetAsync("region-lists", async db =>
    {
        var now = time.GetUtcNow().UtcDateTime;
        var lists = new Dictionary<int, IReadOnlyList<ArticleCard>>();
        foreach (var region in await RegionsAsync())
        {
            lists[region.Id] = await db.Published(now).Where(a => a.RegionId == region.Id).OnePerStory(db)
                .Newest().Take(TopListSize).ToCards().ToListAsync();
        }

        return (IReadOnlyDictionary<int, IReadOnlyList<ArticleCard>>)lists;
    });

    public Task<IReadOnlyList<ArticleCard>> LatestAsync() => GetAsync("latest", async db =>
        (IReadOnlyList<ArticleCard>)await db.Published(time.GetUtcNow().UtcDateTime).OnePerStory(db)
            .Newest().Take(LatestSize).ToCards().ToListAsync());

    public Task<IReadOnlyList<ArticleCard>> OriginalsAsync() => GetAsync("originals", async db =>
        (IReadOnlyList<ArticleCard>)await db.Published(time.GetUtcNow().UtcDateTime).Where(a => a.IsOriginal)
            .Newest().Take(TopListSize).ToCards().ToListAsync());

    /// <summary>
    /// The size of a reader list (a channel, a region, an API filter). COUNT(*) grows with the corpus, so totals
    /// are shared like the lists; the key must identify the filter.
    /// </summary>
    public Task<int> CountAsync(string key, IQueryable<Core.Articles.Article> articles) =>
        GetAsync("count:" + key, _ => articles.CountAsync());

    /// <summary>Drops every cached list, e.g. after a publish or an import in this process.</summary>
    public void Invalidate()
    {
        var old = Interlocked.Exchange(ref _generation, new CancellationTokenSource());
        old.Cancel();
        old.Dispose();
    }

    public void Dispose() => _generation.Dispose();

    private async Task<T> GetAsync<T>(string key, Func<TidingsDbContext, Task<T>> load)
    {
        var lazy = cache.GetOrCreate("portal:" + key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Ttl;
            entry.AddExpirationToken(new CancellationChangeToken(_generation.Token));
            return new Lazy<Task<T>>(async () =>
            {
                await using var scope = scopes.CreateAsyncScope();
                return await load(scope.ServiceProvider.GetRequiredService<TidingsDbContext>());
            });
        })!;
        try
        {
            return await lazy.Value;
        }
        catch
        {
            // A failed load (database briefly unavailable) must not stay cached for the whole TTL.
            cache.Remove("portal:" + key);
            throw;
        }
    }
}
