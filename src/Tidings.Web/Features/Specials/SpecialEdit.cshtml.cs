using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Accounts;
using Tidings.Core.Data;
using Tidings.Core.Media;
using Tidings.Core.Specials;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Features.Newsroom;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Specials;

// Outside /Newsroom, so the folder's policy does not cover it: the page says who may open it (its handlers check too).
/// <summary>/newsroom/topics/new and /newsroom/topics/{id}: a 专题's title, URL, lead, cover, live coverage and outline.</summary>
[Authorize(Policy = AccountsExtensions.PolicyPrefix + nameof(Permission.Curate))]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class SpecialEditModel(TidingsDbContext db, SpecialDesk desk, [FromKeyedServices(Throttle.Newsroom)] Throttle throttle) : PageModel
{
    private const int MaxRequestBytes = (int)CoverImages.MaxBytes + (256 * 1024);

    [BindProperty]
    public SpecialForm Form { get; set; } = new();

    [BindProperty]
    public IFormFile? CoverFile { get; set; }

    public Special? Current { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken ct)
    {
        if (!User.Can(Permission.Curate))
        {
            return Forbid();
        }

        if (!TryKey(key, out var id))
        {
            return NotFound();
        }

        if (id is { } existing)
        {
            if (await LoadAsync(existing, ct) is not { } special)
            {
                return NotFound();
            }

            var sections = await db.SpecialSections.AsNoTracking().Where(s => s.SpecialId == existing).OrderBy(s => s.Position)
                .Select(s => new { s.Title, Ids = db.SpecialArticles.Where(a => a.SectionId == s.Id).OrderBy(a => a.Position).Select(a => a.ArticleId).ToList() })
                .ToListAsync(ct);
            Form = new SpecialForm
            {
                Title = special.Title,
                Slug = special.Slug,
                Lead = special.Lead,
                Outline = SpecialOutline.Format(sections.Select(s => new OutlineSection(s.Title, s.Ids))),
                LiveArticle = special.LiveArticleId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                CoverAlt = special.CoverAlt,
                Published = special.Published,
            };
        }

        SetMeta();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string key, CancellationToken ct)
    {
        if (!User.Can(Permission.Curate))
        {
            return Forbid();
        }

        if (!TryKey(key, out var id))
        {
            return NotFound();
        }

        if (id is { } existing && await LoadAsync(existing, ct) is null)
        {
            return NotFound();
        }

        if (await throttle.TryAcquireAsync("user:" + User.UserId()) is { } wait)
        {
            SetMeta();
            return this.TooFast(wait);
        }

        var (upload, tooLarge) = await PictureUploads.ReadAsync(CoverFile, ct);
        if (tooLarge is not null)
        {
            ModelState.AddModelError(nameof(CoverFile), tooLarge);
            SetMeta();
            return this.Refused(StatusCodes.Status400BadRequest);
        }

        var (saved, errors) = await desk.SaveAsync(User, id, Form, upload, ct);
        if (saved is { } savedId)
        {
            TempData["Flash"] = SpecialsText.SpecialSaved;
            return Redirect("/newsroom/topics/" + savedId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(field is "CoverFile" or "" ? field : "Form." + field, message);
        }

        SetMeta();
        return this.Refused(StatusCodes.Status400BadRequest);
    }

    /// <summary>"new", or a topic's id.</summary>
    private static bool TryKey(string key, out int? id)
    {
        id = null;
        if (key == "new")
        {
            return true;
        }

        if (int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number > 0)
        {
            id = number;
            return true;
        }

        return false;
    }

    private async Task<Special?> LoadAsync(int id, CancellationToken ct)
    {
        Current = await db.Specials.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        return Current;
    }

    private void SetMeta()
    {
        ViewData["Section"] = "topics";
        ViewData.SetMeta(new PageMeta { Title = Current?.Title ?? SpecialsText.SpecialNew, NoIndex = true });
    }
}
