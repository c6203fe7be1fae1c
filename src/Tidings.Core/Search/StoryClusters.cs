using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;
using Tidings.Core.Text;

namespace Tidings.Core.Search;

/// <summary>
/// Groups reprints of the same story: an article joins the cluster of every article whose fingerprint is close
/// enough (<see cref="SimHash.AllowedDistance"/>), and clusters that it connects are merged. A cluster is named by
/// its lowest article id, so the first report names the story. An article with no near-duplicate keeps a null
/// cluster (a story of one), which costs no write.
/// </summary>
public static class StoryClusters
{
    /// <param name="texts">Saved search texts (their ArticleId set) of new or changed articles.</param>
    public static async Task AssignAsync(TidingsDbContext db, IReadOnlyCollection<ArticleSearchText> texts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(texts);
        foreach (var self in texts)
        {
            var id = self.ArticleId;
            if (self.FingerprintWords < SimHash.MinimumWords)
            {
                continue;
            }

            var candidates = await db.SearchTexts.AsNoTracking()
                .Where(t => t.ArticleId != id && t.FingerprintWords >= SimHash.MinimumWords
                    && (t.Band0 == self.Band0 || t.Band1 == self.Band1 || t.Band2 == self.Band2 || t.Band3 == self.Band3))
                .Select(t => new { t.ArticleId, t.Fingerprint, t.FingerprintWords, t.ClusterId })
                .ToListAsync(ct);
            var duplicates = candidates
                .Where(c => SimHash.Distance(c.Fingerprint, self.Fingerprint) <= SimHash.AllowedDistance(Math.Min(c.FingerprintWords, self.FingerprintWords)))
                .ToList();
            if (duplicates.Count == 0)
            {
                continue;
            }

            // Every cluster this article touches becomes one, named by the lowest member id.
            var clusters = duplicates.Select(d => d.ClusterId ?? d.ArticleId).Distinct().ToList();
            var clusterId = Math.Min(id, clusters.Min());
            var members = duplicates.Select(d => d.ArticleId).Append(id).ToList();
            await db.SearchTexts
                .Where(t => members.Contains(t.ArticleId) || (t.ClusterId != null && clusters.Contains(t.ClusterId.Value)))
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.ClusterId, clusterId), ct);
        }
    }
}
