using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidings.Core.Comments;
using Tidings.Core.Data;
using Tidings.Core.Text;
using Tidings.Web.Features.Articles;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Comments;

public sealed record ApiFloor(int Floor, long Id, string? Nickname, string? Region, string? Body, bool Deleted);

public sealed record ApiComment(
    long Id,
    int ArticleId,
    long? ReplyTo,
    string Nickname,
    string Body,
    string Html,
    string? Region,
    DateTimeOffset CreatedAt,
    int Up,
    int Down,
    int Floors,
    IReadOnlyList<ApiFloor> Chain);

public sealed record ApiCommentPage(int ArticleId, string Sort, int Page, int PageSize, int PageCount, int Total, IReadOnlyList<ApiComment> Items);

public sealed record ApiPosted(long Id, string Status, string Message, ApiComment? Comment);

public sealed record ApiAntiforgery(string Token, string HeaderName);

public sealed record CommentRequest(string? Nickname, string? Body, long? ReplyTo);

public sealed record VoteRequest(string? Direction);

public sealed record ReportRequest(string? Reason);

/// <summary>
/// The public comment API. Writes need an antiforgery token (so another site cannot post in a reader's name):
/// <c>GET /api/v1/antiforgery</c> returns one and sets its cookie; send it back in the <c>RequestVerificationToken</c>
/// header with that cookie.
/// </summary>
internal static class CommentsApi
{
    public const int MaxBodyBytes = 16_384;

