using StackExchange.Redis;
using Tidings.Web.Infrastructure;

namespace Tidings.Web.Features.Cluster;

/// <summary>Tells the other nodes that published content changed (see <see cref="ContentChanges"/>).</summary>
public interface IContentBroadcast
{
    /// <summary>Anything published changed: every node drops its feeds, lists and pages built from it.</summary>
    Task PublishAsync(CancellationToken ct);

    /// <summary>These articles' pages changed (an edit, a comment): every node drops those articles' cached pages only.</summary>
    Task PublishArticlesAsync(IReadOnlyCollection<int> articleIds, CancellationToken ct);
}

internal sealed class NoContentBroadcast : IContentBroadcast
{
    public Task PublishAsync(CancellationToken ct) => Task.CompletedTask;

    public Task PublishArticlesAsync(IReadOnlyCollection<int> articleIds, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>
/// Redis pub/sub for content changes. A message carries the sender's node id, and for some articles' changes
/// "|{id},{id},..." after it; every other node drops its cached pages, feeds and lists (or that article's pages) as if
/// the change had been made there. Pub/sub is fire-and-forget: a node that is
/// disconnected at that moment misses the message and catches up by the database poll, so nothing depends on
/// delivery.
/// </summary>
internal sealed partial class RedisContentBroadcast(
    IConnectionMultiplexer redis, NodeIdentity node, IServiceProvider services, ILogger<RedisContentBroadcast> logger) : IContentBroadcast, IHostedService, IDisposable
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("tidings:content-changed");

    public Task PublishAsync(CancellationToken ct) => SendAsync(node.Id);

    public Task PublishArticlesAsync(IReadOnlyCollection<int> articleIds, CancellationToken ct) =>
        SendAsync(node.Id + "|" + string.Join(',', articleIds.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    private async Task SendAsync(string message)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, message);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Log.PublishFailed(logger, e);
        }
    }

    private readonly CancellationTokenSource _stopping = new();
    private Task? _subscribing;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Never holds up start-up: while Redis is away the node polls, and subscribes as soon as it can.
        _subscribing = SubscribeAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_subscribing is not null)
        {
            await _subscribing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task SubscribeAsync(CancellationToken ct)
    {
        var logged = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                // Once subscribed, the client restores the subscription by itself after any reconnect.
                await redis.GetSubscriber().SubscribeAsync(Channel, (channel, message) =>
                {
                    var text = message.ToString();
                    var bar = text.IndexOf('|', StringComparison.Ordinal);
                    var sender = bar < 0 ? text : text[..bar];
                    if (sender == node.Id)
                    {
                        return;
                    }

                    if (bar < 0)
                    {
                        _ = InvalidateAsync();
                    }
                    else
                    {
                        var pages = services.GetRequiredService<Articles.ArticlePageCache>();
                        foreach (var part in text[(bar + 1)..].Split(','))
                        {
                            if (int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var articleId))
                            {
                                pages.EvictHere(articleId);
                            }
                        }
                    }
                });
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                if (!logged)
                {
                    Log.SubscribeFailed(logger, e);
                    logged = true;
                }

                await Task.Delay(TimeSpan.FromSeconds(2), ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task InvalidateAsync()
    {
        try
        {
            await services.GetRequiredService<ContentChanges>().ChangedHereAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.InvalidateFailed(logger, e);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 201, EventName = "ContentBroadcast.PublishFailed", Level = LogLevel.Warning, Message = "Could not tell the other nodes about a content change (Redis); they will see it at their next database poll")]
        public static partial void PublishFailed(ILogger logger, Exception e);

        [LoggerMessage(EventId = 202, EventName = "ContentBroadcast.SubscribeFailed", Level = LogLevel.Warning, Message = "Could not subscribe to content changes (Redis); retrying when the connection is back, polling meanwhile")]
        public static partial void SubscribeFailed(ILogger logger, Exception e);

        [LoggerMessage(EventId = 203, EventName = "ContentBroadcast.InvalidateFailed", Level = LogLevel.Error, Message = "Dropping cached content after another node's change failed")]
        public static partial void InvalidateFailed(ILogger logger, Exception e);
    }
}
