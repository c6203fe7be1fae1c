using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Comments;
using Tidings.Core.Data;
using Tidings.Core.Newsroom;
using Tidings.Core.Text;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Comments;

public sealed record ApiQueueItem(
    long Id,
    int ArticleId,
    string ArticleTitle,
    string Nickname,
    string Body,
    string Status,
    DateTimeOffset CreatedAt,
    string? MatchedTerm,
    string? Note,
    int ReportCount,
    IReadOnlyList<string> ReportReasons,
    string Poster,
    string Address,
    string? Region,
    int Up,
    int Down);

public sealed record ApiQueuePage(string Queue, int Page, int PageSize, int Total, IReadOnlyList<ApiQueueItem> Items);

public sealed record ModerationRequest(string? Note);

public sealed record BanRequest(long? CommentId, string? Kind, string? Range, double? Hours, string? Reason);

public sealed record ApiBan(int Id, string Kind, string Value, string? Reason, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);

public sealed record ApiAuditEntry(long Id, DateTimeOffset At, string Actor, string Action, long? CommentId, int? BanId, string? Detail);

public sealed record ApiWordLists(int Banned, int Suspect, int Variants, int IpRanges, string Directory);

/// <summary>
/// The moderation queue, bans and the audit log, behind the operator token. The acting moderator names themself in
/// the <c>X-Moderator</c> header, percent-encoded (recorded in the audit log; "operator" when absent) until accounts arrive.
/// </summary>
internal static class ModerationApi
{
    public const int PageSize = 50;

