using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Accounts;
using Tidings.Core.Creators;
using Tidings.Core.Data;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Creators;

public sealed record OverlapRow(MatchKind Kind, int ArticleId, string Title, string Source, int EarlierId, string EarlierTitle, string EarlierSource, double Share, DateTime DetectedAt);

/// <summary>原创保护 for editors: overlaps found on declaring 原创, and later copies of 原创 articles, newest first.</summary>
[Authorize(Policy = AccountsExtensions.PolicyPrefix + nameof(Permission.Publish))]
public sealed class OriginalityListModel(TidingsDbContext db) : PageModel
{
    public const int PageSize = 100;

    public IReadOnlyList<OverlapRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        ViewData["Section"] = "originality";
        ViewData.SetMeta(new PageMeta { Title = Ui.OriginalityPage, NoIndex = true });
        Rows = await db.OriginalityMatches.AsNoTracking().OrderByDescending(m => m.DetectedAt).ThenByDescending(m => m.Id).Take(PageSize)
            .Select(m => new OverlapRow(
                m.Kind,
                m.ArticleId,
                db.Articles.Where(a => a.Id == m.ArticleId).Select(a => a.Title).FirstOrDefault() ?? string.Empty,
                db.Articles.Where(a => a.Id == m.ArticleId).Select(a => a.Source!.Name).FirstOrDefault() ?? string.Empty,
                m.EarlierId,
                db.Articles.Where(a => a.Id == m.EarlierId).Select(a => a.Title).FirstOrDefault() ?? string.Empty,
                db.Articles.Where(a => a.Id == m.EarlierId).Select(a => a.Source!.Name).FirstOrDefault() ?? string.Empty,
                m.Share,
                m.DetectedAt))
            .ToListAsync(ct);
    }
}
