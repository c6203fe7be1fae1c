using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Accounts;
using Tidings.Core.Creators;
using Tidings.Core.Data;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Creators;

public sealed record ReportedArticle(int ArticleId, string Title, string Source, int Count, IReadOnlyDictionary<ReportReason, int> Reasons, DateTime Latest);

/// <summary>读者举报 for editors: articles readers reported, most recently reported first, with the reasons given.</summary>
[Authorize(Policy = AccountsExtensions.PolicyPrefix + nameof(Permission.Publish))]
public sealed class ReportsModel(TidingsDbContext db) : PageModel
{
    public const int PageSize = 100;

    public IReadOnlyList<ReportedArticle> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        ViewData["Section"] = "reports";
        ViewData.SetMeta(new PageMeta { Title = Ui.ReportsPage, NoIndex = true });
        var latest = await db.ArticleReports.AsNoTracking().GroupBy(r => r.ArticleId)
            .Select(g => new { ArticleId = g.Key, Count = g.Count(), Latest = g.Max(r => r.CreatedAt) })
            .OrderByDescending(g => g.Latest).Take(PageSize).ToListAsync(ct);
        var ids = latest.Select(l => l.ArticleId).ToList();
        var reasons = (await db.ArticleReports.AsNoTracking().Where(r => ids.Contains(r.ArticleId)).Select(r => new { r.ArticleId, r.Reason }).ToListAsync(ct))
            .GroupBy(r => r.ArticleId).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<ReportReason, int>)g.GroupBy(r => r.Reason).ToDictionary(x => x.Key, x => x.Count()));
        var articles = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Title, Source = a.Source!.Name }).ToDictionaryAsync(a => a.Id, ct);
        Rows = latest.Where(l => articles.ContainsKey(l.ArticleId))
            .Select(l => new ReportedArticle(l.ArticleId, articles[l.ArticleId].Title, articles[l.ArticleId].Source, l.Count, reasons.GetValueOrDefault(l.ArticleId) ?? new Dictionary<ReportReason, int>(), l.Latest))
            .ToList();
    }
}
