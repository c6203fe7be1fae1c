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
        return outcome with { Error = Phrase.Count(Ui.ErrorTooFast, Ui.ErrorTooFastOne, outcome.RetryAfterSeconds) };
    }

    public static CommentOutcome Refused(int status, string error, string? field = null) => new(status, Field: field, Error: error);
}

/// <summary>
/// Readers' writes to comments: posting (limits, bans, duplicates, the word lists, 先审后发), votes and reports. The
/// rules are <see cref="CommentPolicy"/>'s; this gathers their facts and stores the outcome. Counts on the article
/// change in the same transaction as the comment, so every page and the API agree; an acknowledged comment is
/// committed durably before the answer. Moderators' actions: <see cref="CommentModeration"/>.
/// </summary>
public sealed class CommentService(
    TidingsDbContext db,
    IDatabaseDialect dialect,
    IOptions<CommentsOptions> options,
    ModerationLists lists,
    CommentLimits limits,
    ReservedNameList reserved,
    TrendingIngestion trending,
    ArticlePageCache pages,
    HotArticleGate spike,
    TimeProvider time)
{
    public const string SystemActor = "system";

    private CommentsOptions Options => options.Value;

    private DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public async Task<CommentOutcome> PostAsync(int articleId, CommentInput input, Poster poster, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(poster);
        if (!Options.Enabled)
        {
            return CommentOutcome.Refused(StatusCodes.Status403Forbidden, CommentsText.CommentsClosed);
        }

        // 突发新闻模式 on one of the hottest articles: read-only refuses politely, before any limit is spent.
        var gate = await spike.ForAsync(articleId, ct);
        if (gate == CommentGate.Closed)
        {
            return CommentOutcome.Refused(StatusCodes.Status403Forbidden, CommentsText.SpikeCommentsClosed);
        }

        if (await limits.TryPostAsync(poster) is { } wait)
        {
            return CommentOutcome.TooMany(wait);
        }

        var body = CommentText.CleanBody(input.Body);
        // A signed-in reader posts under the account's name (checked against the word lists when it was chosen).
        var nickname = CommentText.CleanNickname(poster.AccountName ?? input.Nickname);
        if (CommentPolicy.CheckText(body, nickname, Options.MinBodyLength, Options.AllowAnonymous) is { } invalid)
        {
            return Refused(invalid, body);
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
            return CommentOutcome.Refused(StatusCodes.Status403Forbidden, CommentsText.ErrorPosterBanned);
        }

        Comment? parent = null;
        if (input.ReplyTo is { } replyTo)
        {
            parent = await db.Comments.AsNoTracking()
                .FirstOrDefaultAsync(c => c.Id == replyTo && c.ArticleId == articleId && c.Status == CommentStatus.Published, ct);
            if (parent is null)
            {
                return CommentOutcome.Refused(StatusCodes.Status400BadRequest, CommentsText.ErrorReplyMissing, "replyTo");
            }
        }

        // Staff post under their own account names; nobody else may pass for the site, an editor or a source.
        if (poster.AccountName is null && await reserved.ImitatesAsync(nickname, ct) is { } imitated)
        {
            return CommentOutcome.Refused(StatusCodes.Status422UnprocessableEntity, Phrase.Format(Ui.ErrorNicknameReserved, imitated), "nickname");
        }

        var words = lists.Words;
        var nicknameMatch = nickname.Length > 0 ? words.Scan(nickname) : SensitiveMatch.None;
        var match = words.Scan(body);
        switch (CommentPolicy.Screen(match, nicknameMatch))
        {
            case CommentRefusal.NicknameBanned:
                return CommentOutcome.Refused(StatusCodes.Status422UnprocessableEntity, Phrase.Format(Ui.ErrorNicknameBanned, Matched(nickname, nicknameMatch)), "nickname");
            case CommentRefusal.BodyBanned:
                return CommentOutcome.Refused(StatusCodes.Status422UnprocessableEntity, Phrase.Format(CommentsText.ErrorBanned, Matched(body, match)), "body");
        }

        var now = UtcNow;
        var hash = CommentText.ContentHash(words.Normalizer.Normalize(body));
        var since = now.AddMinutes(-Options.DuplicateWindowMinutes);
        var folded = words.Normalizer.Normalize(body);
        var byAddress = CommentPolicy.RepeatsAcrossTheAddress(folded);
        if (folded.Length > 0
            && await db.Comments.AnyAsync(c => c.ContentHash == hash && c.CreatedAt >= since && (c.PosterKey == poster.Key || (byAddress && c.Address == poster.Address)), ct))
        {
            return CommentOutcome.Refused(StatusCodes.Status409Conflict, CommentsText.ErrorDuplicate, "body");
        }

        var spikeHeld = gate == CommentGate.Held;
        var verdict = CommentPolicy.Decide(match, nicknameMatch, spikeHeld, Options.PreModeration, article.ChannelSlug, Options.PreModeratedChannels);
        var (chain, floors) = parent is null ? (null, 0) : CommentChain.ReplyTo(parent);
        var comment = new Comment
        {
            ArticleId = articleId,
            ParentId = parent?.Id,
            Chain = chain,
            Floors = floors,
            Nickname = nickname.Length > 0 ? nickname : Options.AnonymousName,
            Body = body,
            Status = verdict.Status,
            CreatedAt = now,
            HotKey = CommentRanking.HotKey(0, 0, now, Options.HotHalfLifeHours),
            ContentHash = hash,
            PosterKey = poster.Key,
            Address = poster.Address,
            RegionLabel = Options.ShowRegion ? lists.Regions.Lookup(poster.IpAddress) : null,
            MatchedTerm = verdict.Term,
            ModerationNote = verdict.Note,
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
            return CommentOutcome.Refused(StatusCodes.Status404NotFound, CommentsText.ErrorCommentMissing);
        }

        if (await IsBannedAsync(poster, ct))
        {
            return CommentOutcome.Refused(StatusCodes.Status403Forbidden, CommentsText.ErrorPosterBanned);
        }

        if (await db.CommentVotes.AnyAsync(v => v.CommentId == commentId && v.VoterKey == poster.Key, ct)
            || await db.CommentVotes.CountAsync(v => v.CommentId == commentId && v.Address == poster.AddressKey, ct) >= CommentVote.MaxPerAddress)
        {
            return CommentOutcome.Refused(StatusCodes.Status409Conflict, CommentsText.ErrorAlreadyVoted);
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
            return CommentOutcome.Refused(StatusCodes.Status409Conflict, CommentsText.ErrorAlreadyVoted);
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
            return CommentOutcome.Refused(StatusCodes.Status400BadRequest, Phrase.Count(CommentsText.ErrorReasonLong, CommentsText.ErrorReasonLongOne, CommentReport.ReasonMaxLength), "reason");
        }

        var articleId = await db.Comments.Where(c => c.Id == commentId && c.Status == CommentStatus.Published).Select(c => (int?)c.ArticleId).FirstOrDefaultAsync(ct);
        if (articleId is null)
        {
            return CommentOutcome.Refused(StatusCodes.Status404NotFound, CommentsText.ErrorCommentMissing);
        }

        if (await IsBannedAsync(poster, ct))
        {
            return CommentOutcome.Refused(StatusCodes.Status403Forbidden, CommentsText.ErrorPosterBanned);
        }

        if (await db.CommentReports.AnyAsync(r => r.CommentId == commentId && (r.ReporterKey == poster.Key || r.Address == poster.AddressKey), ct))
        {
            return CommentOutcome.Refused(StatusCodes.Status409Conflict, CommentsText.ErrorAlreadyReported);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.CommentReports.Add(new CommentReport { CommentId = commentId, ReporterKey = poster.Key, Address = poster.AddressKey, Reason = reason.Length > 0 ? reason : null, CreatedAt = UtcNow });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return CommentOutcome.Refused(StatusCodes.Status409Conflict, CommentsText.ErrorAlreadyReported);
        }

        if (await db.Comments.Where(c => c.Id == commentId && c.Status == CommentStatus.Published)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ReportCount, c => c.ReportCount + 1), ct) == 0)
        {
            // Taken down or held while this report was on its way: nothing left to report.
            return CommentOutcome.Refused(StatusCodes.Status404NotFound, CommentsText.ErrorCommentMissing);
        }

        var threshold = Options.ReportsToHold;
        var note = Ui.InSiteLanguage(() => Phrase.Count(CommentsText.NoteReportsReached, CommentsText.NoteReportsReachedOne, threshold));
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

    private CommentOutcome Refused(CommentRefusal refusal, string body) => refusal switch
    {
        CommentRefusal.BodyEmpty => CommentOutcome.Refused(StatusCodes.Status400BadRequest, CommentsText.ErrorBodyEmpty, "body"),
        CommentRefusal.BodyTooShort => CommentOutcome.Refused(StatusCodes.Status400BadRequest, Phrase.Count(CommentsText.ErrorBodyShort, CommentsText.ErrorBodyShortOne, Options.MinBodyLength), "body"),
        CommentRefusal.BodyTooLong => CommentOutcome.Refused(StatusCodes.Status400BadRequest, Phrase.Format(CommentsText.ErrorBodyLong, Comment.BodyMaxLength, body.Length), "body"),
        CommentRefusal.NicknameTooLong => CommentOutcome.Refused(StatusCodes.Status400BadRequest, Phrase.Count(CommentsText.ErrorNicknameLong, CommentsText.ErrorNicknameLongOne, Comment.NicknameMaxLength), "nickname"),
        _ => CommentOutcome.Refused(StatusCodes.Status400BadRequest, CommentsText.ErrorNicknameRequired, "nickname"),
    };

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

    /// <summary>The article's 跟贴 count moves with every publish and take-down, in the same transaction.</summary>
    internal static Task<int> AdjustCountAsync(TidingsDbContext db, int articleId, int delta, CancellationToken ct) =>
        db.Articles.Where(a => a.Id == articleId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.CommentCount, a => a.CommentCount + delta), ct);

    private Task<int> AdjustCountAsync(int articleId, int delta, CancellationToken ct) => AdjustCountAsync(db, articleId, delta, ct);

    private static string Matched(string text, SensitiveMatch match) => text.Substring(match.Start, match.Length);

    internal static string? Clip(string? text, int max) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Length <= max ? text.Trim() : UnicodeText.Prefix(text, max);
}
