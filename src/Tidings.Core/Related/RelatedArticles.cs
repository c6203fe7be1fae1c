using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Articles;
using Tidings.Core.Data;
using Tidings.Core.Topics;

namespace Tidings.Core.Related;

/// <summary>
/// Computes and stores 相关推荐 lists. Candidates come from the key-term index (articles sharing heavy terms, a
/// "more like this" over truncated tf-idf vectors); each is then scored with topic similarity, shared tags, region
/// and closeness in time, and the list is picked greedily under diversity rules: never the article itself or its
/// story (near-duplicates), one item per story, and at most <see cref="RelatedOptions.MaxPerSource"/> per source
/// in each run of ten.
/// </summary>
public sealed class RelatedArticles(TidingsDbContext db, KeyTermExtractor extractor, TopicModels topics, RelatedOptions options, IDatabaseDialect dialect)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The stored list of an article, best first; empty when none has been computed yet.</summary>
    public static IReadOnlyList<RelatedItem> Parse(string items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return JsonSerializer.Deserialize<List<RelatedItem>>(items, Json) ?? [];
    }

    /// <summary>
    /// Brings these (new or changed) articles into the index, computes and stores their lists, and marks the lists
    /// of their related articles stale, since the newcomer may belong there.
    /// </summary>
    public async Task UpdateAsync(IReadOnlyCollection<int> articleIds, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(articleIds);
        if (articleIds.Count == 0)
        {
            return;
        }

        await WriteKeyTermsAsync(articleIds, replace: true, ct);
        var model = options.TopicWeight > 0 ? await topics.CurrentAsync(db, ct) : null;
        var neighbours = new HashSet<int>();
        foreach (var id in articleIds)
        {
            var items = await ComputeAsync(id, model, ct);
            await StoreAsync(id, items, now, ct);
            neighbours.UnionWith(items.Select(i => i.Id));
        }

        neighbours.ExceptWith(articleIds);
        foreach (var chunk in neighbours.Chunk(500))
        {
            await db.RelatedLists.Where(r => chunk.Contains(r.ArticleId)).ExecuteUpdateAsync(u => u.SetProperty(r => r.Stale, true), ct);
        }
    }

    /// <summary>Recomputes up to <paramref name="max"/> stale lists; returns whose (their pages show the lists).</summary>
    public async Task<IReadOnlyList<int>> RefreshStaleAsync(int max, DateTime now, CancellationToken ct)
    {
        var stale = await db.RelatedLists.Where(r => r.Stale).OrderByDescending(r => r.ArticleId).Select(r => r.ArticleId).Take(max).ToListAsync(ct);
        var model = options.TopicWeight > 0 ? await topics.CurrentAsync(db, ct) : null;
        foreach (var id in stale)
        {
            await StoreAsync(id, await ComputeAsync(id, model, ct), now, ct);
        }

        return stale;
    }

    /// <summary>
    /// Brings up to <paramref name="max"/> articles that have a search text but no list (a bulk load, the demo seed,
    /// rows from older versions) into the key-term index, with their lists marked stale: every key term of a backlog
    /// is written before any of its lists is computed, so the lists see the whole archive. Returns how many.
    /// </summary>
    public async Task<int> IndexMissingAsync(int max, CancellationToken ct)
    {
        var missing = await db.SearchTexts.AsNoTracking()
            .Where(t => !db.RelatedLists.Any(r => r.ArticleId == t.ArticleId))
            .OrderByDescending(t => t.ArticleId)
            .Select(t => t.ArticleId)
            .Take(max)
            .ToListAsync(ct);
        if (missing.Count > 0)
        {
            await WriteKeyTermsAsync(missing, replace: false, ct);
        }

        return missing.Count;
    }

    /// <summary>Rebuilds the key-term index and every list from the stored search texts.</summary>
    public async Task<RebuildSummary> RebuildAsync(IProgress<int>? progress, DateTime now, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await db.KeyTerms.ExecuteDeleteAsync(ct);
        var ids = await db.Articles.Where(a => a.SearchText != null).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct);
        var done = 0;
        foreach (var chunk in ids.Chunk(1000))
        {
            await WriteKeyTermsAsync(chunk, replace: false, ct);
            done += chunk.Length;
            progress?.Report(done / 2);
        }

        var termsSeconds = clock.Elapsed.TotalSeconds;
        var model = options.TopicWeight > 0 ? await topics.CurrentAsync(db, ct) : null;
        var latencies = new double[ids.Count];
        done = 0;
        foreach (var id in ids)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var items = await ComputeAsync(id, model, ct);
            latencies[done] = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            await StoreAsync(id, items, now, ct);
            if (++done % 100 == 0)
            {
                progress?.Report((ids.Count / 2) + (done / 2));
            }
        }

        progress?.Report(ids.Count);
        await dialect.RefreshStatisticsAsync(db, ct);
        Array.Sort(latencies);
        double Percentile(double p) => latencies.Length == 0 ? 0 : latencies[Math.Min(latencies.Length - 1, (int)(p * latencies.Length))];
        return new RebuildSummary(ids.Count, termsSeconds, clock.Elapsed.TotalSeconds - termsSeconds, Percentile(0.5), Percentile(0.95), Percentile(0.99));
    }

    /// <summary>Computes (does not store) the list for one article that is already in the key-term index.</summary>
    public async Task<IReadOnlyList<RelatedItem>> ComputeAsync(int articleId, TopicClassifier? model, CancellationToken ct)
    {
        var subject = await db.Articles.AsNoTracking()
            .Where(a => a.Id == articleId)
            .Select(a => new
            {
                a.ChannelId,
                a.ChannelSuggested,
                a.SuggestedChannelId,
                a.RegionId,
                a.PublishedAt,
                a.CreatedAt,
                ClusterId = a.SearchText != null ? a.SearchText.ClusterId : null,
                Title = a.SearchText != null ? a.SearchText.Title : string.Empty,
                Head = a.SearchText != null ? a.SearchText.Body.Substring(0, TopicModels.BodyHeadChars + 1) : string.Empty,
                Tags = a.Tags.Select(t => t.TagId).ToList(),
                KeyTerms = db.RelatedLists.Where(r => r.ArticleId == a.Id).Select(r => r.KeyTerms).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(ct);
        if (subject is null)
        {
            return [];
        }

        var terms = ParseKeyTerms(subject.KeyTerms ?? string.Empty);
        if (terms.Count == 0)
        {
            return [];
        }

        var lexical = await LexicalCandidatesAsync(articleId, [.. terms.OrderByDescending(t => t.Impact).Take(options.QueryTerms)], ct);

        // The article's topic: its channel when a person gave it, else the model's distribution over channels.
        var topic = new Dictionary<int, double>();
        if (subject.ChannelId is { } given && !subject.ChannelSuggested)
        {
            topic[given] = 1;
        }
        else if (model is not null)
        {
            var prediction = model.Predict(topics.FeaturesOf(subject.Title, subject.Head ?? string.Empty));
            for (var c = 0; c < model.Labels.Count; c++)
            {
                topic[int.Parse(model.Labels[c], CultureInfo.InvariantCulture)] = prediction.Probabilities[c];
            }
        }
        else if ((subject.ChannelId ?? subject.SuggestedChannelId) is { } guessed)
        {
            topic[guessed] = 1;
        }

        // The article's channel for the eligibility rule and the "same topic" reason: the given one, else the likeliest.
        int? channel = topic.Count > 0 ? topic.MaxBy(t => t.Value).Key : null;

        // Short texts share few key terms with anything: the pool is topped up with the articles nearest in time from
        // the article's (likeliest) channel, so a list of weak matches can still fill and the one-per-source rule can
        // bite. Never from the whole site: an article that shares neither a term nor the channel is not related
        // (RelatedEligibility), and a list may be shorter than ten rather than padded with noise.
        var when = subject.PublishedAt ?? subject.CreatedAt;
        if (lexical.Count < options.Candidates && channel is not null && options.TopicWeight > 0)
        {
            var published = db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published && a.Id != articleId);
            await AddNearestAsync(lexical, published.Where(a => a.ChannelId == channel), when, options.StoredItems * 2, ct);
        }

        if (lexical.Count == 0)
        {
            return [];
        }

        var ids = lexical.Keys.ToList();
        // Published is checked here, not in SQL: by ids alone the query is primary-key lookups whatever the planner
        // believes about the status index.
        var candidates = (await db.Articles.AsNoTracking()
            .Where(a => ids.Contains(a.Id))
            .Select(a => new
            {
                a.Id,
                a.Status,
                a.SourceId,
                Channel = a.ChannelId ?? a.SuggestedChannelId,
                // A given channel is certain; a suggested one only as sure as the model was.
                Certainty = a.ChannelId != null && !a.ChannelSuggested ? 1f : a.SuggestedChannelConfidence ?? 0f,
                a.RegionId,
                a.PublishedAt,
                ClusterId = a.SearchText != null ? a.SearchText.ClusterId : null,
            })
            .ToListAsync(ct))
            .Where(a => a.Status == ArticleStatus.Published && RelatedEligibility.IsEligible(lexical[a.Id] > 0, channel, a.Channel));
        var sharedTags = subject.Tags.Count == 0
            ? []
            : (await db.ArticleTags.Where(t => ids.Contains(t.ArticleId) && subject.Tags.Contains(t.TagId)).Select(t => t.ArticleId).ToListAsync(ct))
                .GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());

        var scored = candidates
            .Select(c =>
            {
                var topicSimilarity = c.Channel is { } ch ? topic.GetValueOrDefault(ch) * c.Certainty : 0;
                var tags = sharedTags.GetValueOrDefault(c.Id);
                var sameRegion = subject.RegionId is not null && c.RegionId == subject.RegionId;
                var score = lexical[c.Id]
                    + (options.TopicWeight * topicSimilarity)
                    + (options.TagWeight * Math.Min(tags, 3) / 3.0)
                    + (sameRegion ? options.RegionWeight : 0);
                var days = Math.Abs(((c.PublishedAt ?? when) - when).TotalDays);
                score *= days <= options.RecentWindowDays
                    ? 0.6 + (0.4 * Math.Pow(0.5, days / options.RecencyHalfLifeDays))
                    : options.OutsideWindowFactor;
                return (c.Id, c.SourceId, c.ClusterId, Score: score, SameTopic: RelatedEligibility.IsSameChannel(channel, c.Channel), SameRegion: sameRegion, Tags: tags, Filled: lexical[c.Id] <= 0);
            })
            .OrderByDescending(c => c.Score)
            .ThenByDescending(c => c.Id)
            .ToList();

        var facts = scored.ToDictionary(c => c.Id);
        var picked = RelatedPicker.Pick(scored.Select(c => new RelatedCandidate(c.Id, c.SourceId, c.ClusterId, c.Score)), subject.ClusterId, options.StoredItems, options.MaxPerSource)
            .Select(p => facts[p.Id])
            .ToList();

        var reasons = await SharedTermsAsync(terms, picked.Select(p => p.Id).ToList(), ct);
        return picked
            .Select(p => new RelatedItem(p.Id, Math.Round(p.Score, 4), reasons.GetValueOrDefault(p.Id) ?? [], p.SameTopic, p.SameRegion, p.Tags, p.Filled))
            .ToList();
    }

    /// <summary>Adds (with no lexical score) up to <paramref name="count"/> articles nearest in time: half before, half after.</summary>
    private static async Task AddNearestAsync(Dictionary<int, double> pool, IQueryable<Article> scope, DateTime when, int count, CancellationToken ct)
    {
        var before = await scope.Where(a => a.PublishedAt <= when).OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Select(a => a.Id).Take(count).ToListAsync(ct);
        var after = await scope.Where(a => a.PublishedAt > when).OrderBy(a => a.PublishedAt).ThenBy(a => a.Id).Select(a => a.Id).Take(count / 2).ToListAsync(ct);
        foreach (var id in before.Take(count - Math.Min(after.Count, count / 2)).Concat(after))
        {
            pool.TryAdd(id, 0);
        }
    }

    private async Task StoreAsync(int articleId, IReadOnlyList<RelatedItem> items, DateTime now, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(items, Json);
        var updated = await db.RelatedLists.Where(r => r.ArticleId == articleId)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Items, json).SetProperty(r => r.Stale, false).SetProperty(r => r.ComputedAt, now), ct);
        if (updated == 0 && await db.Articles.AnyAsync(a => a.Id == articleId, ct))
        {
            db.RelatedLists.Add(new RelatedList { ArticleId = articleId, Items = json, ComputedAt = now });
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Extracts key terms of these articles from their search texts and writes them to the index.</summary>
    private async Task WriteKeyTermsAsync(IReadOnlyCollection<int> articleIds, bool replace, CancellationToken ct)
    {
        var texts = await db.SearchTexts.AsNoTracking().Where(t => articleIds.Contains(t.ArticleId)).ToListAsync(ct);
        var lists = await db.RelatedLists.Where(r => articleIds.Contains(r.ArticleId)).ToDictionaryAsync(r => r.ArticleId, ct);
        var extracted = new IReadOnlyList<(string Term, float Weight)>[texts.Count];
        Parallel.For(0, texts.Count, new ParallelOptions { CancellationToken = ct }, i => extracted[i] = extractor.Extract(texts[i], options.KeyTerms));

        for (var i = 0; i < texts.Count; i++)
        {
            var id = texts[i].ArticleId;
            var terms = extracted[i].Select(t => (t.Term, Impact: ArticleKeyTerm.ToImpact(t.Weight))).ToList();
            var old = new List<(string Term, int Impact)>();
            if (lists.TryGetValue(id, out var list))
            {
                old = replace ? ParseKeyTerms(list.KeyTerms) : [];
            }
            else
            {
                list = new RelatedList { ArticleId = id, Stale = true };
                db.RelatedLists.Add(list);
            }

            list.KeyTerms = FormatKeyTerms(terms);
            // Deleted by full key (a range delete by term would walk whole posting lists); unchanged rows stay.
            db.KeyTerms.RemoveRange(old.Except(terms).Select(t => new ArticleKeyTerm { Term = t.Term, Impact = t.Impact, ArticleId = id }));
            db.KeyTerms.AddRange(terms.Except(old).Select(t => new ArticleKeyTerm { Term = t.Term, Impact = t.Impact, ArticleId = id }));
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// Articles sharing the subject's key terms, scored by the dot product of the two term vectors (cosine over the
    /// kept terms). Each term contributes only its <see cref="RelatedOptions.PostingsPerTerm"/> heaviest postings
    /// (an impact-ordered range of the primary key), so a common term costs no more than a rare one and the query
    /// does not slow down as the archive grows. Plain SQL that PostgreSQL runs too.
    /// </summary>
    private async Task<Dictionary<int, double>> LexicalCandidatesAsync(int articleId, IReadOnlyList<(string Term, int Impact)> terms, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var parameters = new List<DbParameter>();
        string Parameter(object value)
        {
            using var command = connection.CreateCommand();
            var p = command.CreateParameter();
            p.ParameterName = "@p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
            p.Value = value;
            parameters.Add(p);
            return p.ParameterName;
        }

        var perTerm = Parameter(options.PostingsPerTerm);
        var postings = string.Join("\n    UNION ALL\n    ", terms.Select(t => $"""
            SELECT * FROM (SELECT "ArticleId", "Impact" * {Parameter(t.Impact)} AS "S" FROM "ArticleKeyTerms" WHERE "Term" = {Parameter(t.Term)} ORDER BY "Impact" DESC LIMIT {perTerm}) AS t{parameters.Count}
            """));
        var sql = $"""
            SELECT "ArticleId" AS "Id", CAST(SUM("S") AS double precision) AS "Score"
            FROM (
                {postings}
            ) AS hits
            WHERE "ArticleId" <> {Parameter(articleId)}
            GROUP BY "ArticleId"
            ORDER BY "Score" DESC, "ArticleId" DESC
            LIMIT {Parameter(options.Candidates)}
            """;
        var hits = await db.Database.SqlQueryRaw<LexicalHit>(sql, [.. parameters]).ToListAsync(ct);
        const double scale = (double)ArticleKeyTerm.ImpactScale * ArticleKeyTerm.ImpactScale;
        return hits.ToDictionary(h => h.Id, h => h.Score / scale);
    }

    /// <summary>The subject's key terms each picked article also has, heaviest first (the "reasons").</summary>
    private async Task<Dictionary<int, IReadOnlyList<string>>> SharedTermsAsync(IReadOnlyList<(string Term, int Impact)> terms, List<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var mine = terms.ToDictionary(t => t.Term, t => t.Impact, StringComparer.Ordinal);
        var theirs = await db.RelatedLists.AsNoTracking().Where(r => ids.Contains(r.ArticleId)).Select(r => new { r.ArticleId, r.KeyTerms }).ToListAsync(ct);
        return theirs.ToDictionary(
            r => r.ArticleId,
            r => (IReadOnlyList<string>)ParseKeyTerms(r.KeyTerms)
                .Where(t => mine.ContainsKey(t.Term))
                .OrderByDescending(t => (long)t.Impact * mine[t.Term])
                .Select(t => t.Term)
                .Take(5)
                .ToList());
    }

    private static string FormatKeyTerms(IEnumerable<(string Term, int Impact)> terms) =>
        string.Join('\n', terms.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Term}\t{t.Impact}")));

    private static List<(string Term, int Impact)> ParseKeyTerms(string stored)
    {
        var terms = new List<(string, int)>();
        foreach (var line in stored.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = line.LastIndexOf('\t');
            if (tab > 0 && int.TryParse(line.AsSpan(tab + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var impact))
            {
                terms.Add((line[..tab], impact));
            }
        }

        return terms;
    }

    private sealed record LexicalHit(int Id, double Score);
}

/// <summary>What a rebuild did: lists written, seconds spent on key terms and on lists, and per-list compute times (ms).</summary>
public sealed record RebuildSummary(int Lists, double KeyTermSeconds, double ListSeconds, double P50Ms, double P95Ms, double P99Ms);
