using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;

namespace Tidings.Core.Search;

/// <summary>
/// Segments every article again (after a dictionary change or an engine upgrade) and rewrites its search text; the
/// index follows through its triggers. Works in id order in batches, so memory stays flat at any corpus size.
/// </summary>
public sealed class SearchReindexer(TidingsDbContext db, SearchTextBuilder search, IDatabaseDialect dialect)
{
    private const int BatchSize = 500;

    public Task<int> CountAsync(CancellationToken ct) => db.Articles.CountAsync(ct);

    /// <returns>The number of articles reindexed.</returns>
    public async Task<int> ReindexAsync(IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var done = 0;
        var lastId = 0;
        while (true)
        {
            var batch = await db.Articles.AsNoTracking()
                .Where(a => a.Id > lastId)
                .OrderBy(a => a.Id)
                .Take(BatchSize)
                .Select(a => new { a.Id, a.Title, a.Summary, a.BodyHtml, Source = a.Source!.Name })
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }

            var ids = batch.Select(a => a.Id).ToList();
            var tags = (await db.ArticleTags.AsNoTracking()
                    .Where(at => ids.Contains(at.ArticleId))
                    .Join(db.Tags, at => at.TagId, t => t.Id, (at, t) => new { at.ArticleId, t.Name })
                    .ToListAsync(ct))
                .ToLookup(t => t.ArticleId, t => t.Name);
            var texts = new ArticleSearchText[batch.Count];
            Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = ct }, i =>
            {
                var a = batch[i];
                texts[i] = search.Build(a.Title, a.Summary, a.BodyHtml, a.Source, tags[a.Id]);
                texts[i].ArticleId = a.Id;
            });

            var existing = await db.SearchTexts.Where(t => ids.Contains(t.ArticleId)).ToDictionaryAsync(t => t.ArticleId, ct);
            foreach (var text in texts)
            {
                if (existing.TryGetValue(text.ArticleId, out var current))
                {
                    (current.Title, current.Body, current.Extra) = (text.Title, text.Body, text.Extra);
                }
                else
                {
                    db.SearchTexts.Add(text);
                }
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            done += batch.Count;
            lastId = batch[^1].Id;
            progress?.Report(done);
        }

        await dialect.OptimizeSearchIndexAsync(db, ct);

        return done;
    }
}
