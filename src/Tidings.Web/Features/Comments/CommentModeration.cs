using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Comments;
using Tidings.Core.Data;
using Tidings.Core.Newsroom;
using Tidings.Core.Trending;
using Tidings.Web.Features.Articles;
using Tidings.Web.Features.Trending;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Comments;

/// <summary>
/// The moderators' side of 跟贴 (the newsroom and the moderation API): publish or take down, ban and lift bans, each
/// with its audit line. Readers' writes are <see cref="CommentService"/>; the rules both apply are CommentPolicy.
/// </summary>
public sealed class CommentModeration(TidingsDbContext db, ArticlePageCache pages, TrendingIngestion trending, TimeProvider time, Creators.Standings? standings = null)
{
    private DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    /// <summary>Publishes a held or rejected comment and clears its reports.</summary>
    public Task<CommentOutcome> ApproveAsync(long commentId, string actor, string? note, CancellationToken ct) =>
        ModerateAsync(commentId, CommentStatus.Published, "approve", actor, note, ct);

    /// <summary>
    /// Takes a comment down (or refuses a held one). Taken down by the site's moderators, a comment a self-media account
    /// posted counts against its standing; hidden by an article's own creator (<paramref name="bySite"/> false), it
    /// does not, or one creator could lower another's score.
    /// </summary>
    public async Task<CommentOutcome> RejectAsync(long commentId, string actor, string? note, CancellationToken ct, bool bySite = true)
    {
        var outcome = await ModerateAsync(commentId, CommentStatus.Rejected, bySite ? "reject" : "creator-hide", actor, note, ct);
        if (bySite && standings is not null && outcome.Status == StatusCodes.Status200OK && outcome.Comment is { } comment
            && comment.PosterKey.StartsWith("u:", StringComparison.Ordinal)
            && int.TryParse(comment.PosterKey.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            && await db.Users.Where(u => u.Id == userId).Select(u => u.SourceId).FirstOrDefaultAsync(ct) is { } sourceId)
        {
            await standings.PenalizeAsync(db, sourceId, Core.Creators.StandingReason.CommentRemoved, comment.ArticleId, note, ct);
        }

        return outcome;
    }

    /// <summary>Bans a poster or an address range, from a comment or a CIDR given directly.</summary>
    public async Task<(CommentBan? Ban, string? Error)> BanAsync(long? commentId, BanKind kind, string? range, double? hours, string? reason, string actor, CancellationToken ct)
    {
        string value;
        if (commentId is { } id)
        {
            var comment = await db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
            if (comment is null)
            {
                return (null, Phrase.Format(CommentsText.ErrorNoComment, id));
            }

            if (kind == BanKind.Poster)
            {
                value = comment.PosterKey;
            }
            else if (IPAddress.TryParse(comment.Address, out var address))
            {
                value = CommentPolicy.BanNetwork(address).ToString();
            }
            else
            {
                return (null, CommentsText.ErrorCommentNoAddress);
            }
        }
        else if (kind == BanKind.Network && IPNetwork.TryParse(range ?? string.Empty, out var network))
        {
            value = network.ToString();
        }
        else
        {
            return (null, "Give a commentId, or kind \"network\" with a range in CIDR notation such as 203.0.113.0/24.");
        }

        if (!CommentPolicy.IsValidBanLength(hours))
        {
            return (null, "hours must be between 0 and 87600 (or omitted for a permanent ban).");
        }

        var now = UtcNow;
        var ban = new CommentBan
        {
            Kind = kind,
            Value = value,
            Reason = CommentService.Clip(reason, Comment.NoteMaxLength),
            CreatedBy = actor,
            CreatedAt = now,
            ExpiresAt = hours is { } h ? now.AddHours(h) : null,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.CommentBans.Add(ban);
        await db.SaveChangesAsync(ct);
        db.AuditLog.Add(new AuditEntry
        {
            At = now,
            Actor = actor,
            Action = "ban",
            CommentId = commentId,
            BanId = ban.Id,
            Detail = CommentService.Clip($"{kind.ToString().ToLowerInvariant()} {value}{(ban.ExpiresAt is null ? string.Empty : " until " + ban.ExpiresAt.Value.ToString("u", CultureInfo.InvariantCulture))}{(ban.Reason is null ? string.Empty : ": " + ban.Reason)}", AuditEntry.DetailMaxLength),
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (ban, null);
    }

    public async Task<bool> UnbanAsync(int banId, string actor, CancellationToken ct)
    {
        var ban = await db.CommentBans.FirstOrDefaultAsync(b => b.Id == banId, ct);
        if (ban is null)
        {
            return false;
        }

        db.CommentBans.Remove(ban);
        db.AuditLog.Add(new AuditEntry { At = UtcNow, Actor = actor, Action = "unban", BanId = banId, Detail = ban.Kind.ToString().ToLowerInvariant() + " " + ban.Value });
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<CommentOutcome> ModerateAsync(long commentId, CommentStatus to, string action, string actor, string? note, CancellationToken ct)
    {
        var current = await db.Comments.AsNoTracking().Where(c => c.Id == commentId)
            .Select(c => new { c.Status, c.ArticleId, c.MatchedTerm, c.ModerationNote, c.PosterKey, c.Address })
            .FirstOrDefaultAsync(ct);
        if (current is null)
        {
            return CommentOutcome.Refused(StatusCodes.Status404NotFound, Phrase.Format(CommentsText.ErrorNoComment, commentId));
        }

        var now = UtcNow;
        var newNote = CommentService.Clip(note, Comment.NoteMaxLength) ?? current.ModerationNote;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Conditional on the status just read: a report holding it or another moderator acting meanwhile makes this
        // a conflict instead of a double count change.
        var changed = await db.Comments.Where(c => c.Id == commentId && c.Status == current.Status)
            .ExecuteUpdateAsync(
                s => s.SetProperty(c => c.Status, to)
                    .SetProperty(c => c.ModeratedAt, now)
                    .SetProperty(c => c.ModeratedBy, actor)
                    .SetProperty(c => c.ModerationNote, newNote)
                    .SetProperty(c => c.ReportCount, c => to == CommentStatus.Published ? 0 : c.ReportCount),
                ct);
        if (changed == 0)
        {
            return CommentOutcome.Refused(StatusCodes.Status409Conflict, CommentsText.ErrorCommentChangedMeanwhile);
        }

        var from = current.Status;
        db.AuditLog.Add(new AuditEntry
        {
            At = now,
            Actor = actor,
            Action = action,
            CommentId = commentId,
            Detail = CommentService.Clip($"{from.ToString().ToLowerInvariant()} → {to.ToString().ToLowerInvariant()}{(current.MatchedTerm is null ? string.Empty : "; term " + current.MatchedTerm)}{(note is null ? string.Empty : "; " + note)}", AuditEntry.DetailMaxLength),
        });
        await db.SaveChangesAsync(ct);
        var delta = (to == CommentStatus.Published ? 1 : 0) - (from == CommentStatus.Published ? 1 : 0);
        if (delta != 0)
        {
            await CommentService.AdjustCountAsync(db, current.ArticleId, delta, ct);
        }

        await tx.CommitAsync(ct);
        if (delta != 0)
        {
            await pages.ChangedAsync(current.ArticleId, ct);
        }

        if (delta > 0)
        {
            trending.TryEnqueue(new ReaderEvent(ReaderSignal.Comment, current.ArticleId, Poster.VisitorOf(current.PosterKey), Core.Abuse.AddressKey.For(current.Address), time.GetUtcNow()));
        }

        return new CommentOutcome(StatusCodes.Status200OK, await db.Comments.AsNoTracking().FirstAsync(c => c.Id == commentId, ct));
    }
}
