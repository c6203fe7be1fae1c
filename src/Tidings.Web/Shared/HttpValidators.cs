using Microsoft.Net.Http.Headers;

namespace Tidings.Web.Shared;

/// <summary>
/// ETag / Last-Modified on generated documents (feeds, sitemaps) and the 304 answer to a reader or crawler that
/// already has the current version.
/// </summary>
internal static class HttpValidators
{
    /// <summary>
    /// Sets the validators and says whether the request's conditions show the client's copy is current. If-None-Match
    /// wins over If-Modified-Since, as RFC 9110 orders them.
    /// </summary>
    public static bool SetAndCheck(HttpContext http, string etag, DateTime? lastModifiedUtc, TimeSpan maxAge)
    {
        var response = http.Response.GetTypedHeaders();
        var tag = new EntityTagHeaderValue(etag);
        response.ETag = tag;
        // HTTP dates have whole seconds; comparing with the sub-second value would never match.
        DateTimeOffset? lastModified = lastModifiedUtc is { } t
            ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)).AddTicks(-(t.Ticks % TimeSpan.TicksPerSecond))
            : null;
        response.LastModified = lastModified;
        response.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = maxAge };

        var request = http.Request.GetTypedHeaders();
        if (request.IfNoneMatch is { Count: > 0 } candidates)
        {
            return candidates.Any(c => c.Equals(EntityTagHeaderValue.Any) || c.Compare(tag, useStrongComparison: false));
        }

        return lastModified is { } lm && request.IfModifiedSince is { } since && lm <= since;
    }
}
