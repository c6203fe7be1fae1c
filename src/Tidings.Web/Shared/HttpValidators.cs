using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Tidings.Web.Shared;

/// <summary>
/// ETag / Last-Modified on generated documents (feeds, sitemaps) and the 304 answer to a reader or crawler that
/// already has the current version.
/// </summary>
internal static class HttpValidators
{
    /// <summary>Output-cached documents carry an Age up to the cache's lifetime, so clients revalidate (cheaply, by ETag).</summary>
    public const string Revalidate = "public, no-cache";

    /// <summary>A generated document with an ETag from its bytes: 304 when the client has it, else the bytes.</summary>
    public static IResult Document(HttpContext http, byte[] bytes, string contentType)
    {
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 12)) + "\"";
        var since = http.RequestServices.GetRequiredService<DocumentVersions>().Since(http.Request.Host + http.Request.Path, etag);
        return SetAndCheck(http, etag, since, Revalidate)
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(bytes, contentType);
    }

    /// <summary>
    /// Sets the validators and says whether the request's conditions show the client's copy is current. If-None-Match
    /// wins over If-Modified-Since, as RFC 9110 orders them. <paramref name="changedUtc"/> must be when these bytes
    /// first appeared, never a date taken from the content: after an article is withdrawn the newest remaining date
    /// is older than the client's copy, and If-Modified-Since would wrongly answer 304.
    /// </summary>
    public static bool SetAndCheck(HttpContext http, string etag, DateTime changedUtc, string cacheControl)
    {
        var response = http.Response.GetTypedHeaders();
        var tag = new EntityTagHeaderValue(etag);
        response.ETag = tag;
        // HTTP dates have whole seconds; comparing with the sub-second value would never match.
        var lastModified = new DateTimeOffset(DateTime.SpecifyKind(changedUtc, DateTimeKind.Utc)).AddTicks(-(changedUtc.Ticks % TimeSpan.TicksPerSecond));
        response.LastModified = lastModified;
        http.Response.Headers.CacheControl = cacheControl;
        return IsNotModified(http.Request, c => c.Compare(tag, useStrongComparison: false), lastModified);
    }

    /// <summary>
    /// Whether the request's conditions show the client's copy is current: If-None-Match decides when present ("*" or
    /// a tag <paramref name="matches"/> accepts), else If-Modified-Since against <paramref name="lastModified"/> cut to
    /// whole seconds, as HTTP dates are.
    /// </summary>
    public static bool IsNotModified(HttpRequest request, Func<EntityTagHeaderValue, bool> matches, DateTimeOffset lastModified)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(matches);
        // Most requests carry neither: no typed-header parsing on a cache hit's path for them.
        if (request.Headers.IfNoneMatch.Count == 0 && request.Headers.IfModifiedSince.Count == 0)
        {
            return false;
        }

        var headers = request.GetTypedHeaders();
        if (headers.IfNoneMatch is { Count: > 0 } candidates)
        {
            return candidates.Any(c => c.Equals(EntityTagHeaderValue.Any) || matches(c));
        }

        return headers.IfModifiedSince is { } since && lastModified.AddTicks(-(lastModified.Ticks % TimeSpan.TicksPerSecond)) <= since;
    }
}

/// <summary>
/// When this node first produced each document's current bytes: the honest Last-Modified of a generated document.
/// Forgetting (after a restart, or when too many are tracked) only makes dates newer, which costs a client one full
/// download, never a wrong 304.
/// </summary>
internal sealed class DocumentVersions(TimeProvider time)
{
    private const int MaxTracked = 20_000;
    private readonly ConcurrentDictionary<string, (string ETag, DateTime Since)> _seen = new(StringComparer.Ordinal);

    public DateTime Since(string key, string etag)
    {
        if (_seen.Count > MaxTracked)
        {
            _seen.Clear();
        }

        var now = time.GetUtcNow().UtcDateTime;
        return _seen.AddOrUpdate(key, _ => (etag, now), (_, seen) => seen.ETag == etag ? seen : (etag, now)).Since;
    }
}
