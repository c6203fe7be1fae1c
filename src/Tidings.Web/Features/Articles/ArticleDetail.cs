using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;
using Tidings.Core.Sources;

namespace Tidings.Web.Features.Articles;

public sealed record ArticleDetail(
    int Id,
    string? Slug,
    string Title,
    string Summary,
    string BodyHtml,
    int? ChannelId,
    string? ChannelSlug,
    string? ChannelName,
    int? RegionId,
    string? RegionSlug,
    string? RegionName,
    string? RegionSiteName,
    string SourceSlug,
    string SourceName,
    SourceKind SourceKind,
    string? AuthorName,
    string? EditorName,
    bool IsOriginal,
    string? CoverUrl,
    string? CoverAlt,
    int? CoverWidth,
    int? CoverHeight,
    DateTime PublishedAt,
    DateTime UpdatedAt,
    int CommentCount,
    int? StoryId,
    bool HasCorrections)
{
    public IReadOnlyList<TagLink> Tags { get; init; } = [];

    /// <summary>阅读原文: the partner's page, for an article taken from a partner feed.</summary>
    public string? OriginalUrl { get; init; }

    /// <summary>更正 notes, oldest first.</summary>
    public IReadOnlyList<(int Id, DateTime At, string Text)> Corrections { get; init; } = [];

    /// <summary>滚动直播: whether the article is a live coverage, and when it ended.</summary>
    public Tidings.Core.Live.LiveStatus LiveStatus { get; init; }

    public DateTime? LiveEndedAt { get; init; }

    /// <summary>The language the article is written in (zh-CN or en).</summary>
    public string Language { get; init; } = Core.Articles.ContentLanguage.Chinese;

    /// <summary>The coverage's entries (newest first, 要点 flagged) for a live article; empty otherwise.</summary>
    public IReadOnlyList<Live.LiveEntryView> LiveEntries { get; init; } = [];

    /// <summary>要点, newest first: read apart from the stream, so they stay above it however long the coverage runs.</summary>
    public IReadOnlyList<Live.LiveEntryView> LivePinned { get; init; } = [];

    /// <summary>When the coverage's first entry was posted (coverageStartTime).</summary>
    public DateTime? LiveStartedAt { get; init; }

    /// <summary>The published 专题 the article is in (slug, title): the page links back to each.</summary>
    public IReadOnlyList<(string Slug, string Title)> Specials { get; init; } = [];

    public string Url => ArticleUrls.For(Id, Slug);

    /// <summary>Ids arrive as route strings; anything that is not a positive int cannot be an article.</summary>
    public static bool TryParseId(string? value, out int id) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    public static async Task<ArticleDetail?> FindPublishedAsync(TidingsDbContext db, int id, DateTime utcNow, CancellationToken ct)
    {
        var detail = await db.Published(utcNow)
            .Where(a => a.Id == id)
            .Select(a => new ArticleDetail(
                a.Id,
                a.Slug,
                a.Title,
                a.Summary,
                a.BodyHtml,
                a.ChannelId,
                a.Channel != null ? a.Channel.Slug : null,
                a.Channel != null ? a.Channel.Name : null,
                a.RegionId,
                a.Region != null ? a.Region.Slug : null,
                a.Region != null ? a.Region.Name : null,
                a.Region != null ? a.Region.SiteName : null,
                a.Source!.Slug,
                a.Source.Name,
                a.Source.Kind,
                a.Author != null ? a.Author.Name : null,
                a.EditorName,
                a.IsOriginal,
                a.CoverUrl,
                a.CoverAlt,
                a.CoverWidth,
                a.CoverHeight,
                a.PublishedAt!.Value,
                a.UpdatedAt,
                a.CommentCount,
                a.SearchText != null ? a.SearchText.ClusterId : null,
                // An EXISTS in the same statement: most articles never get a 更正, and a miss should not pay a query
                // to learn that.
                db.ArticleCorrections.Any(c => c.ArticleId == a.Id))
            {
                OriginalUrl = a.OriginalUrl,
                LiveStatus = a.LiveStatus,
                LiveEndedAt = a.LiveEndedAt,
                Language = a.Language,
            })
            .FirstOrDefaultAsync(ct);
        if (detail is null)
        {
            return null;
        }

        var tags = await db.ArticleTags.AsNoTracking()
            .Where(at => at.ArticleId == id)
            .Join(db.Tags, at => at.TagId, t => t.Id, (_, t) => new TagLink(t.Slug, t.Name))
            .ToListAsync(ct);
        var corrections = detail.HasCorrections
            ? (await db.ArticleCorrections.AsNoTracking().Where(c => c.ArticleId == id).OrderBy(c => c.At)
                .Select(c => new { c.Id, c.At, c.Text }).ToListAsync(ct)).Select(c => (c.Id, c.At, c.Text)).ToList()
            : [];
        var specials = (await db.SpecialArticles.AsNoTracking().Where(sa => sa.ArticleId == id)
                .Join(db.SpecialSections, sa => sa.SectionId, s => s.Id, (_, s) => s.SpecialId)
                .Join(db.Specials.Where(s => s.Published), specialId => specialId, s => s.Id, (_, s) => new { s.Id, s.Slug, s.Title })
                .Distinct().ToListAsync(ct))
            .OrderBy(s => s.Id).Select(s => (s.Slug, s.Title)).ToList();
        if (detail.LiveStatus == Tidings.Core.Live.LiveStatus.None)
        {
            return detail with { Tags = tags, Corrections = corrections, Specials = specials };
        }

        var live = await Live.LiveEntryView.LoadAsync(db, id, utcNow, ct);
        var pinned = await Live.LiveEntryView.LoadPinnedAsync(db, id, utcNow, ct);
        var started = await db.LiveEntries.AsNoTracking().Where(e => e.ArticleId == id && !e.Deleted).OrderBy(e => e.Id).Select(e => (DateTime?)e.At).FirstOrDefaultAsync(ct);
        return detail with { Tags = tags, Corrections = corrections, Specials = specials, LiveEntries = live, LivePinned = pinned, LiveStartedAt = started };
    }
}

public sealed record TagLink(string Slug, string Name)
{
    public string Url => "/tag/" + Uri.EscapeDataString(Slug);
}
