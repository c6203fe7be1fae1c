using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Articles;
using Tidings.Core.Data;
using Tidings.Core.Text;

namespace Tidings.Core.Creators;

/// <summary>An earlier article by another account that a text overlaps, and by how much of the text (0–1).</summary>
public sealed record OriginalityHit(int ArticleId, string Title, string SourceName, DateTime PublishedAt, double Share);

/// <summary>
/// 原创保护: how much of a text is found in earlier published articles of other accounts. Candidates come from an
/// index of sampled shingles (<see cref="Shingles"/>), which finds a copied paragraph as well as a whole copy, and from
/// the text's SimHash story cluster; the best few are then measured exactly, shingle by shingle. The index is kept by
/// <see cref="IndexChangedAsync"/>, which also looks for later copies of 原创 articles.
/// </summary>
public sealed class Originality(TidingsDbContext db, OriginalityOptions options)
{
    /// <summary>Candidates measured exactly per check: the rest share too little to matter.</summary>
    private const int Verified = 4;

    private const string WatermarkKey = "originality:indexed-through";

    /// <summary>
    /// The overlaps of <paramref name="text"/> (title and body, plain) with articles published before
    /// <paramref name="before"/> by accounts other than <paramref name="sourceId"/>, largest first, from
    /// <see cref="OriginalityOptions.FlagShare"/> up. <paramref name="originalOnly"/> looks only at 原创 ones.
    /// </summary>
    public async Task<IReadOnlyList<OriginalityHit>> CheckAsync(string text, int sourceId, int? articleId, DateTime before, bool originalOnly, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(text);
        var shingles = Shingles.All(Shingles.Normalize(text));
        var sample = Shingles.Sample(shingles);
        if (sample.Length == 0)
        {
            return [];
        }

        var counts = new Dictionary<int, int>();
        // Boilerplate first: a shingle in very many articles says nothing about copying and would cost the most.
        var common = (await db.Set<ArticleFingerprint>().AsNoTracking().Where(f => sample.Contains(f.Hash))
                .GroupBy(f => f.Hash).Where(g => g.Count() > options.MaxPostingsPerShingle).Select(g => g.Key).ToListAsync(ct))
            .ToHashSet();
        var useful = sample.Where(h => !common.Contains(h)).ToArray();
        foreach (var posting in await db.Set<ArticleFingerprint>().AsNoTracking().Where(f => useful.Contains(f.Hash)).Select(f => f.ArticleId).ToListAsync(ct))
        {
            if (posting != articleId)
            {
                counts[posting] = counts.GetValueOrDefault(posting) + 1;
            }
        }

        // The story cluster (SimHash) catches a whole copy even before the index has the earlier article.
        if (articleId is { } id)
        {
            var cluster = await db.SearchTexts.AsNoTracking().Where(t => t.ArticleId == id).Select(t => t.ClusterId).FirstOrDefaultAsync(ct);
            if (cluster is not null)
            {
                foreach (var member in await db.SearchTexts.AsNoTracking().Where(t => t.ClusterId == cluster && t.ArticleId != id).Select(t => t.ArticleId).Take(50).ToListAsync(ct))
                {
                    counts[member] = counts.GetValueOrDefault(member) + sample.Length;
                }
            }
        }

        // Fewer shared samples than the flag share would need, with room for sampling's chance, are not worth a look.
        var needed = Math.Max(1, (int)Math.Floor(sample.Length * options.FlagShare * 0.5));
        var ranked = counts.Where(c => c.Value >= needed).OrderByDescending(c => c.Value).ThenBy(c => c.Key).Take(50).Select(c => c.Key).ToList();
        if (ranked.Count == 0)
        {
            return [];
        }

        var eligible = await db.Articles.AsNoTracking()
            .Where(a => ranked.Contains(a.Id) && a.SourceId != sourceId && a.Status == ArticleStatus.Published && a.PublishedAt < before && (!originalOnly || a.IsOriginal))
            // An embargoed story is nobody's to copy yet, and naming it in a refusal would leak it to the creator.
            .Where(Embargo.LiftedAt(before))
            .Select(a => a.Id).ToListAsync(ct);
        var best = ranked.Where(eligible.Contains).Take(Verified).ToList();
        if (best.Count == 0)
        {
            return [];
        }

        var rows = await db.Articles.AsNoTracking().Where(a => best.Contains(a.Id))
            .Select(a => new { a.Id, a.Title, a.BodyHtml, Source = a.Source!.Name, PublishedAt = a.PublishedAt!.Value }).ToListAsync(ct);
        return rows
            .Select(r => new OriginalityHit(r.Id, r.Title, r.Source, r.PublishedAt, Shingles.Containment(shingles, Shingles.All(Shingles.Normalize(TextOf(r.Title, r.BodyHtml))))))
            .Where(h => h.Share >= options.FlagShare)
            .OrderByDescending(h => h.Share).ThenBy(h => h.PublishedAt)
            .ToList();
    }

