using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using Tidings.Web.Features.Cluster;
using Tidings.Web.Shared;

namespace Tidings.IntegrationTests.Postgres;

/// <summary>The limits of the write paths: the same contract in process and in Redis, and Redis's fallback.</summary>
public abstract class TokenBucketContract
{
    protected abstract ITokenBuckets Buckets { get; }

    /// <summary>Lets <paramref name="elapsed"/> pass for bucket <paramref name="bucket"/> of <paramref name="key"/>.</summary>
    protected abstract Task LetTimePassAsync(string bucket, string key, TimeSpan elapsed);

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
    public async Task TokensComeBack_OnePerPeriod_UpToTheBurst()
    {
        // Long enough that a busy machine cannot let a period pass between calls on Redis's own clock.
        var period = TimeSpan.FromMinutes(1);
        Assert.Null(await Buckets.TakeAsync("refill", "k", 2, period));
        Assert.Null(await Buckets.TakeAsync("refill", "k", 2, period));
        Assert.InRange(await Buckets.TakeAsync("refill", "k", 2, period) ?? TimeSpan.Zero, period - TimeSpan.FromSeconds(5), period);

        await LetTimePassAsync("refill", "k", period);
        Assert.Null(await Buckets.TakeAsync("refill", "k", 2, period));
        Assert.NotNull(await Buckets.TakeAsync("refill", "k", 2, period));

        // A long quiet spell refills to the burst, never beyond it.
        await LetTimePassAsync("refill", "k", period * 10);
        Assert.Null(await Buckets.TakeAsync("refill", "k", 2, period));
        Assert.Null(await Buckets.TakeAsync("refill", "k", 2, period));
        Assert.NotNull(await Buckets.TakeAsync("refill", "k", 2, period));
    }
}

public sealed class TokenBucketsInProcess : TokenBucketContract
{
    private readonly FakeTimeProvider _clock = new();
    private readonly LocalTokenBuckets _buckets;

    public TokenBucketsInProcess() => _buckets = new LocalTokenBuckets(_clock);

    protected override ITokenBuckets Buckets => _buckets;

    protected override Task LetTimePassAsync(string bucket, string key, TimeSpan elapsed)
    {
        _clock.Advance(elapsed);
        return Task.CompletedTask;
    }

    [Fact]
    public void BucketsThatFillUpAgain_AreForgotten_SoMemoryFollowsRecentKeys()
    {
        for (var i = 0; i < 5_000; i++)
        {
            _buckets.Take("comment", "ip:" + i, 3, TimeSpan.FromSeconds(10));
        }

        Assert.Equal(5_000, _buckets.Count);
        _clock.Advance(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 4_096; i++)
        {
            _buckets.Take("comment", "late", 3, TimeSpan.FromSeconds(10));
        }

        // The sweep dropped every full bucket; only the one still in use (and drained) is left.
        Assert.Equal(1, _buckets.Count);
        Assert.NotNull(_buckets.Take("comment", "late", 3, TimeSpan.FromSeconds(10)));
    }
}

/// <summary>Two nodes' bucket services on one Redis: together they allow the burst once, not once each.</summary>
[OnRedis]
public sealed class TokenBucketsInRedis : TokenBucketContract, IDisposable
{
    private readonly string _configuration = RedisServer.Configuration is null ? string.Empty : RedisServer.ForCluster();
    private readonly List<IDisposable> _owned = [];
    private RedisTokenBuckets? _buckets;

    protected override ITokenBuckets Buckets => _buckets ??= Node(_configuration);

    /// <summary>Redis's own clock (TIME) drives the script, so the bucket's last take is moved back instead.</summary>
    protected override async Task LetTimePassAsync(string bucket, string key, TimeSpan elapsed)
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(_configuration);
        var prefix = ConfigurationOptions.Parse(_configuration).ChannelPrefix.ToString();
        await redis.GetDatabase().HashIncrementAsync(prefix + "rl:" + bucket + ":" + key, "at", -(long)elapsed.TotalMilliseconds);
    }

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
        var local = new LocalTokenBuckets(TimeProvider.System);
        _owned.Add(redis);
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
