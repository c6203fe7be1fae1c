using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Tidings.Core.Data;
using Tidings.Web.Infrastructure;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Corrections;

/// <summary>/corrections (更正): every correction of a published article, newest first, with its time and a link to it.</summary>
[OutputCache(PolicyName = ContentCacheExtensions.PagePolicy)]
public sealed class CorrectionsModel(TidingsDbContext db, SiteContext site) : PageModel
{
    public IReadOnlyList<CorrectionItem> Items { get; private set; } = [];
    public PagerView Pager { get; private set; } = new("/corrections", 1, 1);

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] string? page, CancellationToken ct)
    {
        if (ListPageView.ParsePage(page) is not { } number || number > CorrectionList.MaxPage)
        {
            return NotFound();
        }

        var (items, total) = await CorrectionList.PageAsync(db, site.UtcNow, number, ct);
        var pages = Math.Max(1, (total + CorrectionList.PageSize - 1) / CorrectionList.PageSize);
        if (number > pages)
        {
            return NotFound();
        }

        Items = items;
        Pager = new PagerView("/corrections", number, Math.Min(pages, CorrectionList.MaxPage));
        ViewData.SetMeta(new PageMeta
        {
            Title = Ui.CorrectionsPage,
            Description = CorrectionsText.CorrectionsIntro,
            CanonicalPath = number == 1 ? "/corrections" : Pager.UrlFor(number),
            Feeds = [new(Ui.CorrectionsPage, CorrectionsExtensions.FeedPath + ".rss", "application/rss+xml"), new(Ui.CorrectionsPage, CorrectionsExtensions.FeedPath + ".atom", "application/atom+xml")],
        });
        return Page();
    }
}
