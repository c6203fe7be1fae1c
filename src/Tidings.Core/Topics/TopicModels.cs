using Microsoft.EntityFrameworkCore;
using Tidings.Core.Articles;
using Tidings.Core.Data;
using Tidings.Core.Search;
using Tidings.Core.Text;

namespace Tidings.Core.Topics;

/// <summary>
/// The site's topic model: trained from articles whose channel a person or importer gave, stored in the database
/// (so every process and node uses the same one), used to suggest channels and as the topic signal of related
/// articles. One instance per process; it caches the newest model and reloads when another process trains one.
/// </summary>
public sealed class TopicModels(ChineseSegmenter segmenter, TopicOptions options, TimeProvider time)
{
    /// <summary>How much of the stored body the model reads: the opening (summary and lead) says what it is about.</summary>
    public const int BodyHeadChars = 300;

    private readonly Lock _lock = new();
    private (int Id, TopicClassifier Model)? _current;

    public TopicOptions Options => options;

    /// <summary>The newest stored model, or null when none has been trained yet.</summary>
    public async Task<TopicClassifier?> CurrentAsync(TidingsDbContext db, CancellationToken ct) => (await NewestAsync(db, ct))?.Model;

    /// <summary>The newest stored model with its id (one query when it is already loaded).</summary>
    private async Task<(int Id, TopicClassifier Model)?> NewestAsync(TidingsDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var newest = await db.TopicModels.OrderByDescending(m => m.Id).Select(m => (int?)m.Id).FirstOrDefaultAsync(ct);
        if (newest is null)
        {
            return null;
        }

        lock (_lock)
        {
            if (_current?.Id == newest)
            {
                return _current;
            }
        }

        var data = await db.TopicModels.Where(m => m.Id == newest).Select(m => m.Data).SingleAsync(ct);
        var loaded = (newest.Value, TopicClassifier.FromBytes(data));
        lock (_lock)
        {
            _current = loaded;
        }

        return loaded;
    }

    /// <summary>What the model reads of a stored search text: the title, and the opening of the body at a lower weight.</summary>
    public TopicText FeaturesOf(string segmentedTitle, string segmentedBody)
    {
        ArgumentNullException.ThrowIfNull(segmentedTitle);
        ArgumentNullException.ThrowIfNull(segmentedBody);
        var head = segmentedBody.Length <= BodyHeadChars
            ? segmentedBody.Split(ArticleSearchText.Separator)
            : segmentedBody[..BodyHeadChars].Split(ArticleSearchText.Separator)[..^1];
        return new TopicText(
            TopicClassifier.Features(segmenter, segmentedTitle.Split(ArticleSearchText.Separator)),
            TopicClassifier.Features(segmenter, head));
    }

    /// <summary>Trains on every published article with a given channel and stores the model; null when too few.</summary>
    public async Task<TopicModelRecord?> TrainAsync(TidingsDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var documents = new TopicTrainingSet();
        await foreach (var row in db.Articles.AsNoTracking()
            .Where(a => a.Status == ArticleStatus.Published && a.ChannelId != null && !a.ChannelSuggested && a.SearchText != null)
            .OrderBy(a => a.Id)
            .Select(a => new { a.ChannelId, a.SearchText!.Title, Head = a.SearchText.Body.Substring(0, BodyHeadChars + 1) })
            .AsAsyncEnumerable()
            .WithCancellation(ct))
        {
            documents.Add(row.ChannelId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), FeaturesOf(row.Title, row.Head));
        }

        if (documents.Count < Math.Max(2, options.MinimumDocuments) || documents.LabelCount < 2)
        {
            return null;
        }

        var model = documents.Train();
        var record = new TopicModelRecord
        {
            TrainedAt = time.GetUtcNow().UtcDateTime,
            Documents = model.Documents,
            Labels = model.Labels.Count,
            Vocabulary = model.Vocabulary,
            Data = model.ToBytes(),
        };
        db.TopicModels.Add(record);
        await db.SaveChangesAsync(ct);
        // Older models are never read again; keep the previous one for comparison.
        await db.TopicModels.Where(m => m.Id < record.Id).OrderByDescending(m => m.Id).Skip(1).ExecuteDeleteAsync(ct);
        db.Entry(record).State = EntityState.Detached;
        lock (_lock)
        {
            _current = (record.Id, model);
        }

