using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Tidings.Web.Features.Cluster;
using Tidings.Web.Shared;

namespace Tidings.IntegrationTests.Postgres;

/// <summary>The limits of the write paths: the same contract in process and in Redis, and Redis's fallback.</summary>
public abstract class TokenBucketContract
{
    protected abstract ITokenBuckets Buckets { get; }

    [Fact]
    public async Task BeyondTheBurst_ARequestIsRefusedWithAWait_PerKeyAndBucket()
    {
        var throttle = new Throttle(Buckets, "newsroom", 3, TimeSpan.FromSeconds(20));
        Assert.Null(await throttle.TryAcquireAsync("user:1"));
        Assert.Null(await throttle.TryAcquireAsync("user:1"));
        Assert.Null(await throttle.TryAcquireAsync("user:1"));
        Assert.InRange(await throttle.TryAcquireAsync("user:1") ?? 0, 1, 20);

        // Another account, or another bucket of the same account, is not held back by the first.
        Assert.Null(await throttle.TryAcquireAsync("user:2"));
        Assert.Null(await new Throttle(Buckets, "sign-in", 3, TimeSpan.FromSeconds(20)).TryAcquireAsync("user:1"));
    }

    [Fact]
    public async Task TokensComeBack_OnePerPeriod()
    {
        // Long enough that a busy machine cannot let a period pass between the first two calls.
        var period = TimeSpan.FromSeconds(2);
        Assert.Null(await Buckets.TakeAsync("refill", "k", 1, period));
        Assert.NotNull(await Buckets.TakeAsync("refill", "k", 1, period));
        await Task.Delay(period * 2, TestContext.Current.CancellationToken);
        Assert.Null(await Buckets.TakeAsync("refill", "k", 1, period));
    }
}

public sealed class TokenBucketsInProcess : TokenBucketContract, IDisposable
{
    private readonly LocalTokenBuckets _buckets = new();

    protected override ITokenBuckets Buckets => _buckets;

    public void Dispose() => _buckets.Dispose();
}

/// <summary>Two nodes' bucket services on one Redis: together they allow the burst once, not once each.</summary>
[OnRedis]
public sealed class TokenBucketsInRedis : TokenBucketContract, IDisposable
{
    private readonly string _configuration = RedisServer.Configuration is null ? string.Empty : RedisServer.ForCluster();
    private readonly List<IDisposable> _owned = [];
    private RedisTokenBuckets? _buckets;

    protected override ITokenBuckets Buckets => _buckets ??= Node(_configuration);

    [Fact]
    public async Task TwoNodes_ShareOneBucket()
    {
        var (a, b) = (Node(_configuration), Node(_configuration));
        Assert.Null(await a.TakeAsync("comment-poster", "v:1", 2, TimeSpan.FromMinutes(1)));
        Assert.Null(await b.TakeAsync("comment-poster", "v:1", 2, TimeSpan.FromMinutes(1)));
        Assert.NotNull(await a.TakeAsync("comment-poster", "v:1", 2, TimeSpan.FromMinutes(1)));
        Assert.NotNull(await b.TakeAsync("comment-poster", "v:1", 2, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task WithRedisAway_TheNodeLimitsOnItsOwn_AtOnce()
    {
        // Nothing listens on port 1: every call fails, and the node's own bucket decides.
        var away = Node("127.0.0.1:1,abortConnect=false,connectTimeout=200,channelPrefix=away:");
        var started = DateTime.UtcNow;
        Assert.Null(await away.TakeAsync("sign-in", "ip:203.0.113.9", 2, TimeSpan.FromMinutes(1)));
        Assert.Null(await away.TakeAsync("sign-in", "ip:203.0.113.9", 2, TimeSpan.FromMinutes(1)));
        Assert.NotNull(await away.TakeAsync("sign-in", "ip:203.0.113.9", 2, TimeSpan.FromMinutes(1)));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "a reader waited for a Redis that is not there");
    }

    private RedisTokenBuckets Node(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        var redis = ConnectionMultiplexer.Connect(options);
        var local = new LocalTokenBuckets();
        _owned.Add(redis);
        _owned.Add(local);
        return new RedisTokenBuckets(redis, new RedisKeys(options.ChannelPrefix.ToString()), local, TimeProvider.System, NullLogger<RedisTokenBuckets>.Instance);
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        if (_configuration.Length > 0)
        {
            RedisServer.DeleteKeys(_configuration);
        }
    }
}
