using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;
using Tidings.Core.Specials;
using Tidings.Web.Features.Articles;
using Tidings.Web.Features.Feeds;
using Tidings.Web.Infrastructure;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Specials;

public sealed record TopicSectionView(string Title, IReadOnlyList<ArticleCard> Articles);

/// <summary>/topic/{slug}: a published 专题 — cover, title, lead, its live coverage on top, then its sections. Cached like list pages.</summary>
[OutputCache(PolicyName = ContentCacheExtensions.PagePolicy)]
public sealed class TopicModel(TidingsDbContext db, SiteContext site) : PageModel
{
    public Special Special { get; private set; } = null!;
    public ArticleCard? Live { get; private set; }
    public IReadOnlyList<TopicSectionView> Sections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await db.Specials.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug && s.Published, ct) is not { } special)
        {
            return NotFound();
        }

        Special = special;
        var sections = await db.SpecialSections.AsNoTracking().Where(s => s.SpecialId == special.Id).OrderBy(s => s.Position)
            .Select(s => new { s.Id, s.Title }).ToListAsync(ct);
        var sectionIds = sections.Select(s => s.Id).ToList();
        var entries = await db.SpecialArticles.AsNoTracking().Where(a => sectionIds.Contains(a.SectionId)).OrderBy(a => a.Position).ToListAsync(ct);
        var wanted = entries.Select(e => e.ArticleId).Append(special.LiveArticleId ?? 0).Distinct().ToList();
        // Only what readers may see: a withdrawn or embargoed article leaves the topic's page by itself.
        var cards = await db.PublishedCardsAsync(wanted, site.UtcNow, ct);
        Live = special.LiveArticleId is { } live && cards.TryGetValue(live, out var liveCard) ? liveCard : null;
        Sections = sections
            .Select(s => new TopicSectionView(s.Title, entries.Where(e => e.SectionId == s.Id && cards.ContainsKey(e.ArticleId)).Select(e => cards[e.ArticleId]).ToList()))
            .Where(s => s.Articles.Count > 0)
            .ToList();
        var path = "/topic/" + special.Slug;
        ViewData.SetMeta(new PageMeta
        {
            Title = special.Title,
            Description = special.Lead,
            CanonicalPath = path,
            ImagePath = special.CoverUrl,
            ImageAlt = special.CoverAlt,
            Feeds =
            [
                new(special.Title + " RSS", "/feeds/topic/" + special.Slug + FeedUrls.Extension(FeedFormat.Rss), "application/rss+xml"),
                new(special.Title + " Atom", "/feeds/topic/" + special.Slug + FeedUrls.Extension(FeedFormat.Atom), "application/atom+xml"),
            ],
        });
        return Page();
    }
}
