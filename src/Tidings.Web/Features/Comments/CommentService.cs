using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidings.Core.Comments;
using Tidings.Core.Data;
using Tidings.Core.Newsroom;
using Tidings.Core.Spike;
using Tidings.Core.Text;
using Tidings.Core.Trending;
using Tidings.Web.Features.Articles;
using Tidings.Web.Features.Spike;
using Tidings.Web.Features.Trending;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Comments;

public sealed record CommentInput(string? Nickname, string? Body, long? ReplyTo);

/// <summary>
/// The outcome of a write: <see cref="Status"/> is the HTTP status both the form and the API answer with; on refusal
/// <see cref="Error"/> says what to do, naming the <see cref="Field"/> at fault when there is one.
/// </summary>
public sealed record CommentOutcome(int Status, Comment? Comment = null, string? Field = null, string? Error = null, TimeSpan? RetryAfter = null)
{
    public bool Succeeded => Status is >= 200 and < 300;

    /// <summary>The wait as whole seconds, at least one: for the Retry-After header and the message alike.</summary>
    public int? RetryAfterSeconds => RetryAfter is { } wait ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : null;

    public static CommentOutcome TooMany(TimeSpan wait)
    {
        var outcome = new CommentOutcome(StatusCodes.Status429TooManyRequests, RetryAfter: wait);
        return outcome with { Error = Ui.Format(Ui.ErrorTooFast, outcome.RetryAfterSeconds) };
    }

    public static CommentOutcome Refused(int status, string error, string? field = null) => new(status, Field: field, Error: error);
}

