using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;
using Tidings.Core.Sources;
using Tidings.Web.Features.Articles;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Following;

/// <summary>An account as its page header and <c>GET /api/v1/sources/{slug}</c> show it.</summary>
public sealed record SourceProfile(
    int Id,
    string Slug,
    string Name,
    SourceKind Kind,
    AccountKind? AccountKind,
    string? Bio,
    string? AvatarUrl,
    string? ChannelName,
    string? RegionName,
    int OriginalCount,
    int FollowerCount,
    DateTime? JoinedAt)
{
    /// <summary>个人 / 媒体 / 机构 for a 自媒体号, else 媒体 or 自媒体 as the site classed it.</summary>
    public string KindLabel => AccountKind is { } kind ? KindName(kind) : Kind == SourceKind.SelfMedia ? Ui.SelfMedia : Ui.Media;

    /// <summary>个人 / 媒体 / 机构: how the account page, the 入驻 form and the admins' queue name an account kind.</summary>
    public static string KindName(Core.Sources.AccountKind kind) => kind switch
    {
        Core.Sources.AccountKind.Personal => FollowingText.AccountPersonal,
        Core.Sources.AccountKind.Media => FollowingText.AccountMedia,
        _ => FollowingText.AccountOrganization,
    };

    public string ApiKind => AccountKind switch
    {
        Core.Sources.AccountKind.Personal => "personal",
        Core.Sources.AccountKind.Media => "media",
        Core.Sources.AccountKind.Organization => "organization",
        _ => Kind == SourceKind.SelfMedia ? "self-media" : "outlet",
    };

    /// <summary>The letter the page shows in place of an account without an avatar.</summary>
    public string Initial => System.Globalization.StringInfo.GetNextTextElementLength(Name) is var n and > 0 ? Name[..n] : "?";

    public static async Task<SourceProfile?> FindAsync(TidingsDbContext db, string slug, DateTime utcNow, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var source = await db.Sources.AsNoTracking().Where(s => s.Slug == slug)
            .Select(s => new
            {
                s.Id,
                s.Slug,
                s.Name,
                s.Kind,
                s.AccountKind,
                s.Bio,
                s.AvatarUrl,
                s.FollowerCount,
                s.JoinedAt,
                Channel = db.Channels.Where(c => c.Id == s.ChannelId).Select(c => c.Name).FirstOrDefault(),
                Region = db.Regions.Where(r => r.Id == s.RegionId).Select(r => r.Name).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (source is null)
        {
            return null;
        }

        // 原创 count: on the (IsOriginal, Status, PublishedAt) and (SourceId, …) indexes, whatever the archive's size.
        var originals = await db.Published(utcNow).CountAsync(a => a.SourceId == source.Id && a.IsOriginal, ct);
        return new SourceProfile(source.Id, source.Slug, source.Name, source.Kind, source.AccountKind, source.Bio, source.AvatarUrl,
            source.Channel, source.Region, originals, source.FollowerCount, source.JoinedAt);
    }
}