    /// <summary>The text the check measures: title and body as readers see them.</summary>
    public static string TextOf(string title, string bodyHtml) => title + "\n" + ArticleHtml.ToPlainText(bodyHtml);

    /// <summary>
    /// Indexes articles changed since the last call (in change order, <paramref name="max"/> at a time) and, for those
    /// published, records overlaps with earlier 原创 articles of other accounts. Returns how many it indexed.
    /// </summary>
    public async Task<int> IndexChangedAsync(int max, DateTime utcNow, CancellationToken ct)
    {
        var mark = await db.SiteSettings.AsNoTracking().Where(s => s.Key == WatermarkKey).Select(s => s.Value).FirstOrDefaultAsync(ct);
        var (since, afterId) = ParseMark(mark);
        var batch = await db.Articles.AsNoTracking()
            .Where(a => a.UpdatedAt > since || (a.UpdatedAt == since && a.Id > afterId))
            .OrderBy(a => a.UpdatedAt).ThenBy(a => a.Id).Take(max)
            .Select(a => new { a.Id, a.UpdatedAt, a.Title, a.BodyHtml, a.SourceId, a.Status, a.PublishedAt })
            .ToListAsync(ct);
        if (batch.Count == 0)
        {
            return 0;
        }

        foreach (var a in batch)
        {
            var shingles = Shingles.All(Shingles.Normalize(TextOf(a.Title, a.BodyHtml)));
            await IndexAsync(a.Id, Shingles.Sample(shingles), utcNow, ct);
            if (a.Status == ArticleStatus.Published && a.PublishedAt is { } published)
            {
                var hits = await CheckAsync(TextOf(a.Title, a.BodyHtml), a.SourceId, a.Id, published, originalOnly: true, ct);
                await RecordAsync(a.Id, hits, MatchKind.LaterCopy, utcNow, ct);
            }
        }

        var last = batch[^1];
        await SaveMarkAsync(last.UpdatedAt, last.Id, utcNow, ct);
        return batch.Count;
    }