/// <summary>
/// Every write to comments: posting (validation, limits, bans, duplicates, the sensitive-word scan, 先审后发), votes,
/// reports and the moderators' actions. Counts on the article change in the same transaction as the comment, so
/// every page and the API agree; an acknowledged comment is committed before the answer.
/// </summary>
public sealed class CommentService(
    TidingsDbContext db,
    IDatabaseDialect dialect,
    IOptions<CommentsOptions> options,
    ModerationLists lists,
    CommentLimits limits,
    ReservedNameList reserved,
    TrendingService trending,
    ArticlePageCache pages,
    HotArticleGate spike,
    TimeProvider time)
{
    public const string SystemActor = "system";

    /// <summary>Folded length from which the same text from another reader at the same address is a duplicate.</summary>
    private const int DuplicateByAddressLength = 10;

    private CommentsOptions Options => options.Value;

    private DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public async Task<CommentOutcome> PostAsync(int articleId, CommentInput input, Poster poster, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(poster);
        if (!Options.Enabled)
        {
            return CommentOutcome.Refused(StatusCodes.Status403Forbidden, Ui.CommentsClosed);
        }

        // 突发新闻模式 on one of the hottest articles: read-only refuses politely, before any limit is spent.
        var gate = await spike.ForAsync(articleId, ct);
        if (gate == CommentGate.Closed)
        {
            return CommentOutcome.Refused(StatusCodes.Status403Forbidden, Ui.SpikeCommentsClosed);
        }

        if (await limits.TryPostAsync(poster) is { } wait)
        {
            return CommentOutcome.TooMany(wait);
        }

        var body = CommentText.CleanBody(input.Body);
        // A signed-in reader posts under the account's name (checked against the word lists when it was chosen).
        var nickname = CommentText.CleanNickname(poster.AccountName ?? input.Nickname);
        if (Validate(body, nickname) is { } invalid)
        {
            return invalid;
        }

        var article = await db.Published(UtcNow)
            .Where(a => a.Id == articleId)
            .Select(a => new { a.Id, ChannelSlug = a.Channel != null ? a.Channel.Slug : null })
            .FirstOrDefaultAsync(ct);
        if (article is null)
        {
            return CommentOutcome.Refused(StatusCodes.Status404NotFound, Ui.NotFoundText);
        }

        if (await IsBannedAsync(poster, ct))
        {
            return CommentOutcome.Refused(StatusCodes.Status403Forbidden, Ui.ErrorPosterBanned);
        }

        Comment? parent = null;
        if (input.ReplyTo is { } replyTo)
        {
            parent = await db.Comments.AsNoTracking()
                .FirstOrDefaultAsync(c => c.Id == replyTo && c.ArticleId == articleId && c.Status == CommentStatus.Published, ct);
            if (parent is null)
            {
                return CommentOutcome.Refused(StatusCodes.Status400BadRequest, Ui.ErrorReplyMissing, "replyTo");
            }
        }

        // Staff post under their own account names; nobody else may pass for the site, an editor or a source.
        if (poster.AccountName is null && await reserved.ImitatesAsync(nickname, ct) is { } imitated)
        {
            return CommentOutcome.Refused(StatusCodes.Status422UnprocessableEntity, Ui.Format(Ui.ErrorNicknameReserved, imitated), "nickname");
        }

        var words = lists.Words;
        var nicknameMatch = nickname.Length > 0 ? words.Scan(nickname) : SensitiveMatch.None;
        if (nicknameMatch.Tier == SensitiveTier.Banned)
        {
            return CommentOutcome.Refused(StatusCodes.Status422UnprocessableEntity, Ui.Format(Ui.ErrorNicknameBanned, Matched(nickname, nicknameMatch)), "nickname");
        }

        var match = words.Scan(body);
        if (match.Tier == SensitiveTier.Banned)
        {
            return CommentOutcome.Refused(StatusCodes.Status422UnprocessableEntity, Ui.Format(Ui.ErrorBanned, Matched(body, match)), "body");
        }

        var now = UtcNow;
        var hash = CommentText.ContentHash(words.Normalizer.Normalize(body));
        var since = now.AddMinutes(-Options.DuplicateWindowMinutes);
        // The same poster may not repeat themself; behind one address only longer texts count as repeats, since a
        // campus or carrier NAT has many readers who all may write "支持".
        var folded = words.Normalizer.Normalize(body);
        var byAddress = folded.Length >= DuplicateByAddressLength;
        if (folded.Length > 0
            && await db.Comments.AnyAsync(c => c.ContentHash == hash && c.CreatedAt >= since && (c.PosterKey == poster.Key || (byAddress && c.Address == poster.Address)), ct))
        {
            return CommentOutcome.Refused(StatusCodes.Status409Conflict, Ui.ErrorDuplicate, "body");
        }

        var held = match.Tier == SensitiveTier.Suspect ? match : nicknameMatch.Tier == SensitiveTier.Suspect ? nicknameMatch : SensitiveMatch.None;
        var spikeHeld = gate == CommentGate.Held;
        var preModerated = spikeHeld || Options.PreModeration
            || (article.ChannelSlug is not null && Options.PreModeratedChannels.Contains(article.ChannelSlug, StringComparer.OrdinalIgnoreCase));
        var (chain, floors) = parent is null ? (null, 0) : CommentChain.ReplyTo(parent);
        var comment = new Comment
        {
            ArticleId = articleId,
            ParentId = parent?.Id,
            Chain = chain,
            Floors = floors,
            Nickname = nickname.Length > 0 ? nickname : Options.AnonymousName,
            Body = body,
            Status = held.Tier != SensitiveTier.None || preModerated ? CommentStatus.Pending : CommentStatus.Published,
            CreatedAt = now,
            HotKey = CommentRanking.HotKey(0, 0, now, Options.HotHalfLifeHours),
            ContentHash = hash,
            PosterKey = poster.Key,
            Address = poster.Address,
            RegionLabel = Options.ShowRegion ? lists.Regions.Lookup(poster.IpAddress) : null,
            MatchedTerm = held.Term,
            ModerationNote = held.Tier != SensitiveTier.None ? "可疑词：" + held.Term : spikeHeld ? "突发新闻模式：先审后发" : preModerated ? "先审后发" : null,
        };

        // Durable, not only committed: an acknowledged comment must survive a power cut, not just a crash.
        await dialect.SaveDurablyAsync(
            db,
            async () =>
            {
                db.Comments.Add(comment);
                await db.SaveChangesAsync(ct);
                if (comment.Status == CommentStatus.Published)
                {
                    await AdjustCountAsync(articleId, +1, ct);
                }
            },
            ct);

        if (comment.Status == CommentStatus.Published)
        {
            // Committed: the article's cached pages go now, so the count and 最新跟贴 show it on the next view.
            await pages.ChangedAsync(articleId, ct);
            trending.TryEnqueue(new ReaderEvent(ReaderSignal.Comment, articleId, poster.VisitorId, poster.AddressKey, time.GetUtcNow()));
        }

        return new CommentOutcome(comment.Status == CommentStatus.Published ? StatusCodes.Status201Created : StatusCodes.Status202Accepted, comment);
    }

    /// <summary>顶 or 踩, once per poster per comment and at most <see cref="CommentVote.MaxPerAddress"/> per address.</summary>
    public async Task<CommentOutcome> VoteAsync(long commentId, bool up, Poster poster, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(poster);
        if (await limits.TryVoteAsync(poster) is { } wait)
        {
            return CommentOutcome.TooMany(wait);
        }

        if (!await db.Comments.AnyAsync(c => c.Id == commentId && c.Status == CommentStatus.Published, ct))
        {
            return CommentOutcome.Refused(StatusCodes.Status404NotFound, Ui.ErrorCommentMissing);
        }

        if (await IsBannedAsync(poster, ct))
        {
            return CommentOutcome.Refused(StatusCodes.Status403Forbidden, Ui.ErrorPosterBanned);
        }

        if (await db.CommentVotes.AnyAsync(v => v.CommentId == commentId && v.VoterKey == poster.Key, ct)
            || await db.CommentVotes.CountAsync(v => v.CommentId == commentId && v.Address == poster.AddressKey, ct) >= CommentVote.MaxPerAddress)
        {
            return CommentOutcome.Refused(StatusCodes.Status409Conflict, Ui.ErrorAlreadyVoted);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Votes and reports keep the address as limits count it (an IPv6 /64), so a home cannot vote from every address it has.
        db.CommentVotes.Add(new CommentVote { CommentId = commentId, VoterKey = poster.Key, Address = poster.AddressKey, Up = up, CreatedAt = UtcNow });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same poster's concurrent second vote lost the race to the primary key.
            return CommentOutcome.Refused(StatusCodes.Status409Conflict, Ui.ErrorAlreadyVoted);
        }

        // Increment in SQL (never read-modify-write), then derive the hot key from the committed counts.
        await db.Comments.Where(c => c.Id == commentId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Up, c => c.Up + (up ? 1 : 0)).SetProperty(c => c.Down, c => c.Down + (up ? 0 : 1)), ct);
        var comment = await db.Comments.AsNoTracking().FirstAsync(c => c.Id == commentId, ct);
        comment.HotKey = CommentRanking.HotKey(comment.Up, comment.Down, comment.CreatedAt, Options.HotHalfLifeHours);
        await db.Comments.Where(c => c.Id == commentId).ExecuteUpdateAsync(s => s.SetProperty(c => c.HotKey, comment.HotKey), ct);
        await tx.CommitAsync(ct);
        return new CommentOutcome(StatusCodes.Status200OK, comment);
    }

    /// <summary>
    /// A reader's report, one per reader and per address; reports from <see cref="CommentsOptions.ReportsToHold"/>
    /// addresses take the comment off the page until a moderator decides. Counts change by conditional updates in
    /// one transaction, so concurrent reports or a moderator acting meanwhile cannot make them drift.
    /// </summary>
    public async Task<CommentOutcome> ReportAsync(long commentId, string? reason, Poster poster, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(poster);
        if (await limits.TryVoteAsync(poster) is { } wait)
        {
            return CommentOutcome.TooMany(wait);
        }

        reason = CommentText.CleanNickname(reason);
        if (reason.Length > CommentReport.ReasonMaxLength)
        {
            return CommentOutcome.Refused(StatusCodes.Status400BadRequest, Ui.Format(Ui.ErrorReasonLong, CommentReport.ReasonMaxLength), "reason");
        }

        var articleId = await db.Comments.Where(c => c.Id == commentId && c.Status == CommentStatus.Published).Select(c => (int?)c.ArticleId).FirstOrDefaultAsync(ct);
        if (articleId is null)
        {
            return CommentOutcome.Refused(StatusCodes.Status404NotFound, Ui.ErrorCommentMissing);
        }

        if (await IsBannedAsync(poster, ct))
        {
            return CommentOutcome.Refused(StatusCodes.Status403Forbidden, Ui.ErrorPosterBanned);
        }

        if (await db.CommentReports.AnyAsync(r => r.CommentId == commentId && (r.ReporterKey == poster.Key || r.Address == poster.AddressKey), ct))
        {
            return CommentOutcome.Refused(StatusCodes.Status409Conflict, Ui.ErrorAlreadyReported);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.CommentReports.Add(new CommentReport { CommentId = commentId, ReporterKey = poster.Key, Address = poster.AddressKey, Reason = reason.Length > 0 ? reason : null, CreatedAt = UtcNow });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return CommentOutcome.Refused(StatusCodes.Status409Conflict, Ui.ErrorAlreadyReported);
        }

        if (await db.Comments.Where(c => c.Id == commentId && c.Status == CommentStatus.Published)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ReportCount, c => c.ReportCount + 1), ct) == 0)
        {
            // Taken down or held while this report was on its way: nothing left to report.
            return CommentOutcome.Refused(StatusCodes.Status404NotFound, Ui.ErrorCommentMissing);
        }

        var threshold = Options.ReportsToHold;
        var note = Ui.Format("读者举报达到 {0} 次", threshold);
        var held = await db.Comments.Where(c => c.Id == commentId && c.Status == CommentStatus.Published && c.ReportCount >= threshold)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CommentStatus.Pending).SetProperty(c => c.ModerationNote, note), ct);
        if (held == 1)
        {
            await AdjustCountAsync(articleId.Value, -1, ct);
            db.AuditLog.Add(new AuditEntry { At = UtcNow, Actor = SystemActor, Action = "hold", CommentId = commentId, Detail = note });
            await db.SaveChangesAsync(ct);
        }

        await tx.CommitAsync(ct);
        if (held == 1)
        {
            await pages.ChangedAsync(articleId.Value, ct);
        }

        return new CommentOutcome(StatusCodes.Status202Accepted, await db.Comments.AsNoTracking().FirstAsync(c => c.Id == commentId, ct));
    }

    /// <summary>Publishes a held or rejected comment and clears its reports.</summary>
    public Task<CommentOutcome> ApproveAsync(long commentId, string actor, string? note, CancellationToken ct) =>
        ModerateAsync(commentId, CommentStatus.Published, "approve", actor, note, ct);

    /// <summary>Takes a comment down (or refuses a held one).</summary>
    public Task<CommentOutcome> RejectAsync(long commentId, string actor, string? note, CancellationToken ct) =>
        ModerateAsync(commentId, CommentStatus.Rejected, "reject", actor, note, ct);

    /// <summary>Bans a poster or an address range, from a comment or a CIDR given directly.</summary>
    public async Task<(CommentBan? Ban, string? Error)> BanAsync(long? commentId, BanKind kind, string? range, double? hours, string? reason, string actor, CancellationToken ct)
    {
        string value;
        if (commentId is { } id)
        {
            var comment = await db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
            if (comment is null)
            {
                return (null, "No comment " + id.ToString(CultureInfo.InvariantCulture) + ".");
            }

            if (kind == BanKind.Poster)
            {
                value = comment.PosterKey;
            }
            else if (IPAddress.TryParse(comment.Address, out var address))
            {
                // One address is easily changed; its /24 (IPv4) or /64 (IPv6) is the customary unit.
                var prefix = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 24 : 64;
                value = new IPNetwork(Mask(address, prefix), prefix).ToString();
            }
            else
            {
                return (null, "The comment has no usable address.");
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

        if (hours is <= 0 or > 24 * 3650)
        {
            return (null, "hours must be between 0 and 87600 (or omitted for a permanent ban).");
        }

        var now = UtcNow;
        var ban = new CommentBan
        {
            Kind = kind,
            Value = value,
            Reason = Clip(reason, Comment.NoteMaxLength),
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
            Detail = Clip($"{kind.ToString().ToLowerInvariant()} {value}{(ban.ExpiresAt is null ? string.Empty : " until " + ban.ExpiresAt.Value.ToString("u", CultureInfo.InvariantCulture))}{(ban.Reason is null ? string.Empty : ": " + ban.Reason)}", AuditEntry.DetailMaxLength),
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
            return CommentOutcome.Refused(StatusCodes.Status404NotFound, "No comment " + commentId.ToString(CultureInfo.InvariantCulture) + ".");
        }

        var now = UtcNow;
        var newNote = Clip(note, Comment.NoteMaxLength) ?? current.ModerationNote;
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
            return CommentOutcome.Refused(StatusCodes.Status409Conflict, "The comment changed meanwhile; reload the queue and try again.");
        }

        var from = current.Status;
        db.AuditLog.Add(new AuditEntry
        {
            At = now,
            Actor = actor,
            Action = action,
            CommentId = commentId,
            Detail = Clip($"{from.ToString().ToLowerInvariant()} → {to.ToString().ToLowerInvariant()}{(current.MatchedTerm is null ? string.Empty : "; term " + current.MatchedTerm)}{(note is null ? string.Empty : "; " + note)}", AuditEntry.DetailMaxLength),
        });
        await db.SaveChangesAsync(ct);
        var delta = (to == CommentStatus.Published ? 1 : 0) - (from == CommentStatus.Published ? 1 : 0);
        if (delta != 0)
        {
            await AdjustCountAsync(current.ArticleId, delta, ct);
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

    private CommentOutcome? Validate(string body, string nickname)
    {
        if (body.Length == 0)
        {
            return CommentOutcome.Refused(StatusCodes.Status400BadRequest, Ui.ErrorBodyEmpty, "body");
        }

        if (body.Length < Options.MinBodyLength)
        {
            return CommentOutcome.Refused(StatusCodes.Status400BadRequest, Ui.Format(Ui.ErrorBodyShort, Options.MinBodyLength), "body");
        }

        if (body.Length > Comment.BodyMaxLength)
        {
            return CommentOutcome.Refused(StatusCodes.Status400BadRequest, Ui.Format(Ui.ErrorBodyLong, Comment.BodyMaxLength, body.Length), "body");
        }

        if (nickname.Length > Comment.NicknameMaxLength)
        {
            return CommentOutcome.Refused(StatusCodes.Status400BadRequest, Ui.Format(Ui.ErrorNicknameLong, Comment.NicknameMaxLength), "nickname");
        }

        if (nickname.Length == 0 && !Options.AllowAnonymous)
        {
            return CommentOutcome.Refused(StatusCodes.Status400BadRequest, Ui.ErrorNicknameRequired, "nickname");
        }

        return null;
    }

    private async Task<bool> IsBannedAsync(Poster poster, CancellationToken ct)
    {
        var now = UtcNow;
        var bans = await db.CommentBans.AsNoTracking()
            .Where(b => b.ExpiresAt == null || b.ExpiresAt > now)
            .Select(b => new { b.Kind, b.Value })
            .ToListAsync(ct);
        var address = poster.IpAddress;
        return bans.Any(b => b.Kind == BanKind.Poster
            ? b.Value == poster.Key
            : address is not null && IPNetwork.TryParse(b.Value, out var network) && network.Contains(address));
    }

    private Task<int> AdjustCountAsync(int articleId, int delta, CancellationToken ct) =>
        db.Articles.Where(a => a.Id == articleId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.CommentCount, a => a.CommentCount + delta), ct);

    private static string Matched(string text, SensitiveMatch match) => text.Substring(match.Start, match.Length);

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }

    private static string? Clip(string? text, int max) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Length <= max ? text.Trim() : UnicodeText.Prefix(text, max);
}