    public static IEndpointRouteBuilder MapCommentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/antiforgery", GetToken).WithTags("Comments").WithName("GetAntiforgeryToken")
            .WithSummary("A token for the comment write endpoints, sent back in the RequestVerificationToken header.");
        app.MapGet("/api/v1/articles/{id}/comments", ListAsync).WithTags("Comments").WithName("ListComments")
            .WithSummary("A page of an article's published comments (sort=hot|latest), each with its quoted 盖楼 chain.");
        app.MapPost("/api/v1/articles/{id}/comments", PostAsync).WithTags("Comments").WithName("PostComment")
            .WithSummary("Post a comment ({nickname, body, replyTo?}); 201 when published, 202 when held for review.").DisableAntiforgery();
        app.MapPost("/api/v1/comments/{id}/votes", VoteAsync).WithTags("Comments").WithName("VoteComment")
            .WithSummary("顶 or 踩 ({direction: up|down}), once per reader per comment.").DisableAntiforgery();
        app.MapPost("/api/v1/comments/{id}/reports", ReportAsync).WithTags("Comments").WithName("ReportComment")
            .WithSummary("Report a comment to the moderators ({reason?}).").DisableAntiforgery();
        return app;
    }

    public static ApiComment ToApi(CommentView c, SiteContext site) => new(
        c.Id,
        c.ArticleId,
        c.ParentId,
        c.Nickname,
        c.Body,
        c.BodyHtml,
        c.Region,
        site.Local(c.CreatedAt),
        c.Up,
        c.Down,
        c.FloorCount,
        c.Chain.Select(f => new ApiFloor(f.Number, f.Id, f.Nickname, f.Region, f.Body, f.Body is null)).ToList());

    /// <summary>The problem answer for a refused write, with Retry-After on 429.</summary>
    public static IResult Problem(HttpContext http, CommentOutcome outcome)
    {
        if (outcome.RetryAfterSeconds is { } seconds)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return outcome.Field is { } field && outcome.Status is StatusCodes.Status400BadRequest or StatusCodes.Status422UnprocessableEntity or StatusCodes.Status409Conflict
            ? TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [outcome.Error ?? string.Empty] }) { Status = outcome.Status, Detail = outcome.Error })
            : TypedResults.Problem(statusCode: outcome.Status, detail: outcome.Error);
    }

    private static Ok<ApiAntiforgery> GetToken(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return TypedResults.Ok(new ApiAntiforgery(tokens.RequestToken!, tokens.HeaderName ?? "RequestVerificationToken"));
    }

    private static async Task<IResult> ListAsync(TidingsDbContext db, SiteContext site, IOptions<CommentsOptions> options, string id, string? sort, string? page, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!CommentQueries.TryParseSort(sort, out var order))
        {
            errors["sort"] = [$"sort must be hot or latest; got '{Excerpt.Clip(sort ?? string.Empty)}'."];
        }

        var number = QueryValues.ParseInt(page, 1, 1, CommentQueries.MaxPage, "page", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!ArticleDetail.TryParseId(id, out var articleId) || !await db.Published(site.UtcNow).AnyAsync(a => a.Id == articleId, ct))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"No published article has the id '{Excerpt.Clip(id)}'.");
        }

        var result = await CommentQueries.PageAsync(db, articleId, order, number, options.Value.PageSize, ct, collapse: false);
        return TypedResults.Ok(new ApiCommentPage(
            articleId,
            order == CommentSort.Hot ? "hot" : "latest",
            result.Page,
            result.PageSize,
            result.PageCount,
            result.Total,
            result.Items.Select(c => ToApi(c, site)).ToList()));
    }

    private static async Task<IResult> PostAsync(
        HttpContext http, IAntiforgery antiforgery, IDataProtectionProvider protection, TimeProvider time, CommentService comments, TidingsDbContext db, SiteContext site, string id, CancellationToken ct)
    {
        if (await CheckAsync(http, antiforgery) is { } refused)
        {
            return refused;
        }

        var (request, error) = await ReadAsync<CommentRequest>(http.Request, ct);
        if (request is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [error!] });
        }

        if (!ArticleDetail.TryParseId(id, out var articleId))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"'{Excerpt.Clip(id)}' is not an article id.");
        }

        var outcome = await comments.PostAsync(articleId, new CommentInput(request.Nickname, request.Body, request.ReplyTo), Poster.From(http, protection, time), ct);
        if (!outcome.Succeeded)
        {
            return Problem(http, outcome);
        }

        var comment = outcome.Comment!;
        if (comment.Status != CommentStatus.Published)
        {
            return TypedResults.Accepted((string?)null, new ApiPosted(comment.Id, "pending", CommentsText.PostedPending, null));
        }

        var view = await CommentQueries.PublishedAsync(db, comment.Id, ct);
        return TypedResults.Created(
            $"/api/v1/articles/{articleId.ToString(CultureInfo.InvariantCulture)}/comments",
            new ApiPosted(comment.Id, "published", CommentsText.Posted, view is null ? null : ToApi(view, site)));
    }

    private static async Task<IResult> VoteAsync(
        HttpContext http, IAntiforgery antiforgery, IDataProtectionProvider protection, TimeProvider time, CommentService comments, long id, CancellationToken ct)
    {
        if (await CheckAsync(http, antiforgery) is { } refused)
        {
            return refused;
        }

        var (request, error) = await ReadAsync<VoteRequest>(http.Request, ct);
        if (request?.Direction is not ("up" or "down"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["direction"] = [error ?? "direction must be \"up\" or \"down\"."] });
        }

        var outcome = await comments.VoteAsync(id, request.Direction == "up", Poster.From(http, protection, time), ct);
        return outcome.Succeeded
            ? TypedResults.Ok(new { id, up = outcome.Comment!.Up, down = outcome.Comment.Down, message = CommentsText.VoteSent })
            : Problem(http, outcome);
    }

    private static async Task<IResult> ReportAsync(
        HttpContext http, IAntiforgery antiforgery, IDataProtectionProvider protection, TimeProvider time, CommentService comments, long id, CancellationToken ct)
    {
        if (await CheckAsync(http, antiforgery) is { } refused)
        {
            return refused;
        }

        var (request, error) = await ReadAsync(http.Request, ct, new ReportRequest(null));
        if (request is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [error!] });
        }

        var outcome = await comments.ReportAsync(id, request.Reason, Poster.From(http, protection, time), ct);
        return outcome.Succeeded
            ? TypedResults.Accepted((string?)null, new { id, message = CommentsText.ReportSent })
            : Problem(http, outcome);
    }

    private static async Task<IResult?> CheckAsync(HttpContext http, IAntiforgery antiforgery)
    {
        // Anything but JSON is refused before antiforgery looks for a form field (a malformed form body would
        // otherwise surface as an exception).
        if (http.Request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, detail: "Send a JSON body with Content-Type: application/json.");
        }

        try
        {
            if (await antiforgery.IsRequestValidAsync(http))
            {
                return null;
            }
        }
        catch (AntiforgeryValidationException)
        {
            // Falls through to the same answer as a missing token.
        }

        return TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "Antiforgery token missing or invalid",
            detail: "GET /api/v1/antiforgery, keep the cookie it sets and send its token in the RequestVerificationToken header.");
    }

    /// <summary>A JSON body of at most <see cref="MaxBodyBytes"/>; null with a message saying what to send otherwise.</summary>
    private static async Task<(T? Value, string? Error)> ReadAsync<T>(HttpRequest request, CancellationToken ct, T? empty = null)
        where T : class
    {
        var (body, unreadable) = await RequestBodies.ReadJsonAsync(request, MaxBodyBytes, ct);
        if (unreadable is not null)
        {
            return (null, unreadable);
        }

        if (body.Length == 0 && empty is not null)
        {
            return (empty, null);
        }

        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "Send a JSON body with Content-Type: application/json.");
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(body.Span, JsonSerializerOptions.Web);
            return value is null ? (null, "The body is empty JSON.") : (value, null);
        }
        catch (JsonException e)
        {
            // The serializer's own message names .NET types ("could not be converted to System.Int64"); the path says
            // where the mistake is without telling anyone what the server is built from.
            return (null, "The body is not valid JSON for this endpoint" + (string.IsNullOrEmpty(e.Path) ? "." : $" (at {Excerpt.Clip(e.Path, 80)})."));
        }
    }
}
