using System.Text;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Articles;
using Tidings.Core.Data;
using Tidings.Core.Related;
using Tidings.Core.Search;
using Tidings.Core.Topics;

namespace Tidings.Core.Importing;

public sealed record ImportError(long Line, string Reason);

public sealed record ImportSummary(long Lines, int Added, int Updated, int Unchanged, int Failed, IReadOnlyList<ImportError> Errors)
{
    public int Succeeded => Added + Updated + Unchanged;
}

/// <summary>
/// Imports JSONL, one article per line. A bad line is reported with its number and skipped; the others are stored in
/// batches. Re-importing the same externalId updates that article instead of adding a copy. With
/// <paramref name="topics"/>, articles without a channel get a suggested one (and the model retrains when the
/// archive has grown); with <paramref name="related"/>, each stored batch gets its 相关推荐 lists.
/// </summary>
public sealed class ArticleImporter(TidingsDbContext db, IDatabaseDialect dialect, TimeProvider time, SearchTextBuilder search, TopicModels? topics = null, RelatedArticles? related = null)
{
    /// <summary>A line longer than this cannot hold a valid article (the body limit plus JSON overhead).</summary>
    public const int MaxLineChars = (Article.BodyMaxLength * 2) + 64_000;

    private const int BatchSize = 500;

    /// <summary>The language of a new article whose record names none: the site's (Tidings:Language).</summary>
    public string DefaultLanguage { get; init; } = ContentLanguage.Chinese;
    private const int MaxReportedErrors = 1_000;

