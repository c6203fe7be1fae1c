using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Tidings.Core.Abuse;
using Tidings.Core.Trending;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Trending;

/// <summary>
/// <c>POST /api/v1/events</c>: reader signals from article pages (sent with navigator.sendBeacon). Validates, queues
/// and answers 202 at once; nothing here waits on the database.
/// </summary>
internal static class EventsApi
{
    public const int MaxEvents = 20;
    public const int MaxBodyBytes = 4_096;
    public const string VisitorCookie = "tv";

    /// <summary>The data-protection purpose the visitor cookie is signed with.</summary>
    public const string VisitorPurpose = "Tidings.Visitor.v1";
    public const string RateLimitPolicy = "events";

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/events", PostAsync)
            .WithTags("Trending")
            .WithName("PostReaderEvents")
            .WithSummary("Reader signals (view, read, share) for trending; 202 when queued.")
            .DisableAntiforgery()
            .RequireRateLimiting(RateLimitPolicy);
        return app;
    }

    private static async Task<Results<Accepted, ValidationProblem>> PostAsync(
        HttpContext http, TrendingIngestion trending, IDataProtectionProvider protection, TimeProvider time, CancellationToken ct)
    {
        var (events, error) = await ReadAsync(http.Request, ct);
        if (error is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["events"] = [error] });
        }

        if (trending.Bots.IsBot(http.Request.Headers.UserAgent))
        {
            // Accepted and dropped: a crawler learns nothing from a different answer.
            return TypedResults.Accepted((string?)null);
        }

        var visitor = Visitor(http, protection, time);
        var client = AddressKey.For(http.Connection.RemoteIpAddress);
        var now = time.GetUtcNow();
        foreach (var (signal, articleId) in events)
        {
            trending.TryEnqueue(new ReaderEvent(signal, articleId, visitor, client, now));
        }

        return TypedResults.Accepted((string?)null);
    }

    /// <summary>
    /// The visitor id from the signed cookie, issuing one when missing or forged. A client that sends DNT or Sec-GPC
    /// gets none and is counted without an id (by address, within the hour, in memory only).
    /// </summary>
    public static string? Visitor(HttpContext http, IDataProtectionProvider protection, TimeProvider time)
    {
        if (OptedOut(http.Request))
        {
            return null;
        }

        var protector = protection.CreateProtector(VisitorPurpose);
        if (http.Request.Cookies.TryGetValue(VisitorCookie, out var cookie))
        {
            try
            {
                return protector.Unprotect(cookie);
            }
            catch (CryptographicException)
            {
                // Forged, or from before a key rotation: issue a new one.
            }
        }

        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        http.Response.Cookies.Append(VisitorCookie, protector.Protect(id), new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = false,
            Expires = time.GetUtcNow().AddYears(1),
            Path = "/",
        });
        return id;
    }

    /// <summary>The visitor id of a visitor who already has one; never issues a cookie (null for DNT, none or forged).</summary>
    public static string? ExistingVisitor(HttpContext http, IDataProtectionProvider protection)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(protection);
        if (OptedOut(http.Request) || !http.Request.Cookies.TryGetValue(VisitorCookie, out var cookie))
        {
            return null;
        }

        try
        {
            return protection.CreateProtector(VisitorPurpose).Unprotect(cookie);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public static bool OptedOut(HttpRequest request) =>
        request.Headers["DNT"] == "1" || request.Headers["Sec-GPC"] == "1";

    /// <summary>A JSON array of {type, articleId}, or an object with such an "events" array.</summary>
    private static async Task<(List<(ReaderSignal Signal, int ArticleId)> Events, string? Error)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var (body, unreadable) = await RequestBodies.ReadJsonAsync(request, MaxBodyBytes, ct);
        if (unreadable is not null)
        {
            return ([], unreadable);
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return ([], "The body is not JSON: send an array of {\"type\": \"view\" | \"read\" | \"share\", \"articleId\": 123}.");
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("events", out var inner))
            {
                root = inner;
            }

            if (root.ValueKind != JsonValueKind.Array)
            {
                return ([], "Send an array of events.");
            }

            var count = root.GetArrayLength();
            if (count is 0 or > MaxEvents)
            {
                return ([], $"Send 1 to {MaxEvents} events; got {count}.");
            }

            var events = new List<(ReaderSignal, int)>(count);
            var index = 0;
            foreach (var item in root.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || !item.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
                    || !item.TryGetProperty("articleId", out var id) || !id.TryGetInt32(out var articleId) || articleId <= 0)
                {
                    return ([], $"Event {index} needs a \"type\" and a positive integer \"articleId\".");
                }

                ReaderSignal? signal = type.GetString() switch
                {
                    "view" => ReaderSignal.View,
                    "read" => ReaderSignal.Read,
                    "share" => ReaderSignal.Share,
                    _ => null,
                };
                if (signal is null)
                {
                    return ([], $"Event {index} has type '{Core.Text.Excerpt.Clip(type.GetString() ?? string.Empty)}'; allowed: view, read, share.");
                }

                events.Add((signal.Value, articleId));
                index++;
            }

            return (events, null);
        }
    }
}
