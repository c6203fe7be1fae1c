using System.Net;
using Microsoft.Extensions.Time.Testing;
using Tidings.Core.Aggregation;

namespace Tidings.IntegrationTests.Aggregation;

public sealed class FeedFetcherTests : IAsyncLifetime
{
    private const string UserAgent = "Tidings (+https://news.example/) feed fetcher";

    private LocalFeedServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await LocalFeedServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static FeedFetcher Fetcher(Action<AggregationOptions>? configure = null)
    {
        var options = new AggregationOptions { AllowPrivateNetworks = true };
        configure?.Invoke(options);
        return new FeedFetcher(options, UserAgent, new FakeTimeProvider(DateTimeOffset.UtcNow));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fetch_ThenFetchAgain_SendsTheValidators_AndGets304()
    {
        using var fetcher = Fetcher();
        var first = await fetcher.FetchAsync(new FeedRequest(_server.Url("/rss")), Ct);
        Assert.False(first.NotModified);
        Assert.Equal(LocalFeedServer.RssETag, first.ETag);
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 1, 0, 0, TimeSpan.Zero), first.LastModified);
        Assert.Equal("第一条新闻", FeedParser.Parse(first.Body, first.Charset, first.FinalUrl).Entries[0].Title);

        var second = await fetcher.FetchAsync(new FeedRequest(_server.Url("/rss"), first.ETag, first.LastModified), Ct);
        Assert.True(second.NotModified);
        var sent = _server.Requests.Last(r => r.Path == "/rss").Headers;
        Assert.Equal(LocalFeedServer.RssETag, sent.IfNoneMatch.ToString());
        Assert.Equal("Sat, 05 Dec 2026 01:00:00 GMT", sent.IfModifiedSince.ToString());
        Assert.Equal(UserAgent, sent.UserAgent.ToString());
        Assert.Contains("gzip", sent.AcceptEncoding.ToString(), StringComparison.Ordinal);
        Assert.Contains("br", sent.AcceptEncoding.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gzip_IsDecompressed()
    {
        using var fetcher = Fetcher();
        var response = await fetcher.FetchAsync(new FeedRequest(_server.Url("/gzip")), Ct);
        Assert.Single(FeedParser.Parse(response.Body, response.Charset, response.FinalUrl).Entries);
    }

    [Fact]
    public async Task Gbk_InTheContentType_ReachesTheParser()
    {
        using var fetcher = Fetcher();
        var response = await fetcher.FetchAsync(new FeedRequest(_server.Url("/gbk")), Ct);
        Assert.Equal("GBK", response.Charset);
        Assert.Equal("泉城广场迎来新年灯会", FeedParser.Parse(response.Body, response.Charset, response.FinalUrl).Entries[0].Title);
    }

    [Fact]
    public async Task Redirects_AreFollowedUpToTheLimit_AndTheFinalUrlIsKept()
    {
        using var fetcher = Fetcher(o => o.MaxRedirects = 3);
        var response = await fetcher.FetchAsync(new FeedRequest(_server.Url("/redirect/2")), Ct);
        Assert.Equal(_server.Url("/rss"), response.FinalUrl);

        var tooMany = await Assert.ThrowsAsync<FeedFetchException>(() => fetcher.FetchAsync(new FeedRequest(_server.Url("/redirect/5")), Ct));
        Assert.Contains("More than 3 redirects", tooMany.Message, StringComparison.Ordinal);
        var loop = await Assert.ThrowsAsync<FeedFetchException>(() => fetcher.FetchAsync(new FeedRequest(_server.Url("/loop")), Ct));
        Assert.Contains("redirects", loop.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASlowServer_TimesOut_WithAReason()
    {
        using var fetcher = Fetcher(o => o.RequestTimeoutSeconds = 1);
        var error = await Assert.ThrowsAsync<FeedFetchException>(() => fetcher.FetchAsync(new FeedRequest(_server.Url("/slow")), Ct));
        Assert.Contains("within 1 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedBodies_AreRefused_CountedAfterDecompression()
    {
        using var fetcher = Fetcher(o => o.MaxFeedBytes = 1024 * 1024);
        var huge = await Assert.ThrowsAsync<FeedFetchException>(() => fetcher.FetchAsync(new FeedRequest(_server.Url("/huge")), Ct));
        Assert.Contains("over the limit", huge.Message, StringComparison.Ordinal);
        var bomb = await Assert.ThrowsAsync<FeedFetchException>(() => fetcher.FetchAsync(new FeedRequest(_server.Url("/bomb")), Ct));
        Assert.Contains("after decompression", bomb.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryAfter_IsReported()
    {
        using var fetcher = Fetcher();
        var error = await Assert.ThrowsAsync<FeedFetchException>(() => fetcher.FetchAsync(new FeedRequest(_server.Url("/busy")), Ct));
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
    }

    [Fact]
    public async Task PrivateTargets_AreRefused_BeforeAnythingIsSent()
    {
        using var fetcher = new FeedFetcher(new AggregationOptions(), UserAgent, TimeProvider.System);
        var before = _server.Requests.Count;
        foreach (var url in new[] { _server.Url("/rss"), new Uri($"http://localhost:{_server.BaseUri.Port}/rss"), new Uri("http://169.254.169.254/latest/meta-data/"), new Uri($"http://[::1]:{_server.BaseUri.Port}/rss") })
        {
            var error = await Assert.ThrowsAsync<FeedFetchException>(() => fetcher.FetchAsync(new FeedRequest(url), Ct));
            Assert.True(error.Refused, url.ToString());
            Assert.Contains("not a public address", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, _server.Requests.Count);
        var file = await Assert.ThrowsAsync<FeedFetchException>(() => fetcher.FetchAsync(new FeedRequest(new Uri("file:///etc/passwd")), Ct));
        Assert.True(file.Refused);
    }

    [Fact]
    public async Task ARedirectToARefusedAddress_IsRefused()
    {
        // Only 127.0.0.1 is allowed here: the partner's redirect to another loopback address must be checked again.
        using var fetcher = new FeedFetcher(new AggregationOptions(), UserAgent, TimeProvider.System, a => a.Equals(IPAddress.Loopback));
        var ok = await fetcher.FetchAsync(new FeedRequest(_server.Url("/rss")), Ct);
        Assert.False(ok.NotModified);
        var error = await Assert.ThrowsAsync<FeedFetchException>(() => fetcher.FetchAsync(new FeedRequest(_server.Url("/to/127.0.0.2")), Ct));
        Assert.True(error.Refused);
        Assert.Contains("127.0.0.2", error.Message, StringComparison.Ordinal);
    }
}
