using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tidings.Core.Comments;
using Tidings.Core.Data;

namespace Tidings.Web.Features.Observability;

/// <summary>
/// Checks the dependencies (the /readyz checks) and counts the moderation queue every <see cref="Interval"/>, so a
/// metrics scrape reads numbers from memory and never waits on a database that is down.
/// </summary>
public sealed partial class DependencySampler(HealthCheckService health, IServiceScopeFactory scopes, ILogger<DependencySampler> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    private volatile IReadOnlyDictionary<string, bool> _dependencies = new Dictionary<string, bool>();

    /// <summary>Each dependency and whether it answered the last check.</summary>
    public IReadOnlyDictionary<string, bool> Dependencies => _dependencies;

    /// <summary>Comments waiting for review at the last count; null before the first or while the database is away.</summary>
    public long? PendingComments { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var report = await health.CheckHealthAsync(c => c.Tags.Contains("ready"), stoppingToken);
                _dependencies = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status == HealthStatus.Healthy);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
                PendingComments = await db.Comments.LongCountAsync(c => c.Status == CommentStatus.Pending, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A sample that fails (database away) leaves the gauge empty; the next one retries.
            catch (Exception e)
#pragma warning restore CA1031
            {
                PendingComments = null;
                Log.SampleFailed(logger, e);
            }

            try
            {
                await Task.Delay(Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }


    private static partial class Log
    {
        [LoggerMessage(EventId = 701, EventName = "DependencySampler.SampleFailed", Level = LogLevel.Debug, Message = "Metrics sample failed")]
        public static partial void SampleFailed(ILogger logger, Exception e);
    }
}
