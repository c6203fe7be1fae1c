using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Accounts;
using Tidings.Core.Data;
using Tidings.Core.Media;
using Tidings.Core.Newsroom;
using Tidings.Core.Specials;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Features.Newsroom;
using Tidings.Web.Infrastructure;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Specials;

/// <summary>The 专题 editor's fields as posted.</summary>
public sealed class SpecialForm
{
    public string? Title { get; set; }
    public string? Slug { get; set; }
    public string? Lead { get; set; }
    public string? Outline { get; set; }
    public string? LiveArticle { get; set; }
    public string? CoverAlt { get; set; }
    public bool RemoveCover { get; set; }
    public bool Published { get; set; }
}

/// <summary>
/// Saving a 专题: everything validated first (fields, the outline line by line, that every article exists, the
/// cover), then the topic, its sections and their articles replaced in one transaction with an audit line, then the
/// caches dropped so the topic page, the articles' links back, feeds and the sitemap follow at once.
/// </summary>
public sealed class SpecialDesk(TidingsDbContext db, ContentChanges changes, DataDirectory data, TimeProvider time)
{
    public async Task<(int? Id, Dictionary<string, string> Errors)> SaveAsync(ClaimsPrincipal user, int? id, SpecialForm form, byte[]? coverUpload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(form);
        // The desk checks whoever calls it, so a door added later (an API, a CLI verb) cannot forget to.
        if (!user.Can(Permission.Curate))
        {
            return (null, new Dictionary<string, string> { [string.Empty] = Ui.AccessDenied });
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var title = (form.Title ?? string.Empty).Trim();
        var slug = (form.Slug ?? string.Empty).Trim().ToLowerInvariant();
        var lead = (form.Lead ?? string.Empty).Trim();
        if (title.Length is 0 or > Special.TitleMaxLength)
        {
            errors[nameof(form.Title)] = Phrase.Count(SpecialsText.ErrorSpecialTitle, SpecialsText.ErrorSpecialTitleOne, Special.TitleMaxLength);
        }

        if (!SpecialOutline.IsValidSlug(slug))
        {
            errors[nameof(form.Slug)] = Ui.ErrorSlug;
        }
        else if (await db.Specials.AnyAsync(s => s.Slug == slug && s.Id != (id ?? 0), ct))
        {
            errors[nameof(form.Slug)] = SpecialsText.ErrorSpecialSlugTaken;
        }

        if (lead.Length > Special.LeadMaxLength)
        {
            errors[nameof(form.Lead)] = Phrase.Format(Ui.ErrorTooLong, SpecialsText.SpecialLead, Special.LeadMaxLength, lead.Length);
        }

        var sections = SpecialOutline.Parse(form.Outline, out var problems);
        var ids = sections.SelectMany(s => s.ArticleIds).Distinct().ToList();
        var known = await db.Articles.Where(a => ids.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
        var problemText = problems.Select(Describe).Concat(ids.Except(known).Select(missing => Phrase.Format(SpecialsText.ErrorSpecialNoArticle, missing))).ToList();
        if (problemText.Count > 0)
        {
            errors[nameof(form.Outline)] = string.Join(Ui.Semicolon, problemText.Take(10));
        }

        int? live = null;
        if (!string.IsNullOrWhiteSpace(form.LiveArticle))
        {
            live = SpecialOutline.ArticleId(form.LiveArticle.Trim());
            if (live is null || !await db.Articles.AnyAsync(a => a.Id == live, ct))
            {
                errors[nameof(form.LiveArticle)] = Phrase.Format(SpecialsText.ErrorSpecialNoArticle, form.LiveArticle.Trim());
            }
        }

        var special = id is { } existing ? await db.Specials.FirstOrDefaultAsync(s => s.Id == existing, ct) : null;
        if (id is not null && special is null)
        {
            return (null, new Dictionary<string, string> { [string.Empty] = SpecialsText.ErrorSpecialMissing });
        }

        var coverAlt = string.IsNullOrWhiteSpace(form.CoverAlt) ? null : form.CoverAlt.Trim();
        if ((coverUpload is not null || (special?.CoverUrl is not null && !form.RemoveCover)) && coverAlt is null)
        {
            errors[nameof(form.CoverAlt)] = Ui.ErrorCoverAltRequired;
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        StoredCover? cover = null;
        if (coverUpload is not null)
        {
            var (stored, refusal) = CoverImages.Store(coverUpload, Path.Combine(data.Path, "media", "covers"));
            if (stored is null)
            {
                return (null, new Dictionary<string, string> { ["CoverFile"] = ArticleDesk.CoverMessage(refusal) });
            }

            cover = stored;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (cover is not null)
        {
            await MediaPaths.AddToDatabaseAsync(db, data.Path, cover.Url, now, ct);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        special ??= db.Specials.Add(new Special { Slug = slug, Title = title, Lead = lead, CreatedAt = now, UpdatedBy = user.DisplayName() }).Entity;
        (special.Slug, special.Title, special.Lead, special.LiveArticleId, special.Published) = (slug, title, lead, live, form.Published);
        (special.UpdatedAt, special.UpdatedBy) = (now, user.DisplayName());
        if (cover is not null)
        {
            (special.CoverUrl, special.CoverWidth, special.CoverHeight) = (cover.Url, cover.Width, cover.Height);
        }
        else if (form.RemoveCover)
        {
            (special.CoverUrl, special.CoverWidth, special.CoverHeight) = (null, null, null);
        }

        special.CoverAlt = special.CoverUrl is null ? null : coverAlt;
        await db.SaveChangesAsync(ct);
        // The outline is the editor's whole answer: its sections replace the old ones (their articles go with them).
        await db.SpecialSections.Where(s => s.SpecialId == special.Id).ExecuteDeleteAsync(ct);
        var position = 0;
        foreach (var section in sections)
        {
            var row = db.SpecialSections.Add(new SpecialSection { SpecialId = special.Id, Title = section.Title, Position = position++ }).Entity;
            await db.SaveChangesAsync(ct);
            var order = 0;
            foreach (var articleId in section.ArticleIds)
            {
                db.SpecialArticles.Add(new SpecialArticle { SectionId = row.Id, ArticleId = articleId, Position = order++ });
            }
        }

        db.AuditLog.Add(new AuditEntry
        {
            At = now,
            Actor = user.DisplayName(),
            Action = id is null ? "topic-create" : "topic-edit",
            Detail = Ui.InSiteLanguage(() => Phrase.Format(form.Published ? SpecialsText.AuditTopicPublished : SpecialsText.AuditTopicUnpublished, slug, title, sections.Count, ids.Count)),
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await changes.ChangedAsync(ct);
        return (special.Id, errors);
    }

    private static string Describe(string problem)
    {
        var parts = problem.Split(':');
        return parts[0] == "too-long"
            ? Phrase.Count(SpecialsText.ErrorSpecialOutlineTooLong, SpecialsText.ErrorSpecialOutlineTooLongOne, SpecialOutline.MaxChars)
            : Phrase.Format(parts[1] switch
            {
                "heading" => SpecialsText.ErrorOutlineHeading,
                "sections" => SpecialsText.ErrorOutlineSections,
                "duplicate" => SpecialsText.ErrorOutlineDuplicate,
                "articles" => SpecialsText.ErrorOutlineArticles,
                _ => SpecialsText.ErrorOutlineLine,
            }, parts[0]);
    }
}
