using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidings.Core.Articles;
using Tidings.Core.Data;
using Tidings.Core.Newsroom;
using Tidings.Core.Related;
using Tidings.Web.Infrastructure;

namespace Tidings.Web.Features.Newsroom;

public sealed class NewsroomOptions
{
    /// <summary>How often scheduled articles are checked; an article goes out at most this long after its time.</summary>
    public int SchedulerSeconds { get; set; } = 5;

    /// <summary>Newsroom writes (saves, workflow actions, pins, moderation) an account may make at once ...</summary>
    public int WriteBurst { get; set; } = 30;

    /// <summary>... and how many more per minute after that: staff save often, but not dozens of times a second.</summary>
    public int WritesPerMinute { get; set; } = 30;

    /// <summary>The editor and revisions pages an account may open at once (each costs a diff or a model run) ...</summary>
    public int ReadBurst { get; set; } = 120;

    /// <summary>... and per minute after that: far above reading, far below a script.</summary>
    public int ReadsPerMinute { get; set; } = 120;

    /// <summary>Create demo newsroom accounts (one per role) on an empty database; for the demo portal only.</summary>
    public bool DemoAccounts { get; set; }
}

/// <summary>
/// Publishes scheduled articles when their time comes. The schedule lives in the database (status Scheduled with a
/// PublishedAt), so it survives restarts; each article is taken with a conditional update, so with several nodes
/// exactly one publishes it and writes its audit line.
/// </summary>
internal sealed partial class ScheduledPublisher(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<NewsroomOptions> options, ILogger<ScheduledPublisher> logger) : BackgroundService
{
    public const string Actor = "scheduler";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SchedulerSeconds), time);
        do
        {
            try
            {
                await PublishDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.Failed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Publishes every scheduled article whose time has come; returns how many this node published.</summary>
    public async Task<int> PublishDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.Articles.AsNoTracking().InState(ArticleStatus.Scheduled)
            .Where(a => a.PublishedAt <= now)
            .Where(Embargo.LiftedAt(now))
            .OrderBy(a => a.PublishedAt).Select(a => a.Id).Take(100).ToListAsync(ct);
        var published = new List<int>();
        foreach (var id in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var taken = await db.Articles.Where(a => a.Id == id && a.Status == ArticleStatus.Scheduled)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, ArticleStatus.Published).SetProperty(a => a.UpdatedAt, now), ct);
            if (taken == 0)
            {
                continue;
            }

            db.AuditLog.Add(new AuditEntry { At = now, Actor = Actor, Action = "publish", ArticleId = id, Detail = "scheduled" });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            published.Add(id);
            Log.Published(logger, id);
        }

        if (published.Count > 0)
        {
            await scope.ServiceProvider.GetRequiredService<RelatedArticles>().UpdateAsync(published, now, ct);
            await scope.ServiceProvider.GetRequiredService<ContentChanges>().ChangedAsync(ct);
        }

        return published.Count;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 601, EventName = "ScheduledPublisher.Published", Level = LogLevel.Information, Message = "Published scheduled article {ArticleId}")]
        public static partial void Published(ILogger logger, int articleId);

        [LoggerMessage(EventId = 602, EventName = "ScheduledPublisher.Failed", Level = LogLevel.Warning, Message = "Scheduled publishing failed; retrying at the next tick")]
        public static partial void Failed(ILogger logger, Exception e);
    }
}