    public static IEndpointRouteBuilder MapModerationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/moderation").WithTags("Moderation").AddEndpointFilter(OperatorToken.RequireAsync);
        api.MapGet("/comments", QueueAsync).WithName("ModerationQueue").WithSummary("Comments by queue: pending (default), reported, rejected or published.");
        api.MapPost("/comments/{id:long}/approve", ApproveAsync).WithName("ApproveComment").WithSummary("Publish a held comment (or restore a rejected one).");
        api.MapPost("/comments/{id:long}/reject", RejectAsync).WithName("RejectComment").WithSummary("Refuse a held comment or take a published one down.");
        api.MapGet("/bans", BansAsync).WithName("ListBans").WithSummary("Active bans.");
        api.MapPost("/bans", BanAsync).WithName("Ban").WithSummary("Ban the poster of a comment, its network, or a CIDR range ({commentId?, kind: poster|network, range?, hours?, reason?}).");
        api.MapDelete("/bans/{id:int}", UnbanAsync).WithName("Unban").WithSummary("Lift a ban.");
        api.MapGet("/audit", AuditAsync).WithName("ModerationAudit").WithSummary("Who did what, newest first (commentId= to follow one comment).");
        api.MapGet("/words", Words).WithName("ModerationWordLists").WithSummary("The sensitive-word and IP属地 lists in force.");
        return app;
    }

    private static string Actor(HttpRequest request)
    {
        // Header values are ASCII, so a Chinese name arrives percent-encoded.
        string raw;
        try
        {
            raw = Uri.UnescapeDataString(request.Headers["X-Moderator"].ToString());
        }
        catch (UriFormatException)
        {
            raw = request.Headers["X-Moderator"].ToString();
        }

        var name = CommentText.CleanNickname(raw);
        return name.Length == 0 ? "operator" : name.Length > AuditEntry.ActorMaxLength ? name[..AuditEntry.ActorMaxLength] : name;
    }

    private static async Task<IResult> QueueAsync(TidingsDbContext db, SiteContext site, string? queue, string? page, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var number = QueryValues.ParseInt(page, 1, 1, CommentQueries.MaxPage, "page", errors);
        IQueryable<Comment>? rows = (queue ?? "pending") switch
        {
            "pending" => db.Comments.Where(c => c.Status == CommentStatus.Pending).OrderBy(c => c.Id),
            "reported" => db.Comments.Where(c => c.Status == CommentStatus.Published && c.ReportCount > 0).OrderByDescending(c => c.ReportCount).ThenBy(c => c.Id),
            "rejected" => db.Comments.Where(c => c.Status == CommentStatus.Rejected).OrderByDescending(c => c.Id),
            "published" => db.Comments.Where(c => c.Status == CommentStatus.Published).OrderByDescending(c => c.Id),
            _ => null,
        };
        if (rows is null)
        {
            errors["queue"] = [$"queue must be pending, reported, rejected or published; got '{Excerpt.Clip(queue!)}'."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var total = await rows!.CountAsync(ct);
        var items = await rows!.AsNoTracking()
            .Skip((number - 1) * PageSize).Take(PageSize)
            .Join(db.Articles, c => c.ArticleId, a => a.Id, (c, a) => new { Comment = c, a.Title })
            .ToListAsync(ct);
        var ids = items.Select(i => i.Comment.Id).ToList();
        var reasons = (await db.CommentReports.AsNoTracking().Where(r => ids.Contains(r.CommentId) && r.Reason != null)
                .Select(r => new { r.CommentId, r.Reason }).ToListAsync(ct))
            .ToLookup(r => r.CommentId, r => r.Reason!);
        return TypedResults.Ok(new ApiQueuePage(queue ?? "pending", number, PageSize, total, items.Select(i => new ApiQueueItem(
            i.Comment.Id,
            i.Comment.ArticleId,
            i.Title,
            i.Comment.Nickname,
            i.Comment.Body,
            i.Comment.Status.ToString().ToLowerInvariant(),
            site.Local(i.Comment.CreatedAt),
            i.Comment.MatchedTerm,
            i.Comment.ModerationNote,
            i.Comment.ReportCount,
            reasons[i.Comment.Id].ToList(),
            i.Comment.PosterKey,
            i.Comment.Address,
            i.Comment.RegionLabel,
            i.Comment.Up,
            i.Comment.Down)).ToList()));
    }

    private static async Task<IResult> ApproveAsync(HttpContext http, CommentModeration comments, long id, ModerationRequest? request, CancellationToken ct)
    {
        var outcome = await comments.ApproveAsync(id, Actor(http.Request), request?.Note, ct);
        return outcome.Succeeded ? TypedResults.Ok(new { id, status = "published" }) : CommentsApi.Problem(http, outcome);
    }

    private static async Task<IResult> RejectAsync(HttpContext http, CommentModeration comments, long id, ModerationRequest? request, CancellationToken ct)
    {
        var outcome = await comments.RejectAsync(id, Actor(http.Request), request?.Note, ct);
        return outcome.Succeeded ? TypedResults.Ok(new { id, status = "rejected" }) : CommentsApi.Problem(http, outcome);
    }

    private static async Task<IResult> BansAsync(TidingsDbContext db, SiteContext site, CancellationToken ct)
    {
        var now = site.UtcNow;
        var bans = await db.CommentBans.AsNoTracking().Where(b => b.ExpiresAt == null || b.ExpiresAt > now).OrderBy(b => b.Id).ToListAsync(ct);
        return TypedResults.Ok(bans.Select(b => ToApi(b, site)).ToList());
    }

    private static async Task<IResult> BanAsync(HttpContext http, CommentModeration comments, SiteContext site, BanRequest request, CancellationToken ct)
    {
        BanKind? kind = request.Kind switch
        {
            null or "poster" => BanKind.Poster,
            "network" => BanKind.Network,
            _ => null,
        };
        if (kind is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = ["kind must be poster or network."] });
        }

        var (ban, error) = await comments.BanAsync(request.CommentId, kind.Value, request.Range, request.Hours, request.Reason, Actor(http.Request), ct);
        return ban is null
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["ban"] = [error!] })
            : TypedResults.Created("/api/v1/moderation/bans", ToApi(ban, site));
    }

    private static async Task<IResult> UnbanAsync(HttpContext http, CommentModeration comments, int id, CancellationToken ct) =>
        await comments.UnbanAsync(id, Actor(http.Request), ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"No ban {id}.");

    private static async Task<IResult> AuditAsync(TidingsDbContext db, SiteContext site, string? page, long? commentId, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var number = QueryValues.ParseInt(page, 1, 1, CommentQueries.MaxPage, "page", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var log = db.AuditLog.AsNoTracking();
        if (commentId is { } id)
        {
            log = log.Where(m => m.CommentId == id);
        }

        var entries = await log.OrderByDescending(m => m.Id).Skip((number - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return TypedResults.Ok(entries.Select(m => new ApiAuditEntry(m.Id, site.Local(m.At), m.Actor, m.Action, m.CommentId, m.BanId, m.Detail)).ToList());
    }

    private static Ok<ApiWordLists> Words(ModerationLists lists) => TypedResults.Ok(new ApiWordLists(
        lists.Words.BannedCount, lists.Words.SuspectCount, lists.Words.Normalizer.VariantCount, lists.Regions.Count, lists.Directory));

    private static ApiBan ToApi(CommentBan b, SiteContext site) => new(
        b.Id,
        b.Kind.ToString().ToLowerInvariant(),
        b.Value,
        b.Reason,
        b.CreatedBy,
        site.Local(b.CreatedAt),
        b.ExpiresAt is { } e ? site.Local(e) : null);
}
