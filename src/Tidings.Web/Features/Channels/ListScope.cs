using Microsoft.EntityFrameworkCore;
using Tidings.Core.Articles;
using Tidings.Core.Data;
using Tidings.Core.Sources;
using Tidings.Core.Trending;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Channels;

/// <summary>
/// One of the article lists a reader can follow — the whole site, a channel, a region, a source account or a tag —
/// as both its HTML page and its feeds describe it.
/// </summary>
/// <param name="Kind">site, channel, region, source, tag or topic (专题; also the feed URL's folder).</param>
/// <param name="Filter">Narrows published articles to this list.</param>
/// <param name="Hot">The trending list the page shows beside it (channels and regions).</param>
public sealed record ListScope(
    string Kind,
    string Slug,
    string Heading,
    string? Intro,
    string BasePath,
    Func<IQueryable<Article>, IQueryable<Article>> Filter,
    string? CurrentChannel = null,
    (TrendingScope Scope, string Query)? Hot = null)
{
    public const string Site = "site";

    public static readonly IReadOnlyList<string> Kinds = ["channel", "region", "source", "tag", "topic"];

    public static ListScope Whole(string siteName) => new(Site, string.Empty, siteName, null, "/", a => a, CurrentChannel: string.Empty);

    /// <summary>The list of that kind and slug, or null when there is none (the caller answers 404).</summary>
    public static async Task<ListScope?> FindAsync(TidingsDbContext db, string kind, string slug, CancellationToken ct)
    {
        switch (kind)
        {
            case "channel":
                var channel = await db.Channels.AsNoTracking().FirstOrDefaultAsync(c => c.Slug == slug, ct);
                return channel is null
                    ? null
                    : ForChannel(kind, channel, new ChannelInfo(channel.Id, channel.Slug, channel.Name, channel.NameEn, channel.ListTitle));
            case "region":
                var region = await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Slug == slug, ct);
                return region is null
                    ? null
                    : new ListScope(kind, region.Slug, region.SiteName, region.Description, "/region/" + region.Slug,
                        q => q.Where(a => a.RegionId == region.Id), "local", (TrendingScope.Region(region.Id), "region:" + region.Slug));
            case "source":
                var source = await db.Sources.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug, ct);
                return source is null
                    ? null
                    : new ListScope(kind, source.Slug, source.Name, $"{(source.Kind == SourceKind.SelfMedia ? Ui.SelfMedia : Ui.Media)} · {source.Bio}",
                        "/source/" + source.Slug, q => q.Where(a => a.SourceId == source.Id));
            case "tag":
                var tag = await db.Tags.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == slug, ct);
                return tag is null
                    ? null
                    : new ListScope(kind, tag.Slug, "#" + tag.Name, Phrase.Format(Ui.TagIntro, tag.Name), "/tag/" + Uri.EscapeDataString(tag.Slug),
                        q => q.Where(a => db.ArticleTags.Any(at => at.ArticleId == a.Id && at.TagId == tag.Id)));
            case "topic":
                // A 专题's feed: its articles, newest first (the page itself orders them by section).
                var special = await db.Specials.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug && s.Published, ct);
                return special is null
                    ? null
                    : new ListScope(kind, special.Slug, special.Title, special.Lead, "/topic/" + special.Slug,
                        q => q.Where(a => db.SpecialArticles.Any(sa => sa.ArticleId == a.Id && db.SpecialSections.Any(s => s.Id == sa.SectionId && s.SpecialId == special.Id))));
            default:
                return null;
        }
    }

    /// <summary>A channel's page, named as the reader's interface names it (<see cref="ChannelInfo"/> holds that rule).</summary>
    private static ListScope ForChannel(string kind, Tidings.Core.Channels.Channel channel, ChannelInfo shown) =>
        new(kind, channel.Slug, shown.Name, Phrase.Format(Ui.ChannelIntro, shown.ListTitle, shown.Name), "/channel/" + channel.Slug,
            q => q.Where(a => a.ChannelId == channel.Id), channel.Slug, (TrendingScope.Channel(channel.Id), "channel:" + channel.Slug));
}
