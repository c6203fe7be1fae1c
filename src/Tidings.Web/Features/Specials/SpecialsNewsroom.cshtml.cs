using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Accounts;
using Tidings.Core.Data;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Specials;

public sealed record SpecialRow(int Id, string Slug, string Title, bool Published, DateTime UpdatedAt, string UpdatedBy, int Articles);

// Outside /Newsroom, so the folder's policy does not cover it: the page says who may open it (its handlers check too).
/// <summary>/newsroom/topics: every 专题, newest change first, for editors who curate.</summary>
[Authorize(Policy = AccountsExtensions.PolicyPrefix + nameof(Permission.Curate))]
public sealed class SpecialsNewsroomModel(TidingsDbContext db) : PageModel
{
    public IReadOnlyList<SpecialRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!User.Can(Permission.Curate))
        {
            return Forbid();
        }

        Rows = await db.Specials.AsNoTracking().OrderByDescending(s => s.UpdatedAt).Take(200)
            .Select(s => new SpecialRow(s.Id, s.Slug, s.Title, s.Published, s.UpdatedAt, s.UpdatedBy,
                db.SpecialArticles.Count(a => db.SpecialSections.Any(x => x.Id == a.SectionId && x.SpecialId == s.Id))))
            .ToListAsync(ct);
        ViewData["Section"] = "topics";
        ViewData.SetMeta(new PageMeta { Title = Ui.SpecialsPage, NoIndex = true });
        return Page();
    }
}
