using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Articles;
using Tidings.Core.Data;

namespace Tidings.Core.Corrections;

/// <summary>
/// 更正提醒: a reader who opened an article before it was corrected is told once, on their next page ("您此前阅读的
/// 《…》已更正"). The rule and both of its stores live here — reads recorded in batches, notices found per visitor —
/// so the web's events pipeline, the notice endpoint and the maintenance all share one answer.
/// </summary>
public static class CorrectionNotices
{
    /// <summary>Rows per INSERT: three parameters each, well below every provider's parameter limit.</summary>
    private const int InsertChunk = 300;

    /// <summary>How many recent corrections one check looks at, whatever the reader's mark says.</summary>
    private const int RecentCorrections = 100;

    /// <summary>
    /// The stored key of a visitor id (32 hex digits, random): its first 64 bits. Two visitors sharing a key is a
    /// one-in-billions chance whose worst outcome is a notice about an article one of them did not read.
    /// </summary>
    public static long? VisitorKey(string? visitorId) =>
        visitorId is { Length: >= 16 } && long.TryParse(visitorId.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var key)
            ? key
            : null;

    /// <summary>A correction concerns a reader who opened the article before it was made (not one who read the corrected text).</summary>
    public static bool Concerns(DateTime readAt, DateTime correctedAt) => readAt < correctedAt;

    /// <summary>
    /// Stores first reads; a visitor's later reads of the same article change nothing (the first is what a correction
    /// is compared with). One statement per chunk, the same SQL on SQLite and PostgreSQL.
    /// </summary>
    public static async Task RecordReadsAsync(TidingsDbContext db, IReadOnlyCollection<ArticleRead> reads, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(reads);
        // Duplicates inside one statement would make PostgreSQL's ON CONFLICT refuse the whole chunk.
        var unique = reads.GroupBy(r => (r.Visitor, r.ArticleId)).Select(g => g.MinBy(r => r.At)!).ToList();
        foreach (var chunk in unique.Chunk(InsertChunk))
        {
            var sql = new StringBuilder("""INSERT INTO "ArticleReads" ("Visitor", "ArticleId", "At") VALUES """);
            var args = new object[chunk.Length * 3];
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(i == 0 ? string.Empty : ", ").Append(CultureInfo.InvariantCulture, $"({{{i * 3}}}, {{{(i * 3) + 1}}}, {{{(i * 3) + 2}}})");
                args[i * 3] = chunk[i].Visitor;
                args[(i * 3) + 1] = chunk[i].ArticleId;
                args[(i * 3) + 2] = DateTime.SpecifyKind(chunk[i].At, DateTimeKind.Utc);
            }

            sql.Append(""" ON CONFLICT ("Visitor", "ArticleId") DO NOTHING""");
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), args, ct);
        }
    }

    /// <summary>Deletes reads older than the retention; returns how many.</summary>
    public static Task<int> PurgeAsync(TidingsDbContext db, DateTime before, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ArticleReads.Where(r => r.At < before).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// The corrections made after <paramref name="since"/> (and within the notice window) to articles readers may see
    /// and the visitor opened before the correction, newest first, one per article. Costs one indexed query for the
    /// recent corrections and, only when there are any, primary-key lookups of the visitor's reads of those articles.
    /// </summary>
    public static async Task<IReadOnlyList<CorrectionNotice>> ForVisitorAsync(
        TidingsDbContext db, long visitor, DateTime? since, DateTime utcNow, CorrectionOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        var floor = utcNow.AddDays(-options.NoticeDays);
        if (since > floor)
        {
            floor = since.Value;
        }

        var recent = await db.ArticleCorrections.AsNoTracking()
            .Where(c => c.At > floor && c.At <= utcNow)
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
            .Take(RecentCorrections)
            .Select(c => new { c.Id, c.ArticleId, c.At, c.Text })
            .ToListAsync(ct);
        if (recent.Count == 0)
        {
            return [];
        }

        var articleIds = recent.Select(c => c.ArticleId).Distinct().ToList();
        var reads = await db.ArticleReads.AsNoTracking()
            .Where(r => r.Visitor == visitor && articleIds.Contains(r.ArticleId))
            .ToDictionaryAsync(r => r.ArticleId, r => r.At, ct);
        var due = recent
            .Where(c => reads.TryGetValue(c.ArticleId, out var readAt) && Concerns(readAt, c.At))
            .GroupBy(c => c.ArticleId).Select(g => g.First())
            .Take(options.MaxNotices)
            .ToList();
        if (due.Count == 0)
        {
            return [];
        }

        var dueIds = due.Select(c => c.ArticleId).ToList();
        var articles = (await db.Articles.AsNoTracking().Where(a => dueIds.Contains(a.Id))
                .Select(a => new { a.Id, a.Slug, a.Title, a.Status, a.PublishedAt, a.EmbargoUntil }).ToListAsync(ct))
            .Where(a => ReaderVisibility.IsVisible(a.Status, a.PublishedAt, a.EmbargoUntil, utcNow))
            .ToDictionary(a => a.Id);
        return due.Where(c => articles.ContainsKey(c.ArticleId))
            .Select(c => new CorrectionNotice(c.Id, c.ArticleId, articles[c.ArticleId].Slug, articles[c.ArticleId].Title, c.At, c.Text))
            .ToList();
    }
}
