using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Tidings.Web.Features.Accessibility;
using Tidings.Web.Features.Cluster;
using Tidings.Web.Features.Observability;
using Tidings.Web.Features.Spike;
using Tidings.Web.Infrastructure;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Articles;

/// <summary>One article page as every reader of that mode and host gets it, with its validators.</summary>
internal sealed class CachedArticlePage
{
    private readonly Lazy<byte[]> _brotli;
    private readonly Lazy<byte[]> _gzip;
    private readonly string[] _etags;

    public CachedArticlePage(int articleId, byte[] body, string hash, string contentType, DateTimeOffset renderedAt, DateTimeOffset lastModified, long generation, long articleVersion)
    {
        ArticleId = articleId;
        Body = body;
        ContentType = contentType;
        RenderedAt = renderedAt;
        LastModified = lastModified;
        Generation = generation;
        ArticleVersion = articleVersion;
        Hash = hash;
        // Header values a hit would otherwise format on every request.
        LastModifiedHeader = lastModified.ToString("R", CultureInfo.InvariantCulture);
        SurrogateKey = "article-" + articleId.ToString(CultureInfo.InvariantCulture);
        _etags = [$"\"{Hash}\"", $"\"{Hash}-br\"", $"\"{Hash}-gzip\""];
        // Compressed once per render, by the first reader who accepts the encoding, then served to all.
        _brotli = new Lazy<byte[]>(() => Brotli(body));
        _gzip = new Lazy<byte[]>(() => Gzip(body));
    }

    public int ArticleId { get; }
    public byte[] Body { get; }
    public string ContentType { get; }
    public DateTimeOffset RenderedAt { get; }
    public DateTimeOffset LastModified { get; }

    /// <summary>The site-wide change generation it was rendered at: a later change makes it stale, not gone.</summary>
    public long Generation { get; }

    /// <summary>The article's eviction count when the render began: a later eviction makes it unusable.</summary>
    public long ArticleVersion { get; }

    /// <summary>The bytes' hash: the same page rendered twice (or on two nodes) keeps its ETag.</summary>
    public string Hash { get; }

    public static string HashOf(byte[] body) => Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 12));

    public (byte[] Bytes, string? Encoding) For(string? encoding) => encoding switch
    {
        "br" => (_brotli.Value, "br"),
        "gzip" => (_gzip.Value, "gzip"),
        _ => (Body, null),
    };

    public string LastModifiedHeader { get; }

    public string SurrogateKey { get; }

    public string ETag(string? encoding) => encoding switch
    {
        "br" => _etags[1],
        "gzip" => _etags[2],
        _ => _etags[0],
    };

    private static byte[] Brotli(byte[] body)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(body.Length));
        try
        {
            // Quality 5 is within a few per cent of 11 on HTML at a small fraction of the time.
            return BrotliEncoder.TryCompress(body, buffer, out var written, quality: 5, window: 22)
                ? buffer.AsSpan(0, written).ToArray()
                : body;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] Gzip(byte[] body)
    {
        using var output = new MemoryStream(body.Length / 3);
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(body);
        }

        return output.ToArray();
    }
}

/// <summary>
/// The shared cache of article pages, the hottest pages of a news site. Each article's pages (one per reading mode and,
/// without a public base URL, per host) are stored once and served to every reader, signed in or not: the page holds
/// nothing personal (see ADR 0013). An entry is
/// <list type="bullet">
/// <item>fresh for <see cref="ContentCacheOptions.ArticleSeconds"/> and until the next site-wide change (a publish
/// moves the lists in its sidebar): served as is;</item>
/// <item>stale after that: one request renders it again while everyone else still gets the stale copy
/// (stale-while-revalidate), and while the database is away it is served on (stale-if-error) for up to
/// <see cref="ContentCacheOptions.ArticleStaleSeconds"/>;</item>
/// <item>gone once its own article changes (an edit, correction, withdrawal, a comment published or taken down, a new
/// related list): <see cref="ChangedAsync(int, CancellationToken)"/> drops it here and tells the other nodes, so withdrawn text is never served
/// again, not even during an outage.</item>
/// </list>
/// A page nobody has (a cold article, or one just evicted) is rendered by one request while the others wait for it
/// (request coalescing), so a burst on an evicted article costs one render, not one per reader.
/// </summary>
public sealed partial class ArticlePageCache : IDisposable
{
    /// <summary>Set by the article page on a successful render: the page may be stored for everyone.</summary>
    public const string CacheableItem = "tidings.article-page";

