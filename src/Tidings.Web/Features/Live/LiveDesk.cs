using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Accounts;
using Tidings.Core.Data;
using Tidings.Core.Live;
using Tidings.Core.Media;
using Tidings.Core.Newsroom;
using Tidings.Core.Text;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Features.Articles;
using Tidings.Web.Features.Comments;
using Tidings.Web.Features.Newsroom;
using Tidings.Web.Infrastructure;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Live;

/// <summary>
/// The newsroom's writes to a live coverage: start, end or reopen it, post an entry, pin it as 要点, remove it. Each is
/// the desk's (publishing permission), audited, and evicts the article's cached pages on every node, so the next view
/// has it.
/// </summary>
public sealed class LiveDesk(TidingsDbContext db, ArticlePageCache pages, ModerationLists moderation, DataDirectory data, TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<DeskOutcome> SetStatusAsync(ClaimsPrincipal user, int articleId, LiveStatus status, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.Can(Permission.Publish))
        {
            return ArticleDesk.Refuse(WorkflowRefusal.MissingPermission);
        }

        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == articleId, ct);
        if (article is null)
        {
            return DeskOutcome.NotFound;
        }

        if (article.LiveStatus == status)
        {
            return DeskOutcome.Ok(articleId);
        }

        article.LiveStatus = status;
        article.LiveEndedAt = status == LiveStatus.Ended ? Now : null;
        article.UpdatedAt = Now;
        db.Audit(user, Now, status switch { LiveStatus.Live => "live-on", LiveStatus.Ended => "live-end", _ => "live-off" }, articleId, null);
        await db.SaveChangesAsync(ct);
        await pages.ChangedAsync(articleId, ct);
        return DeskOutcome.Ok(articleId);
    }

    /// <summary>
    /// Posts an entry. Its text is sanitised like an article body; a term on the banned word list refuses it unless the
    /// editor confirms (a report may have to quote one), and every hit is named. An image entry's picture goes through
    /// the covers' pipeline (decoded once, bombs refused, resized variants named by content hash, copied into the
    /// database for the other nodes).
    /// </summary>
    public async Task<DeskOutcome> PostAsync(
        ClaimsPrincipal user, int articleId, LiveEntryKind kind, string? body, string? attribution, string? embed, bool confirmed, CancellationToken ct,
        byte[]? image = null, string? imageAlt = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.Can(Permission.Publish))
        {
            return ArticleDesk.Refuse(WorkflowRefusal.MissingPermission);
        }

        var article = await db.Articles.AsNoTracking().Where(a => a.Id == articleId).Select(a => new { a.LiveStatus }).FirstOrDefaultAsync(ct);
        if (article is null)
        {
            return DeskOutcome.NotFound;
        }

        var text = LiveRules.Clean(body);
        var who = LiveRules.Clean(attribution);
        var embedId = string.IsNullOrWhiteSpace(embed) ? null : Tidings.Core.Specials.SpecialOutline.ArticleId(embed.Trim());
        var alt = LiveRules.Clean(imageAlt);
        var problem = LiveRules.Check(article.LiveStatus, kind, text, who, embedId, image is { Length: > 0 }, alt);
        if (problem == LiveEntryProblem.None && kind == LiveEntryKind.Embed && !await db.Articles.AnyAsync(a => a.Id == embedId, ct))
        {
            problem = LiveEntryProblem.NoEmbed;
        }

        if (problem == LiveEntryProblem.NotLive)
        {
            return DeskOutcome.Refused(StatusCodes.Status409Conflict, LiveText.ErrorLiveNotRunning);
        }

        if (problem != LiveEntryProblem.None)
        {
            return DeskOutcome.Invalid(new Dictionary<string, string>
            {
                [problem switch { LiveEntryProblem.NoImage => "ImageFile", LiveEntryProblem.ImageAltMissing or LiveEntryProblem.ImageAltTooLong => "ImageAlt", _ => "Body" }] = problem switch
                {
                    LiveEntryProblem.Empty => LiveText.ErrorLiveEmpty,
                    LiveEntryProblem.NoImage => LiveText.ErrorLiveImage,
                    LiveEntryProblem.ImageAltMissing => Ui.ErrorCoverAltRequired,
                    LiveEntryProblem.ImageAltTooLong => Phrase.Format(Ui.ErrorTooLong, LiveText.LiveImageAlt, LiveEntry.ImageAltMaxLength, alt.Length),
                    LiveEntryProblem.TooLong => Phrase.Format(Ui.ErrorTooLong, LiveText.LiveEntryText, LiveEntry.BodyMaxLength, text.Length),
                    LiveEntryProblem.AttributionTooLong => Phrase.Format(Ui.ErrorTooLong, LiveText.LiveAttribution, LiveEntry.AttributionMaxLength, who.Length),
                    _ => LiveText.ErrorLiveEmbed,
                },
            });
        }

        var hits = moderation.Words.ScanAll(text + "\n" + who + "\n" + alt, 10);
        if (!confirmed && hits.Any(h => h.Tier == SensitiveTier.Banned))
        {
            return DeskOutcome.Invalid(new Dictionary<string, string>
            {
                ["Body"] = Phrase.Format(LiveText.ErrorLiveSensitive, string.Join(Ui.ListSeparator, hits.Where(h => h.Tier == SensitiveTier.Banned).Select(h => h.Term).Distinct())),
            });
        }

        StoredCover? picture = null;
        if (kind == LiveEntryKind.Image)
        {
            var (stored, refusal) = CoverImages.Store(image, Path.Combine(data.Path, "media", "covers"));
            if (stored is null)
            {
                return DeskOutcome.Invalid(new Dictionary<string, string> { ["ImageFile"] = ArticleDesk.CoverMessage(refusal) });
            }

            picture = stored;
        }

        var html = text.Length == 0 ? string.Empty : ArticleMarkdown.ToSafeHtml(text);
        var now = Now;
        if (picture is not null)
        {
            await MediaPaths.AddToDatabaseAsync(db, data.Path, picture.Url, now, ct);
        }

        // The article's row is locked (its UpdatedAt moved: dateModified and the sitemaps follow the coverage) before
        // the entry takes its id, and stays locked until the commit. So two editors' entries get their ids in the
        // order they commit, and a stream's mark ("the last id I have") never passes one not yet visible — on
        // PostgreSQL, ids come from a sequence at INSERT, and without this 101 could commit before 100.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Articles.Where(a => a.Id == articleId).ExecuteUpdateAsync(a => a.SetProperty(x => x.UpdatedAt, now), ct);
        var entry = db.LiveEntries.Add(new LiveEntry
        {
            ArticleId = articleId,
            At = now,
            Kind = kind,
            BodyMarkdown = text,
            BodyHtml = html,
            Attribution = kind == LiveEntryKind.Quote && who.Length > 0 ? who : null,
            EmbedArticleId = kind == LiveEntryKind.Embed ? embedId : null,
            ImageUrl = picture?.Url,
            ImageWidth = picture?.Width,
            ImageHeight = picture?.Height,
            ImageAlt = picture is null ? null : alt,
            AuthorId = user.Actor().UserId,
            AuthorName = user.DisplayName(),
            UpdatedAt = now,
        }).Entity;
        db.Audit(user, now, "live-entry", articleId, Excerpt.Clip(text.Length > 0 ? text : picture is not null ? Ui.InSiteLanguage(() => Phrase.Format(LiveText.AuditLivePicture, alt)) : "#" + embedId));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await pages.ChangedAsync(articleId, ct);
        return DeskOutcome.Ok(articleId) with { EntryId = entry.Id };
    }

    public async Task<DeskOutcome> ChangeEntryAsync(ClaimsPrincipal user, int articleId, long entryId, bool? pinned, bool delete, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.Can(Permission.Publish))
        {
            return ArticleDesk.Refuse(WorkflowRefusal.MissingPermission);
        }

        var entry = await db.LiveEntries.FirstOrDefaultAsync(e => e.Id == entryId && e.ArticleId == articleId && !e.Deleted, ct);
        if (entry is null)
        {
            return DeskOutcome.NotFound;
        }

        if (pinned == true && !entry.Pinned && await db.LiveEntries.CountAsync(e => e.ArticleId == articleId && e.Pinned && !e.Deleted, ct) >= LiveRules.MaxPinned)
        {
            return DeskOutcome.Refused(StatusCodes.Status409Conflict, Phrase.Count(LiveText.ErrorLiveTooManyPinned, LiveText.ErrorLiveTooManyPinnedOne, LiveRules.MaxPinned));
        }

        entry.Pinned = pinned ?? entry.Pinned;
        entry.Deleted = delete;
        entry.UpdatedAt = Now;
        db.Audit(user, Now, delete ? "live-entry-remove" : (entry.Pinned ? "live-pin" : "live-unpin"), articleId, Excerpt.Clip(entry.BodyMarkdown));
        await db.SaveChangesAsync(ct);
        await pages.ChangedAsync(articleId, ct);
        return DeskOutcome.Ok(articleId);
    }
}