    /// <summary>
    /// Indexes the whole archive afresh, in bulk (after an upgrade or a large import): rows are written with one prepared
    /// statement in large transactions, not one change-tracked save per article. Later copies are not looked for here;
    /// the maintenance does that for articles published from now on. Returns the articles indexed.
    /// </summary>
    public async Task<int> RebuildAsync(IProgress<int>? progress, DateTime utcNow, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"ArticleFingerprints\"", ct);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"ArticleFingerprintSets\"", ct);
        var last = await db.Articles.AsNoTracking().OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id)
            .Select(a => new { a.UpdatedAt, a.Id }).FirstOrDefaultAsync(ct);
        // Every sample first, then the rows in hash order: appended to the key's B-tree in order instead of scattered
        // across it, which on a large archive is the difference between minutes and hours (the index outgrows memory).
        var postings = new List<(long Hash, int ArticleId)>();
        var sets = new List<(int ArticleId, byte[] Packed)>();
        var done = 0;
        var after = 0;
        while (true)
        {
            var batch = await db.Articles.AsNoTracking().Where(a => a.Id > after).OrderBy(a => a.Id).Take(2_000)
                .Select(a => new { a.Id, a.Title, a.BodyHtml }).ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }

            var samples = batch.AsParallel().AsOrdered().WithCancellation(ct)
                .Select(a => (a.Id, Sample: Shingles.Sample(Shingles.All(Shingles.Normalize(TextOf(a.Title, a.BodyHtml))))))
                .ToList();
            foreach (var (id, sample) in samples)
            {
                postings.AddRange(sample.Select(h => (h, id)));
                sets.Add((id, Shingles.Pack(sample)));
            }

            done += batch.Count;
            after = batch[^1].Id;
            progress?.Report(done / 2);
        }

        postings.Sort();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            foreach (var chunk in postings.Chunk(100_000))
            {
                await using var transaction = await connection.BeginTransactionAsync(ct);
                await using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO \"ArticleFingerprints\" (\"Hash\", \"ArticleId\") VALUES (@h, @a) ON CONFLICT DO NOTHING";
                var hash = insert.CreateParameter();
                hash.ParameterName = "@h";
                hash.DbType = System.Data.DbType.Int64;
                var article = insert.CreateParameter();
                article.ParameterName = "@a";
                article.DbType = System.Data.DbType.Int32;
                insert.Parameters.Add(hash);
                insert.Parameters.Add(article);
                foreach (var (h, id) in chunk)
                {
                    hash.Value = h;
                    article.Value = id;
                    await insert.ExecuteNonQueryAsync(ct);
                }

                await transaction.CommitAsync(ct);
            }

            foreach (var chunk in sets.Chunk(10_000))
            {
                await using var transaction = await connection.BeginTransactionAsync(ct);
                await using var set = connection.CreateCommand();
                set.Transaction = transaction;
                set.CommandText = "INSERT INTO \"ArticleFingerprintSets\" (\"ArticleId\", \"Hashes\", \"IndexedAt\") VALUES (@a, @s, @t)";
                var setArticle = set.CreateParameter();
                setArticle.ParameterName = "@a";
                setArticle.DbType = System.Data.DbType.Int32;
                var setHashes = set.CreateParameter();
                setHashes.ParameterName = "@s";
                setHashes.DbType = System.Data.DbType.Binary;
                var setAt = set.CreateParameter();
                setAt.ParameterName = "@t";
                setAt.Value = utcNow;
                set.Parameters.Add(setArticle);
                set.Parameters.Add(setHashes);
                set.Parameters.Add(setAt);
                foreach (var (id, packed) in chunk)
                {
                    setArticle.Value = id;
                    setHashes.Value = packed;
                    await set.ExecuteNonQueryAsync(ct);
                }

                await transaction.CommitAsync(ct);
            }

            progress?.Report(done);
            if (last is not null)
            {
                await SaveMarkAsync(last.UpdatedAt, last.Id, utcNow, ct);
            }

            return done;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Replaces an article's index rows with <paramref name="sample"/>.</summary>
    /// <remarks>
    /// Every node's maintenance indexes the same changes, so two may index one article at once. The set row is
    /// written first (created empty when missing), which locks it until commit; the old sample is read after that, so
    /// the second indexer waits and then replaces exactly the rows the first one left.
    /// </remarks>
    public async Task IndexAsync(int articleId, long[] sample, DateTime utcNow, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var empty = Shingles.Pack([]);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "ArticleFingerprintSets" ("ArticleId", "Hashes", "IndexedAt") VALUES ({articleId}, {empty}, {utcNow})
            ON CONFLICT ("ArticleId") DO UPDATE SET "IndexedAt" = excluded."IndexedAt"
            """, ct);
        var packed = await db.Set<ArticleFingerprintSet>().AsNoTracking().Where(s => s.ArticleId == articleId).Select(s => s.Hashes).FirstAsync(ct);
        var old = Shingles.Unpack(packed);
        var removed = old.Except(sample).ToArray();
        if (removed.Length > 0)
        {
            await db.Set<ArticleFingerprint>().Where(f => f.ArticleId == articleId && removed.Contains(f.Hash)).ExecuteDeleteAsync(ct);
        }

        foreach (var hash in sample.Except(old))
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "ArticleFingerprints" ("Hash", "ArticleId") VALUES ({hash}, {articleId}) ON CONFLICT ("Hash", "ArticleId") DO NOTHING
                """, ct);
        }

        var hashes = Shingles.Pack(sample);
        await db.Database.ExecuteSqlAsync($"""UPDATE "ArticleFingerprintSets" SET "Hashes" = {hashes} WHERE "ArticleId" = {articleId}""", ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Keeps the overlaps found for an article (replacing those of the same kind found before).</summary>
    /// <remarks>
    /// Upserted on (article, kind, earlier article), unique in the schema, so two nodes recording the same article
    /// at once cannot list an overlap twice.
    /// </remarks>
    public async Task RecordAsync(int articleId, IReadOnlyList<OriginalityHit> hits, MatchKind kind, DateTime utcNow, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(hits);
        var earlier = hits.Select(h => h.ArticleId).ToArray();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Set<OriginalityMatch>().Where(m => m.ArticleId == articleId && m.Kind == kind && !earlier.Contains(m.EarlierId)).ExecuteDeleteAsync(ct);
        foreach (var hit in hits)
        {
            var share = Math.Round(hit.Share, 4);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "OriginalityMatches" ("ArticleId", "EarlierId", "Share", "Kind", "DetectedAt") VALUES ({articleId}, {hit.ArticleId}, {share}, {(int)kind}, {utcNow})
                ON CONFLICT ("ArticleId", "Kind", "EarlierId") DO UPDATE SET "Share" = excluded."Share"
                """, ct);
        }

        await transaction.CommitAsync(ct);
    }

    private static (DateTime Since, int AfterId) ParseMark(string? mark)
    {
        var parts = mark?.Split('|');
        return parts is [var ticks, var id]
            && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t)
            && int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            ? (new DateTime(t, DateTimeKind.Utc), i)
            : (DateTime.MinValue, 0);
    }

    private async Task SaveMarkAsync(DateTime through, int id, DateTime utcNow, CancellationToken ct)
    {
        var value = through.Ticks.ToString(CultureInfo.InvariantCulture) + "|" + id.ToString(CultureInfo.InvariantCulture);
        // Upserted: every node's maintenance moves the mark, and the first two may both find it missing.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "SiteSettings" ("Key", "Value", "UpdatedAt", "UpdatedBy") VALUES ({WatermarkKey}, {value}, {utcNow}, {"originality"})
            ON CONFLICT ("Key") DO UPDATE SET "Value" = excluded."Value", "UpdatedAt" = excluded."UpdatedAt"
            """, ct);
    }
}