    /// <summary>Article ids map onto this many eviction counters: a collision only costs a neighbour one render.</summary>
    private const int Stripes = 1 << 16;

    private const int MaxBodyBytes = 2 * 1024 * 1024;

    private static readonly TimeSpan WaitForRender = TimeSpan.FromSeconds(10);

    private readonly MemoryCache _entries;
    private readonly long[] _versions = new long[Stripes];
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _rendering = new(StringComparer.Ordinal);
    private readonly IOptionsMonitor<ContentCacheOptions> _options;
    private readonly ContentChanges _changes;
    private readonly IContentBroadcast _broadcast;
    private readonly TimeProvider _time;
    private readonly TidingsMetrics? _metrics;
    private readonly SpikeSwitch? _spike;
    private readonly bool _varyByHost;
    private long _renders;
    private CacheControlValue _cacheControl = new(-1, -1, string.Empty);

    public ArticlePageCache(
        IOptionsMonitor<ContentCacheOptions> options,
        ContentChanges changes,
        IContentBroadcast broadcast,
        TimeProvider time,
        IConfiguration configuration,
        TidingsMetrics? metrics = null,
        SpikeSwitch? spike = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        _options = options;
        _changes = changes;
        _broadcast = broadcast;
        _time = time;
        _metrics = metrics;
        _spike = spike;
        _entries = new MemoryCache(new MemoryCacheOptions
        {
            SizeLimit = (long)options.CurrentValue.ArticleCacheMegabytes * 1024 * 1024,
            CompactionPercentage = 0.2,
        });
        // With a public base URL every absolute link is the same whatever Host the request named.
        _varyByHost = string.IsNullOrEmpty(configuration["Tidings:PublicBaseUrl"]);
    }

    /// <summary>How many article pages this node rendered into the cache (the figure a burst test and the spike bench count).</summary>
    public long Renders => Interlocked.Read(ref _renders);

    private ContentCacheOptions Options => _options.CurrentValue;

    /// <summary>How long a copy is fresh: longer while spike mode is on (<see cref="SpikeOptions.ArticleSeconds"/>).</summary>
    private int FreshSeconds => _spike is { IsActive: true } spike ? Math.Max(Options.ArticleSeconds, spike.Options.ArticleSeconds) : Options.ArticleSeconds;

    /// <summary>After a change to one article: drops its pages on this node and tells the other nodes to drop theirs.</summary>
    public Task ChangedAsync(int articleId, CancellationToken ct = default) => ChangedAsync([articleId], ct);

    /// <summary>After a change to several articles (their related lists were refreshed): one message for all.</summary>
    public async Task ChangedAsync(IReadOnlyCollection<int> articleIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(articleIds);
        foreach (var id in articleIds)
        {
            EvictHere(id);
        }

        if (articleIds.Count > 0)
        {
            await _broadcast.PublishArticlesAsync(articleIds, ct);
        }
    }

    /// <summary>Drops one article's pages on this node only (another node announced the change).</summary>
    public void EvictHere(int articleId)
    {
        Interlocked.Increment(ref _versions[Stripe(articleId)]);
        Evicted?.Invoke(articleId);
    }

    /// <summary>An article's pages changed, here or on another node (the live coverage's stream listens for its article).</summary>
    public event Action<int>? Evicted;

    public void Dispose() => _entries.Dispose();

