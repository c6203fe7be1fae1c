using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Tidings.Core.Creators;
using Tidings.Core.Data;
using Tidings.Core.Sources;

namespace Tidings.Web.Features.Creators;

/// <summary>
/// 信用分 as the site keeps it: penalties recorded for self-media accounts (the site's own desks and partners are
/// managed by contract, not by score), scores computed with <see cref="Standing"/>, and the accounts below the low
/// mark, read at most every half minute per node for the trending lists.
/// </summary>
public sealed class Standings(IServiceScopeFactory scopes, IMemoryCache cache, IOptions<StandingOptions> options, TimeProvider time)
{
    private static readonly TimeSpan LowListLifetime = TimeSpan.FromSeconds(30);
    private const string LowListKey = "standing:low";

    public StandingOptions Options => options.Value;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<int> ScoreAsync(TidingsDbContext db, int sourceId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var since = Now - Standing.Horizon;
        var events = await db.StandingEvents.AsNoTracking().Where(e => e.SourceId == sourceId && e.At >= since)
            .Select(e => new { e.At, e.Points }).ToListAsync(ct);
        return Standing.Score(events.Select(e => (e.At, e.Points)), Now, Options.HalfLifeDays);
    }

    public Task<List<StandingEvent>> HistoryAsync(TidingsDbContext db, int sourceId, int max, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.StandingEvents.AsNoTracking().Where(e => e.SourceId == sourceId).OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(max).ToListAsync(ct);
    }

    /// <summary>The slugs of accounts whose standing is below the low mark (hidden from 热点推荐).</summary>
    public async Task<IReadOnlySet<string>> LowSlugsAsync(CancellationToken ct)
    {
        if (cache.TryGetValue(LowListKey, out IReadOnlySet<string>? cached) && cached is not null)
        {
            return cached;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
        var since = Now - Standing.Horizon;
        var events = await db.StandingEvents.AsNoTracking().Where(e => e.At >= since).Select(e => new { e.SourceId, e.At, e.Points }).ToListAsync(ct);
        var low = events.GroupBy(e => e.SourceId)
            .Where(g => Standing.IsLow(Standing.Score(g.Select(e => (e.At, e.Points)), Now, Options.HalfLifeDays), Options))
            .Select(g => g.Key).ToList();
        IReadOnlySet<string> slugs = low.Count == 0 ? new HashSet<string>() : (await db.Sources.AsNoTracking().Where(s => low.Contains(s.Id)).Select(s => s.Slug).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        cache.Set(LowListKey, slugs, LowListLifetime);
        return slugs;
    }

    /// <summary>
    /// Records a penalty for a self-media account (others are left alone). A copy refusal and reader reports count once
    /// per article, however often the same text is sent again.
    /// </summary>
    public async Task PenalizeAsync(TidingsDbContext db, int sourceId, StandingReason reason, int? articleId, string? note, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.Sources.AnyAsync(s => s.Id == sourceId && s.Kind == SourceKind.SelfMedia, ct))
        {
            return;
        }

        if (reason is StandingReason.CopyRefused or StandingReason.ReaderReports && articleId is not null
            && await db.StandingEvents.AnyAsync(e => e.SourceId == sourceId && e.Reason == reason && e.ArticleId == articleId, ct))
        {
            return;
        }

        db.StandingEvents.Add(new StandingEvent
        {
            SourceId = sourceId,
            At = Now,
            Reason = reason,
            Points = Standing.PointsFor(reason),
            ArticleId = articleId,
            Note = note is null ? null : Core.Text.UnicodeText.Prefix(note, StandingEvent.NoteMaxLength),
        });
        await db.SaveChangesAsync(ct);
        cache.Remove(LowListKey);
    }

    public static string ReasonName(StandingReason reason) => reason switch
    {
        StandingReason.CopyRefused => CreatorsText.StandingCopyRefused,
        StandingReason.Unpublished => CreatorsText.StandingUnpublished,
        StandingReason.Returned => CreatorsText.StandingReturned,
        StandingReason.ReaderReports => CreatorsText.StandingReaderReports,
        _ => CreatorsText.StandingCommentRemoved,
    };
}