    /// <summary>Imports every line; <paramref name="progress"/> receives the bytes consumed so far (seekable streams only).</summary>
    public async Task<ImportSummary> ImportAsync(Stream input, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var catalog = new Catalog(db);
        var errors = new List<ImportError>();
        var batch = new List<(long Line, ValidRecord Record)>(BatchSize);
        int added = 0, updated = 0, unchanged = 0, failed = 0;
        long lineNumber = 0;

        void Fail(long line, string reason)
        {
            failed++;
            if (errors.Count < MaxReportedErrors)
            {
                errors.Add(new ImportError(line, reason));
            }
        }

        async Task FlushAsync()
        {
            if (batch.Count == 0)
            {
                return;
            }

            var outcome = await StoreOrIsolateAsync(catalog, batch, ct);
            (added, updated, unchanged) = (added + outcome.Added, updated + outcome.Updated, unchanged + outcome.Unchanged);
            foreach (var line in outcome.Rejected)
            {
                Fail(line, "the database rejected this article");
            }

            batch.Clear();
            if (input.CanSeek)
            {
                progress?.Report(input.Position);
            }
        }

        using var reader = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        var lines = new BoundedLineReader(reader, MaxLineChars);
        while (true)
        {
            var (line, tooLong) = await lines.ReadLineAsync(ct);
            if (line is null && !tooLong)
            {
                break;
            }

            lineNumber++;
            if (tooLong)
            {
                Fail(lineNumber, $"line is longer than {MaxLineChars:N0} characters");
                continue;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var record = ImportRecordParser.Parse(line!, time.GetUtcNow().UtcDateTime, out var error);
            if (record is null)
            {
                Fail(lineNumber, error!);
                continue;
            }

            batch.Add((lineNumber, record));
            if (batch.Count >= BatchSize)
            {
                await FlushAsync();
            }
        }

        await FlushAsync();
        if (added + updated > BatchSize)
        {
            await dialect.RefreshStatisticsAsync(db, ct);
        }

        if (topics is not null && added + updated > 0)
        {
            await topics.TrainIfGrownAsync(db, ct);
        }

        return new ImportSummary(lineNumber, added, updated, unchanged, failed, errors);
    }

    /// <summary>
    /// Stores records another door made (a partner feed's entries) exactly as lines of a file are stored: in batches,
    /// a batch the database refuses retried one by one, with suggestions and related lists. "Lines" are positions.
    /// </summary>
    internal async Task<ImportSummary> StoreAsync(IReadOnlyList<ValidRecord> records, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(records);
        var catalog = new Catalog(db);
        int added = 0, updated = 0, unchanged = 0;
        var errors = new List<ImportError>();
        foreach (var chunk in records.Select((r, i) => ((long)i + 1, r)).Chunk(BatchSize))
        {
            var outcome = await StoreOrIsolateAsync(catalog, [.. chunk], ct);
            (added, updated, unchanged) = (added + outcome.Added, updated + outcome.Updated, unchanged + outcome.Unchanged);
            errors.AddRange(outcome.Rejected.Select(line => new ImportError(line, "the database rejected this article")));
        }

        // No retraining here: a poll must stay short (its feed is leased); background maintenance retrains.
        return new ImportSummary(records.Count, added, updated, unchanged, errors.Count, errors);
    }

    /// <summary>
    /// Stores a batch; when it fails as a whole (a constraint we did not foresee) retries it line by line so only the
    /// culprits are rejected and every other line still lands.
    /// </summary>
    private async Task<(int Added, int Updated, int Unchanged, List<long> Rejected)> StoreOrIsolateAsync(
        Catalog catalog, List<(long Line, ValidRecord Record)> batch, CancellationToken ct)
    {
        var rejected = new List<long>();
        if (await StoreBatchAsync(catalog, batch, ct) is { } outcome)
        {
            return (outcome.Added, outcome.Updated, outcome.Unchanged, rejected);
        }

        int added = 0, updated = 0, unchanged = 0;
        foreach (var item in batch)
        {
            if (await StoreBatchAsync(catalog, [item], ct) is { } single)
            {
                (added, updated, unchanged) = (added + single.Added, updated + single.Updated, unchanged + single.Unchanged);
            }
            else
            {
                rejected.Add(item.Line);
            }
        }

        return (added, updated, unchanged, rejected);
    }

    private async Task<(int Added, int Updated, int Unchanged)?> StoreBatchAsync(
        Catalog catalog, List<(long Line, ValidRecord Record)> batch, CancellationToken ct)
    {
        try
        {
            // Names are resolved first: the catalog saves new channels and sources on its own, and must not sweep
            // half-applied article changes into that save.
            var resolved = new List<(ValidRecord Record, ResolvedIds Ids)>(batch.Count);
            foreach (var (_, record) in batch)
            {
                resolved.Add((record, await ResolveAsync(catalog, record, ct)));
            }

            var externalIds = batch.Select(b => b.Record.ExternalId).Distinct().ToList();
            var existing = await db.Articles
                .Include(a => a.Tags)
                .Include(a => a.SearchText)
                .Where(a => a.ExternalId != null && externalIds.Contains(a.ExternalId))
                .ToDictionaryAsync(a => a.ExternalId!, StringComparer.Ordinal, ct);

            // Partner articles someone has edited in the newsroom are theirs now: the partner's later edits stop.
            var partnerIds = existing.Values.Where(a => a.PartnerFeedId is not null).Select(a => a.Id).ToList();
            var edited = partnerIds.Count == 0
                ? []
                : (await db.ArticleRevisions.Where(r => partnerIds.Contains(r.ArticleId)).Select(r => r.ArticleId).Distinct().ToListAsync(ct)).ToHashSet();

            // A partner's item belongs to the feed that first brought it while that feed is subscribed; another feed of
            // the same partner carrying it (with other channel settings) must not flip it back and forth every poll.
            var owners = existing.Values.Where(a => a.PartnerFeedId is not null).Select(a => a.PartnerFeedId!.Value).Distinct().ToList();
            var subscribed = owners.Count == 0
                ? []
                : (await db.PartnerFeeds.Where(f => owners.Contains(f.Id)).Select(f => f.Id).ToListAsync(ct)).ToHashSet();

            var now = time.GetUtcNow().UtcDateTime;
            int added = 0, updated = 0, unchanged = 0;
            var toIndex = new List<(Article Article, ValidRecord Record)>();
            foreach (var (record, ids) in resolved)
            {
                if (existing.TryGetValue(record.ExternalId, out var article))
                {
                    if (record.Origin is { } origin && !PartnerMayUpdate(article, origin, edited, subscribed))
                    {
                        unchanged++;
                        continue;
                    }

                    if (Apply(article, record, ids, now))
                    {
                        updated++;
                        toIndex.Add((article, record));
                    }
                    else
                    {
                        unchanged++;
                        if (article.SearchText is null)
                        {
                            toIndex.Add((article, record));
                        }
                    }
                }
                else
                {
                    article = new Article
                    {
                        ExternalId = record.ExternalId,
                        Title = record.Title,
                        Summary = record.Summary,
                        BodyHtml = record.BodyHtml,
                        // A partner's item from a feed under review waits in the newsroom's queue; updates to it
                        // later never change its state (an editor may have published or withdrawn it).
                        Status = record.Origin?.HeldForReview == true ? ArticleStatus.InReview : ArticleStatus.Published,
                        Language = DefaultLanguage,
                        CreatedAt = now,
                        UpdatedAt = now,
                    };
                    Apply(article, record, ids, now);
                    db.Articles.Add(article);
                    existing[record.ExternalId] = article;
                    toIndex.Add((article, record));
                    added++;
                }
            }

            // Segmentation is the CPU-heavy part of an import; it runs once per changed article, on every core,
            // and the search text is saved in the same transaction as the article.
            var texts = new ArticleSearchText[toIndex.Count];
            Parallel.For(0, toIndex.Count, new ParallelOptions { CancellationToken = ct }, i =>
            {
                var (a, r) = toIndex[i];
                texts[i] = search.Build(a.Title, a.Summary, a.BodyHtml, r.Source, r.Tags);
            });
            for (var i = 0; i < toIndex.Count; i++)
            {
                ArticleSearchText.ApplyTo(toIndex[i].Article, texts[i]);
            }

            await db.SaveChangesAsync(ct);
            await StoryClusters.AssignAsync(db, toIndex.Select(t => t.Article.SearchText!).ToList(), ct);
            var changed = toIndex.Select(t => t.Article.Id).ToList();
            db.ChangeTracker.Clear();
            if (topics is not null)
            {
                await topics.SuggestAsync(db, toIndex.Where(t => t.Record.Channel is null).Select(t => t.Article.Id).ToList(), ct);
            }

            if (related is not null)
            {
                try
                {
                    await related.UpdateAsync(changed, now, ct);
                }
                catch (DbUpdateException)
                {
                    // A running portal's background maintenance indexed the same new articles at the same moment;
                    // its rows stand (stale lists it will compute), and the articles themselves are already saved.
                    db.ChangeTracker.Clear();
                }
            }

            return (added, updated, unchanged);
        }
        catch (DbUpdateException)
        {
            catalog.Reset();
            return null;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private static async Task<ResolvedIds> ResolveAsync(Catalog catalog, ValidRecord record, CancellationToken ct) => new(
        record.Channel is null ? null : await catalog.ChannelAsync(record.Channel, ct),
        record.Region is null ? null : await catalog.RegionAsync(record.Region, ct),
        await catalog.SourceAsync(record.Source, ct),
        record.Author is null ? null : await catalog.AuthorAsync(record.Author, ct),
        await catalog.TagsAsync(record.Tags, ct));

    /// <summary>
    /// Whether a partner's new version of an item may replace the stored article: while it waits for review, or while
    /// it is published from a trusted feed and nobody has edited it. An editor's decision (scheduled, withdrawn,
    /// archived, edited) is never undone by a poll, and an approved item from a feed under review does not take
    /// unreviewed changes. Only the feed that owns the item updates it (another one takes over once that feed is removed).
    /// </summary>
    private static bool PartnerMayUpdate(Article article, ArticleOrigin origin, HashSet<int> edited, HashSet<int> subscribed) =>
        !edited.Contains(article.Id)
        && (article.PartnerFeedId is not { } owner || owner == origin.FeedId || !subscribed.Contains(owner))
        && (article.Status == ArticleStatus.InReview || (article.Status == ArticleStatus.Published && !origin.HeldForReview));

    /// <summary>Copies the record onto the article; true when anything changed.</summary>
    private static bool Apply(Article article, ValidRecord record, ResolvedIds ids, DateTime now)
    {
        // A partner's article keeps the time it was first taken at: a changed date in the feed (or one clamped to
        // "now" because it lay in the future) must not move it up the lists or reschedule it.
        var publishedAt = record.Origin is not null
            ? article.PublishedAt ?? record.PublishedAt ?? now
            : record.PublishedAt ?? article.PublishedAt ?? now;
        // A record without a channel keeps the one the topic model assigned; a record with one overrides it.
        var channelId = ids.ChannelId ?? (article.ChannelSuggested ? article.ChannelId : null);
        var currentTags = article.Tags.Select(t => t.TagId).ToHashSet();
        var embargoUntil = Embargo.FromImport(
            article.EmbargoUntil, record.EmbargoUntil, article.Id != 0 && ReaderVisibility.IsVisible(article.Status, article.PublishedAt, article.EmbargoUntil, now));
        var language = record.Language ?? article.Language;
        var changed = article.Title != record.Title
            || article.Summary != record.Summary
            || article.BodyHtml != record.BodyHtml
            || article.ChannelId != channelId
            || article.RegionId != ids.RegionId
            || article.SourceId != ids.SourceId
            || article.AuthorId != ids.AuthorId
            || article.PublishedAt != publishedAt
            || article.EmbargoUntil != embargoUntil
            || article.Language != language
            || (record.Origin is { } origin && (article.OriginalUrl != origin.OriginalUrl || article.PartnerFeedId != origin.FeedId))
            || !currentTags.SetEquals(ids.TagIds);
        if (!changed)
        {
            return false;
        }

        article.Title = record.Title;
        article.Summary = record.Summary;
        article.BodyHtml = record.BodyHtml;
        article.ChannelId = channelId;
        article.ChannelSuggested = article.ChannelSuggested && ids.ChannelId is null;
        article.RegionId = ids.RegionId;
        article.SourceId = ids.SourceId;
        article.AuthorId = ids.AuthorId;
        article.PublishedAt = publishedAt;
        article.EmbargoUntil = embargoUntil;
        article.Language = language;
        if (record.Origin is { } from)
        {
            article.OriginalUrl = from.OriginalUrl;
            article.PartnerFeedId = from.FeedId;
        }

        article.UpdatedAt = now;
        article.Tags.RemoveAll(t => !ids.TagIds.Contains(t.TagId));
        foreach (var tagId in ids.TagIds.Where(id => !currentTags.Contains(id)))
        {
            article.Tags.Add(new ArticleTag { TagId = tagId });
        }

        return true;
    }

    private sealed record ResolvedIds(int? ChannelId, int? RegionId, int SourceId, int? AuthorId, List<int> TagIds);
}