    internal async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!TryKey(context, out var key, out var articleId))
        {
            await next(context);
            return;
        }

        var now = _time.GetUtcNow();
        var entry = Usable(key, articleId);
        if (entry is not null && IsFresh(entry, now))
        {
            _metrics?.ArticlePage("hit");
            await ServeAsync(context, entry, "hit", now);
            return;
        }

        var render = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_rendering.TryAdd(key, render))
        {
            if (entry is not null)
            {
                // Someone is already rendering it again: everyone else keeps reading the previous copy meanwhile.
                _metrics?.ArticlePage("stale");
                await ServeAsync(context, entry, "stale", now);
                return;
            }

            if (_rendering.TryGetValue(key, out var running))
            {
                await running.Task.WaitAsync(WaitForRender, context.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (Usable(key, articleId) is { } rendered)
                {
                    _metrics?.ArticlePage("coalesced");
                    await ServeAsync(context, rendered, "hit", _time.GetUtcNow());
                    return;
                }
            }

            // The render it waited for produced nothing to share (a redirect, a 404, a failure): its own answer.
            await next(context);
            return;
        }

        try
        {
            await RenderAsync(context, next, key, articleId, entry);
        }
        finally
        {
            _rendering.TryRemove(key, out _);
            render.TrySetResult();
        }
    }

    private async Task RenderAsync(HttpContext context, RequestDelegate next, string key, int articleId, CachedArticlePage? stale)
    {
        var generation = _changes.Generation;
        var version = Interlocked.Read(ref _versions[Stripe(articleId)]);
        var response = context.Response;
        var original = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await next(context);
        }
        catch (Exception e) when (DatabaseOutage.IsOutage(e) && stale is not null && !response.HasStarted && IsServableOnError(stale))
        {
            response.Body = original;
            context.RequestServices.GetService<DatabaseCircuit>()?.Failed(e);
            _metrics?.ArticlePage("stale-if-error");
            await ServeAsync(context, stale, "stale-if-error", _time.GetUtcNow());
            return;
        }
        finally
        {
            response.Body = original;
        }

        if (response.StatusCode == StatusCodes.Status200OK
            && context.Items[CacheableItem] is int rendered && rendered == articleId
            && response.Headers.SetCookie.Count == 0
            && buffer.Length <= MaxBodyBytes
            && Options.ArticleSeconds > 0)
        {
            var now = _time.GetUtcNow();
            var body = buffer.ToArray();
            var hash = CachedArticlePage.HashOf(body);
            // Unchanged bytes keep the date they first appeared, so If-Modified-Since keeps working across renders.
            var lastModified = stale is not null && stale.Hash == hash ? stale.LastModified : now;
            var page = new CachedArticlePage(articleId, body, hash, response.ContentType ?? "text/html; charset=utf-8", now, lastModified, generation, version);

            Interlocked.Increment(ref _renders);
            _metrics?.ArticlePage("render");
            // Stored only when no eviction of this article came while it rendered: that page may predate the change.
            if (Interlocked.Read(ref _versions[Stripe(articleId)]) == version)
            {
                _entries.Set(key, page, new MemoryCacheEntryOptions
                {
                    AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(Math.Max(FreshSeconds, Options.ArticleStaleSeconds)),
                    // The identity bytes and, once asked for, a compressed copy of each kind (about a fifth each).
                    Size = body.Length + (body.Length / 2),
                });
            }

            await ServeAsync(context, page, "miss", now);
            return;
        }

        if (response.StatusCode is StatusCodes.Status404NotFound or StatusCodes.Status301MovedPermanently or StatusCodes.Status410Gone)
        {
            // Withdrawn or moved: the stale copy must not outlive the answer that says so.
            _entries.Remove(key);
        }

        if (!response.HasStarted && buffer.Length > 0)
        {
            response.ContentLength = buffer.Length;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private CachedArticlePage? Usable(string key, int articleId)
    {
        if (!_entries.TryGetValue(key, out CachedArticlePage? entry) || entry is null)
        {
            return null;
        }

        if (entry.ArticleVersion != Interlocked.Read(ref _versions[Stripe(articleId)]))
        {
            _entries.Remove(key);
            return null;
        }

        return entry;
    }

    private bool IsFresh(CachedArticlePage entry, DateTimeOffset now) =>
        entry.Generation == _changes.Generation && now - entry.RenderedAt < TimeSpan.FromSeconds(FreshSeconds);

    private bool IsServableOnError(CachedArticlePage entry) =>
        _time.GetUtcNow() - entry.RenderedAt < TimeSpan.FromSeconds(Options.ArticleStaleSeconds);

    private async Task ServeAsync(HttpContext context, CachedArticlePage page, string outcome, DateTimeOffset now)
    {
        var response = context.Response;
        var encoding = ChooseEncoding(context.Request);
        var headers = response.Headers;
        var age = Math.Max(0, (int)(now - page.RenderedAt).TotalSeconds);
        headers.CacheControl = CacheControl();
        // The reading mode lives in cookies: a shared cache must key on them (docs/operations.md shows how).
        headers.Vary = "Accept-Encoding, Cookie";
        headers["Surrogate-Key"] = page.SurrogateKey;
        headers.ETag = page.ETag(encoding);
        headers.LastModified = page.LastModifiedHeader;
        // The runtime keeps the strings of small numbers: no allocation for the ages a fresh copy has.
        headers.Age = age.ToString(CultureInfo.InvariantCulture);
        headers["X-Tidings-Cache"] = outcome;

        if (NotModified(context.Request, page))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var (bytes, contentEncoding) = page.For(encoding);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = page.ContentType;
        if (contentEncoding is not null)
        {
            headers.ContentEncoding = contentEncoding;
        }

        response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.BodyWriter.WriteAsync(bytes, context.RequestAborted);
        }
    }

    /// <summary>Any encoding of the same bytes matches (their tags share the hash), as weak comparison allows.</summary>
    private static bool NotModified(HttpRequest request, CachedArticlePage page) =>
        HttpValidators.IsNotModified(request, c => c.Tag.Value?.Contains(page.Hash, StringComparison.Ordinal) == true, page.LastModified);

    private static string? ChooseEncoding(HttpRequest request)
    {
        var accept = request.Headers.AcceptEncoding;
        if (accept.Count == 0)
        {
            return null;
        }

        if (!StringWithQualityHeaderValue.TryParseList(accept, out var values))
        {
            return null;
        }

        double br = 0, gzip = 0;
        foreach (var value in values)
        {
            var q = value.Quality ?? 1;
            if (value.Value.Equals("br", StringComparison.OrdinalIgnoreCase))
            {
                br = q;
            }
            else if (value.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase))
            {
                gzip = q;
            }
        }

        return br > 0 && br >= gzip ? "br" : gzip > 0 ? "gzip" : null;
    }

    /// <summary>
    /// GET or HEAD of /article/{id}/{slug?} (not its comment pages). The key is the path (the page redirects any
    /// other slug to this one, so only canonical paths are ever stored), the reading mode and, without a public base
    /// URL, the host. The query is ignored: the page reads none, and share links carry tracking parameters.
    /// </summary>
    private bool TryKey(HttpContext context, out string key, out int articleId)
    {
        key = string.Empty;
        articleId = 0;
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || Options.ArticleSeconds == 0)
        {
            return false;
        }

        // A handler name selects another page handler (none is a GET on this page): never cached or served cached.
        if (request.Query.ContainsKey("handler"))
        {
            return false;
        }

        var path = request.Path.Value;
        if (path is null || !path.StartsWith("/article/", StringComparison.Ordinal) || path.Length > 300)
        {
            return false;
        }

        var rest = path.AsSpan("/article/".Length);
        var slash = rest.IndexOf('/');
        var idPart = slash < 0 ? rest : rest[..slash];
        if (idPart.Length is 0 or > 9 || !int.TryParse(idPart, NumberStyles.None, CultureInfo.InvariantCulture, out articleId) || articleId <= 0)
        {
            return false;
        }

        if (slash >= 0)
        {
            var slug = rest[(slash + 1)..];
            if (slug.IsEmpty || slug.Contains('/') || slug.SequenceEqual("comments"))
            {
                return false;
            }
        }

        var variant = ReaderMode.CacheVariant(context).Value;
        key = _varyByHost ? string.Concat(request.Host.Value, "|", path, "|", variant) : string.Concat(path, "|", variant);
        return true;
    }

    private static int Stripe(int articleId) => articleId & (Stripes - 1);

    /// <summary>The Cache-Control value, formatted again only when the lifetimes change (spike mode, configuration).</summary>
    private string CacheControl()
    {
        var fresh = FreshSeconds;
        var stale = Options.ArticleStaleSeconds;
        var cached = Volatile.Read(ref _cacheControl);
        if (cached.Fresh == fresh && cached.Stale == stale)
        {
            return cached.Value;
        }

        var value = string.Create(CultureInfo.InvariantCulture, $"public, max-age=0, s-maxage={fresh}, stale-while-revalidate={fresh}, stale-if-error={stale}");
        Volatile.Write(ref _cacheControl, new CacheControlValue(fresh, stale, value));
        return value;
    }

    private sealed record CacheControlValue(int Fresh, int Stale, string Value);
}

internal static class ArticlePageCacheExtensions
{
    /// <summary>In front of authentication: a cached page is the same for everyone, so a hit needs no cookie read.</summary>
    public static WebApplication UseArticlePageCache(this WebApplication app)
    {
        var cache = app.Services.GetRequiredService<ArticlePageCache>();
        app.Use((context, next) => cache.InvokeAsync(context, next));
        return app;
    }
}
