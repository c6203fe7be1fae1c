using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Tidings.Core.Aggregation;

/// <summary>What the poller knows of a feed from its last fetch, sent back as a conditional request.</summary>
public sealed record FeedRequest(Uri Url, string? ETag = null, DateTimeOffset? LastModified = null);

/// <summary>
/// A fetched feed: <see cref="Body"/> is null when the server answered 304 Not Modified. <see cref="FinalUrl"/> is
/// where the body came from after redirects (relative links resolve against it).
/// </summary>
public sealed record FeedResponse(Uri FinalUrl, byte[]? Body, string? Charset, string? ETag, DateTimeOffset? LastModified)
{
    public bool NotModified => Body is null;
}

/// <summary>A fetch that failed; the message is shown as the feed's last error.</summary>
public sealed class FeedFetchException : Exception
{
    public FeedFetchException()
    {
    }

    public FeedFetchException(string message)
        : base(message)
    {
    }

    public FeedFetchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>How long the server asked us to wait (429/503 with Retry-After).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The target was refused before any request was sent (not a public address, not http(s)).</summary>
    public bool Refused { get; init; }
}

/// <summary>
/// Fetches partner feeds politely and safely: conditional GET, gzip/deflate/brotli, a User-Agent naming the site, a
/// time limit for the whole fetch, a size cap counted after decompression, redirects followed by hand (bounded, each
/// target checked again), at most a few fetches per host at once. Addresses are checked when the connection is
/// made, on the address actually connected to, so neither a redirect nor a DNS answer that changes between check and
/// use (rebinding) reaches a private network. No proxy and no cookies.
/// </summary>
public sealed class FeedFetcher : IDisposable
{
    private const string Accept = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";

    private readonly AggregationOptions _options;
    private readonly string _userAgent;
    private readonly TimeProvider _time;
    private readonly HttpClient _client;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _hosts = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="userAgent">Names the site and how to reach its operator, e.g. "Tidings (+https://news.example/)".</param>
    public FeedFetcher(AggregationOptions options, string userAgent, TimeProvider time)
        : this(options, userAgent, time, options is { AllowPrivateNetworks: true } ? _ => true : PublicAndNotHere())
    {
    }

    private static Func<IPAddress, bool> PublicAndNotHere()
    {
        var here = NetworkTargets.ThisMachine();
        return a => NetworkTargets.IsPublic(a) && !here.Contains(a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a);
    }

    /// <param name="allowed">Which addresses may be connected to (tests narrow it to tell two loopback addresses apart).</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000", Justification = "The HttpClient owns the handler (disposeHandler: true).")]
    internal FeedFetcher(AggregationOptions options, string userAgent, TimeProvider time, Func<IPAddress, bool> allowed)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(userAgent);
        _options = options;
        _userAgent = userAgent;
        _time = time;
        _client = new HttpClient(CreateHandler(options, allowed), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static SocketsHttpHandler CreateHandler(AggregationOptions options, Func<IPAddress, bool> allowed) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.All,
        ConnectTimeout = TimeSpan.FromSeconds(Math.Min(10, options.RequestTimeoutSeconds)),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        MaxResponseHeadersLength = 64,
        ConnectCallback = (context, ct) => ConnectAsync(context.DnsEndPoint, allowed, ct),
    };

    /// <exception cref="FeedFetchException">The feed could not be fetched; the message says why.</exception>
    public async Task<FeedResponse> FetchAsync(FeedRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckScheme(request.Url);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds(_options.RequestTimeoutSeconds));
        var gate = _hosts.GetOrAdd(request.Url.IdnHost, _ => new SemaphoreSlim(Math.Max(1, _options.PerHostConcurrency)));
        try
        {
            await gate.WaitAsync(limit.Token);
            try
            {
                return await FollowAsync(request, limit.Token);
            }
            finally
            {
                gate.Release();
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new FeedFetchException($"No complete answer within {_options.RequestTimeoutSeconds} s.");
        }
        catch (HttpRequestException e) when (e.InnerException is FeedFetchException refused)
        {
            throw new FeedFetchException(refused.Message, e) { Refused = true };
        }
        catch (HttpRequestException e)
        {
            throw new FeedFetchException($"Could not fetch: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            // A connection cut mid-body, or a gzip/brotli stream that does not decompress.
            throw new FeedFetchException($"The answer broke off or does not decompress: {e.Message}", e);
        }
    }

    private async Task<FeedResponse> FollowAsync(FeedRequest request, CancellationToken ct)
    {
        var url = request.Url;
        for (var hop = 0; ; hop++)
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, url);
            message.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
            message.Headers.TryAddWithoutValidation("Accept", Accept);
            if (request.ETag is { Length: > 0 } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
            {
                message.Headers.IfNoneMatch.Add(tag);
            }

            if (request.LastModified is { } since)
            {
                message.Headers.IfModifiedSince = since;
            }

            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            if (status is 301 or 302 or 303 or 307 or 308)
            {
                if (hop >= _options.MaxRedirects)
                {
                    throw new FeedFetchException($"More than {_options.MaxRedirects} redirects (last to {response.Headers.Location}).");
                }

                var location = response.Headers.Location
                    ?? throw new FeedFetchException($"HTTP {status} without a Location header.");
                url = location.IsAbsoluteUri ? location : new Uri(url, location);
                CheckScheme(url);
                continue;
            }

            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new FeedResponse(url, null, null, request.ETag, request.LastModified);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new FeedFetchException($"HTTP {status} {response.ReasonPhrase}.") { RetryAfter = RetryAfter(response) };
            }

            if (response.Content.Headers.ContentLength > _options.MaxFeedBytes)
            {
                throw new FeedFetchException($"The feed is {response.Content.Headers.ContentLength:N0} bytes, over the limit of {_options.MaxFeedBytes:N0}.");
            }

            var body = await ReadCappedAsync(response.Content, ct);
            return new FeedResponse(
                url,
                body,
                response.Content.Headers.ContentType?.CharSet,
                response.Headers.ETag?.ToString(),
                response.Content.Headers.LastModified);
        }
    }

    private async Task<byte[]> ReadCappedAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > _options.MaxFeedBytes)
            {
                throw new FeedFetchException($"The feed is over the limit of {_options.MaxFeedBytes:N0} bytes (after decompression).");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - _time.GetUtcNow() : null);
        return wait is { } w && w > TimeSpan.Zero ? w : null;
    }

    private static void CheckScheme(Uri url)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new FeedFetchException($"Only http and https feeds are fetched, not {url}.") { Refused = true };
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000", Justification = "The stream owns the socket once connected; a failed connect disposes it.")]
    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, Func<IPAddress, bool> allowed, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, ct);
        var usable = addresses.Where(allowed).ToArray();
        if (usable.Length == 0)
        {
            throw new FeedFetchException(
                $"Refused: {endpoint.Host} is {(addresses.Length == 0 ? "not in DNS" : string.Join(", ", addresses.Select(a => a.ToString())))}, not a public address (Tidings:Aggregation:AllowPrivateNetworks).")
            {
                Refused = true,
            };
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.NoDelay = true;
            await socket.ConnectAsync(usable, endpoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        foreach (var gate in _hosts.Values)
        {
            gate.Dispose();
        }
    }
}
