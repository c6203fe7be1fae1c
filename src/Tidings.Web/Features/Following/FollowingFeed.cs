using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;
using Tidings.Core.Sources;
using Tidings.Web.Features.Articles;

namespace Tidings.Web.Features.Following;

public sealed record FollowedSource(int Id, string Slug, string Name, string? AvatarUrl, int FollowerCount);

/// <summary>What /following and <c>GET /api/v1/me/following</c> show: the accounts followed and their newest articles.</summary>
public sealed record FollowingFeed(IReadOnlyList<FollowedSource> Sources, IReadOnlyList<ArticleCard> Articles, int Page, bool HasMore)
{
    public const int PageSize = 20;

    /// <summary>Pages go back this far (1,000 articles); older ones are on each account's own page.</summary>
    public const int MaxPage = 50;

    public static readonly FollowingFeed Empty = new([], [], 1, false);

    public static async Task<FollowingFeed> LoadAsync(TidingsDbContext db, string? followerKey, int page, DateTime utcNow, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (followerKey is null)
        {
            return Empty with { Page = page };
        }

        var ids = await Follows.SourceIdsAsync(db, followerKey, ct);
        if (ids.Count == 0)
        {
            return Empty with { Page = page };
        }

        var sources = (await db.Sources.AsNoTracking().Where(s => ids.Contains(s.Id))
                .Select(s => new FollowedSource(s.Id, s.Slug, s.Name, s.AvatarUrl, s.FollowerCount)).ToListAsync(ct))
            .OrderBy(s => ids.IndexOf(s.Id)).ToList();
        // One more than a page says whether there is a next one, without counting the followed accounts' archives.
        var cards = await db.Published(utcNow).Where(a => ids.Contains(a.SourceId)).Newest()
            .Skip((page - 1) * PageSize).Take(PageSize + 1).ToCards().ToListAsync(ct);
        return new FollowingFeed(sources, cards.Take(PageSize).ToList(), page, cards.Count > PageSize && page < MaxPage);
    }
}