        return record;
    }

    /// <summary>Trains when there is no model yet or the labelled archive has grown by the configured share.</summary>
    public async Task<TopicModelRecord?> TrainIfGrownAsync(TidingsDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var trainedOn = await db.TopicModels.OrderByDescending(m => m.Id).Select(m => (int?)m.Documents).FirstOrDefaultAsync(ct);
        var labelled = await db.Articles.CountAsync(a => a.Status == ArticleStatus.Published && a.ChannelId != null && !a.ChannelSuggested, ct);
        var due = trainedOn is null
            ? labelled >= options.MinimumDocuments
            : labelled >= trainedOn.Value * (1 + options.RetrainAfterGrowth) && labelled > trainedOn.Value;
        return due ? await TrainAsync(db, ct) : null;
    }

    /// <summary>
    /// Suggests a channel for each of these articles that has none (or only a suggested one), stores the suggestion
    /// and its confidence, and assigns it when the model is sure enough. Returns how many were assigned.
    /// </summary>
    public async Task<int> SuggestAsync(TidingsDbContext db, IReadOnlyCollection<int> articleIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(articleIds);
        var model = await CurrentAsync(db, ct);
        return model is null || articleIds.Count == 0 ? 0 : (await SuggestAsync(db, model, articleIds, ct)).Assigned;
    }

    /// <summary>The setting that remembers how far suggestions have been revised under the newest model.</summary>
    public const string RevisionSettingKey = "topics:revised";

    /// <summary>
    /// After a retrain, revises the stored suggestions of articles without a given channel, up to
    /// <paramref name="max"/> a call in id order, resuming where the last call stopped (the cursor is a site setting,
    /// so another node or a restart carries on). The lists of articles whose suggested channel changed are marked
    /// stale: their "same topic" and channel fill depend on it. Returns the ids whose suggestion changed and whether
    /// every article has been revised under the current model.
    /// </summary>
    public async Task<SuggestionRevision> ReviseAsync(TidingsDbContext db, int max, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        if (await NewestAsync(db, ct) is not { } newest)
        {
            return new SuggestionRevision([], Done: true);
        }

        var (modelId, model) = newest;

        var setting = await db.SiteSettings.AsNoTracking().Where(x => x.Key == RevisionSettingKey).Select(x => x.Value).FirstOrDefaultAsync(ct);
        var (revisedModel, after) = ParseCursor(setting);
        if (revisedModel == modelId && after == int.MaxValue)
        {
            return new SuggestionRevision([], Done: true);
        }

        if (revisedModel != modelId)
        {
            after = 0;
        }

        var ids = await db.Articles.AsNoTracking()
            .Where(a => a.Id > after && (a.ChannelId == null || a.ChannelSuggested) && a.SearchText != null)
            .OrderBy(a => a.Id).Select(a => a.Id).Take(max).ToListAsync(ct);
        var (_, changed) = await SuggestAsync(db, model, ids, ct);
        foreach (var chunk in changed.Chunk(500))
        {
            await db.RelatedLists.Where(r => chunk.Contains(r.ArticleId)).ExecuteUpdateAsync(u => u.SetProperty(r => r.Stale, true), ct);
        }

        var done = ids.Count < max;
        var value = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{modelId}:{(done ? int.MaxValue : ids[^1])}");
        await db.SaveChangesAsync(ct);
        // Upserted: every node revises, and two may both find the cursor missing.
        var now = time.GetUtcNow().UtcDateTime;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "SiteSettings" ("Key", "Value", "UpdatedAt", "UpdatedBy") VALUES ({RevisionSettingKey}, {value}, {now}, {"topics"})
            ON CONFLICT ("Key") DO UPDATE SET "Value" = excluded."Value", "UpdatedAt" = excluded."UpdatedAt"
            """, ct);
        db.ChangeTracker.Clear();
        return new SuggestionRevision(changed, done);
    }

    private static (int? Model, int After) ParseCursor(string? value)
    {
        var parts = (value ?? string.Empty).Split(':');
        return parts.Length == 2
            && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var model)
            && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var after)
            ? (model, after)
            : (null, 0);
    }

    /// <summary>Stores suggestions for these articles; returns how many were assigned and whose suggestion changed.</summary>
    private async Task<(int Assigned, IReadOnlyList<int> Changed)> SuggestAsync(TidingsDbContext db, TopicClassifier model, IReadOnlyCollection<int> articleIds, CancellationToken ct)
    {
        var known = (await db.Channels.Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        var assigned = 0;
        var changed = new List<int>();
        foreach (var chunk in articleIds.Chunk(500))
        {
            var rows = await db.Articles
                .Where(a => chunk.Contains(a.Id) && (a.ChannelId == null || a.ChannelSuggested) && a.SearchText != null)
                .Select(a => new { a.Id, a.SuggestedChannelId, a.ChannelSuggested, a.SearchText!.Title, Head = a.SearchText.Body.Substring(0, BodyHeadChars + 1) })
                .ToListAsync(ct);
            foreach (var row in rows)
            {
                var prediction = model.Predict(FeaturesOf(row.Title, row.Head));
                var channel = int.Parse(prediction.Label, System.Globalization.CultureInfo.InvariantCulture);
                if (!known.Contains(channel))
                {
                    continue;
                }

                var sure = prediction.Confidence >= options.AssignAtConfidence;
                assigned += sure ? 1 : 0;
                if (row.SuggestedChannelId != channel || row.ChannelSuggested != sure)
                {
                    changed.Add(row.Id);
                }

                await db.Articles.Where(a => a.Id == row.Id).ExecuteUpdateAsync(u => u
                    .SetProperty(a => a.SuggestedChannelId, channel)
                    .SetProperty(a => a.SuggestedChannelConfidence, (float)prediction.Confidence)
                    .SetProperty(a => a.ChannelId, sure ? channel : null)
                    .SetProperty(a => a.ChannelSuggested, sure), ct);
            }
        }

        return (assigned, changed);
    }
}

/// <summary>What one round of <see cref="TopicModels.ReviseAsync"/> did.</summary>
public sealed record SuggestionRevision(IReadOnlyList<int> Changed, bool Done);
