using Microsoft.EntityFrameworkCore;
using Tidings.Core.Articles;
using Tidings.Core.Channels;
using Tidings.Core.Comments;
using Tidings.Core.Data;
using Tidings.Core.Importing;
using Tidings.Core.Newsroom;
using Tidings.Core.Search;
using Tidings.Core.Sources;
using Tidings.Core.Text;

namespace Tidings.Core.Demo;

public sealed record SeedSummary(int Channels, int Regions, int Sources, int ArticlesAdded, int CommentsAdded = 0);

/// <summary>Loads the demo portal 潮讯网. Safe to run again: what exists is kept, what is missing is added.</summary>
public sealed class DemoSeeder(TidingsDbContext db, TimeProvider time, SearchTextBuilder search)
{
    public const string ExternalIdPrefix = "demo:";
    public const int CoverWidth = 640;
    public const int CoverHeight = 360;

    public async Task<SeedSummary> SeedAsync(CancellationToken ct = default)
    {
        var site = DemoContent.LoadSite();
        var (channels, regions, sources) = await EnsureStructureAsync(db, site, ct);
        var partners = await EnsurePartnerFeedsAsync(site, sources, ct);

        var catalog = new Catalog(db);
        var existing = (await db.Articles.AsNoTracking()
                .Where(a => a.ExternalId != null && a.ExternalId.StartsWith(ExternalIdPrefix))
                .Select(a => a.ExternalId!)
                .ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);

        var now = time.GetUtcNow().UtcDateTime;
        var pending = new List<(DemoArticle Demo, int? AuthorId, List<int> TagIds)>();
        foreach (var demo in DemoContent.LoadArticles())
        {
            if (existing.Contains(ExternalIdPrefix + demo.Key))
            {
                continue;
            }

            var authorId = demo.Author is null ? (int?)null : await catalog.AuthorAsync(demo.Author, ct);
            pending.Add((demo, authorId, await catalog.TagsAsync(demo.Tags, ct)));
        }

        var sourceNames = site.Sources.ToDictionary(s => s.Slug, s => s.Name, StringComparer.Ordinal);
        var bodies = pending.Select(p => ArticleHtml.FromParagraphs(p.Demo.Paragraphs)).ToArray();
        var summaries = pending.Select((p, i) => string.IsNullOrWhiteSpace(p.Demo.Summary) ? ArticleHtml.Summarize(bodies[i]) : p.Demo.Summary).ToArray();

        // Segmentation dominates the first start of an empty portal; spread it over every core.
        var texts = new ArticleSearchText[pending.Count];
        Parallel.For(0, pending.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var demo = pending[i].Demo;
            texts[i] = search.Build(demo.Title, summaries[i], bodies[i], sourceNames.GetValueOrDefault(demo.Source, demo.Source), demo.Tags);
        });

        for (var i = 0; i < pending.Count; i++)
        {
            var (demo, authorId, tagIds) = pending[i];
            var body = bodies[i];
            var summary = summaries[i];
            var hasCover = demo.Cover is not null && DemoContent.CoverDescriptions.ContainsKey(demo.Cover);
            var publishedAt = now.AddHours(-demo.HoursAgo);
            db.Articles.Add(new Article
            {
                ExternalId = ExternalIdPrefix + demo.Key,
                Slug = Slugs.Normalize(demo.Key, Article.SlugMaxLength),
                Title = demo.Title,
                Summary = summary,
                BodyHtml = body,
                ChannelId = channels[demo.Channel],
                RegionId = demo.Region is null ? null : regions[demo.Region],
                SourceId = sources[demo.Source],
                AuthorId = authorId,
                EditorName = demo.Editor,
                IsOriginal = demo.Original,
                CoverUrl = hasCover ? $"/img/covers/{demo.Cover}.svg" : null,
                CoverAlt = hasCover ? DemoContent.CoverDescriptions[demo.Cover!] : null,
                CoverWidth = hasCover ? CoverWidth : null,
                CoverHeight = hasCover ? CoverHeight : null,
                PartnerFeedId = partners.TryGetValue(demo.Source, out var partner) ? partner.FeedId : null,
                OriginalUrl = partners.ContainsKey(demo.Source) ? partner.ArticleUrl.Replace("{key}", demo.Key, StringComparison.Ordinal) : null,
                Status = ArticleStatus.Published,
                PublishedAt = publishedAt,
                CreatedAt = publishedAt,
                UpdatedAt = publishedAt,
                Tags = tagIds.Select(id => new ArticleTag { TagId = id }).ToList(),
                SearchText = texts[i],
                // The English edition's stories (articles-e) say so; the rest are Chinese.
                Language = demo.Language ?? ContentLanguage.Chinese,
            });
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        var comments = await SeedCommentsAsync(pending.Select(p => p.Demo).ToList(), now, ct);
        await SeedBreakingDeskAsync(now, ct);
        return new SeedSummary(channels.Count, regions.Count, sources.Count, pending.Count, comments);
    }

    /// <summary>The demo's partner subscriptions (paused: their partners are fictional), by source slug.</summary>
    private async Task<Dictionary<string, (int FeedId, string ArticleUrl)>> EnsurePartnerFeedsAsync(
        SiteDefinition site, Dictionary<string, int> sources, CancellationToken ct)
    {
        var result = new Dictionary<string, (int FeedId, string ArticleUrl)>(StringComparer.Ordinal);
        foreach (var definition in site.PartnerFeeds ?? [])
        {
            var sourceId = sources[definition.Source];
            var feed = await db.PartnerFeeds.FirstOrDefaultAsync(f => f.SourceId == sourceId && f.Url == definition.Url, ct);
            if (feed is null)
            {
                var now = time.GetUtcNow().UtcDateTime;
                feed = new Aggregation.PartnerFeed
                {
                    Url = definition.Url,
                    SourceId = sourceId,
                    PollMinutes = definition.EveryMinutes,
                    FullText = definition.FullText,
                    Paused = true,
                    NextPollAt = now,
                    CreatedAt = now,
                };
                db.PartnerFeeds.Add(feed);
                await db.SaveChangesAsync(ct);
            }

            result[definition.Source] = (feed.Id, definition.ArticleUrl);
        }

        return result;
    }

    /// <summary>
    /// The demo 跟贴 of the articles added in this run, with their 盖楼 chains and votes. Their addresses are from the
    /// documentation ranges; the demo gives each range a fictional IP属地.
    /// </summary>
    /// <summary>
    /// What the breaking-news desk leaves on a first start: one 专题 and one 更正, so a new user meets both. Added once
    /// (by their keys), never again after an editor changed or removed them.
    /// </summary>
    private async Task SeedBreakingDeskAsync(DateTime now, CancellationToken ct)
    {
        var ids = await db.Articles.AsNoTracking()
            .Where(a => a.ExternalId != null && a.ExternalId.StartsWith(ExternalIdPrefix))
            .ToDictionaryAsync(a => a.ExternalId!.Substring(ExternalIdPrefix.Length), a => a.Id, StringComparer.Ordinal, ct);
        int Id(string key) => ids.TryGetValue(key, out var id) ? id : 0;

        const string TopicSlug = "fog-harbor";
        if (Id("fog-harbor-film-opening-weekend-box-office") > 0 && !await db.AuditLog.AnyAsync(a => a.Action == "topic-create" && a.Detail!.StartsWith("/topic/" + TopicSlug + " "), ct))
        {
            var special = db.Specials.Add(new Specials.Special
            {
                Slug = TopicSlug,
                Title = "《雾港》热映",
                Lead = "一部在本地取景的悬疑电影，首周末票房突破3.2亿元。这里汇集本站关于《雾港》的报道、影评和主创访谈，后续报道会陆续加入。",
                Published = true,
                CreatedAt = now,
                UpdatedAt = now,
                UpdatedBy = "演示数据",
            }).Entity;
            await db.SaveChangesAsync(ct);
            var outline = new (string Title, string[] Keys)[]
            {
                ("票房与口碑", ["fog-harbor-film-opening-weekend-box-office", "row-seven-fog-harbor-review"]),
                ("幕后", ["fog-harbor-director-duan-qiubai-interview"]),
            };
            var position = 0;
            foreach (var (title, keys) in outline)
            {
                var section = db.SpecialSections.Add(new Specials.SpecialSection { SpecialId = special.Id, Title = title, Position = position++ }).Entity;
                await db.SaveChangesAsync(ct);
                var order = 0;
                foreach (var key in keys.Where(k => Id(k) > 0))
                {
                    db.SpecialArticles.Add(new Specials.SpecialArticle { SectionId = section.Id, ArticleId = Id(key), Position = order++ });
                }
            }

            db.AuditLog.Add(new AuditEntry { At = now, Actor = "演示数据", Action = "topic-create", Detail = $"/topic/{TopicSlug} 《雾港》热映" });
            await db.SaveChangesAsync(ct);
        }

        await SeedLiveCoverageAsync(now, ct);

        if (Id("qingdao-seagulls-comeback-beat-ningbo-harbor") is > 0 and var corrected && !await db.ArticleCorrections.AnyAsync(c => c.ArticleId == corrected, ct))
        {
            db.ArticleCorrections.Add(new ArticleCorrection
            {
                ArticleId = corrected,
                At = now.AddHours(-60),
                Text = "本文初版称现场观众为2.5万人，据主办方赛后公布的数据应为2.1万人，现已更正。",
                EditorName = "王晓岚",
            });
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>An ended 滚动直播 with 要点, written for the demo (the night market's opening night).</summary>
    private async Task SeedLiveCoverageAsync(DateTime now, CancellationToken ct)
    {
        const string Key = ExternalIdPrefix + "live-lanwan-night-market-opening-night";
        if (await db.Articles.AnyAsync(a => a.ExternalId == Key, ct))
        {
            return;
        }

        var source = await db.Sources.Where(s => s.Slug == "chaoxun").Select(s => new { s.Id, s.Name }).FirstOrDefaultAsync(ct);
        var channel = await db.Channels.Where(c => c.Slug == "news").Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        if (source is null)
        {
            return;
        }

        // In the demo's time zone (UTC+8) the coverage ran from 18:30 to 23:30 six days ago, as its entries tell it.
        var start = DateTime.SpecifyKind(now.AddHours(8).Date.AddDays(-6).AddHours(18.5 - 8), DateTimeKind.Utc);
        const string Title = "滚动直播｜第三届蓝湾夜市消费节开幕夜";
        const string Summary = "本站记者在滨海长廊现场直播消费节开幕夜：亮灯、人流、交通和摊主的故事。直播已结束，要点见下。";
        var body = ArticleHtml.FromParagraphs(["第三届蓝湾夜市消费节今晚在滨海长廊开幕。本站两路记者在现场，从傍晚入场到深夜散场，持续报道开幕夜的情况。", "直播已于当晚结束。消费节为期一个月，后续报道见本站新闻频道。"]);
        var article = new Articles.Article
        {
            ExternalId = Key,
            Slug = "live-lanwan-night-market-opening-night",
            Title = Title,
            Summary = Summary,
            BodyHtml = body,
            ChannelId = channel,
            SourceId = source.Id,
            EditorName = "王晓岚",
            IsOriginal = true,
            Status = Articles.ArticleStatus.Published,
            PublishedAt = start,
            CreatedAt = start,
            UpdatedAt = start.AddHours(5),
            LiveStatus = Live.LiveStatus.Ended,
            LiveEndedAt = start.AddHours(5),
            SearchText = search.Build(Title, Summary, body, source.Name, ["夜市", "消费节", "直播"]),
        };
        db.Articles.Add(article);
        await db.SaveChangesAsync(ct);
        var entries = new (double Minutes, string Text, bool Pinned, Live.LiveEntryKind Kind, string? Who)[]
        {
            (0, "傍晚6点半，滨海长廊入口已经排起长队。主办方临时加开了两个安检口，入场速度明显加快。", false, Live.LiveEntryKind.Text, null),
            (30, "**晚7点整，灯笼依次亮起，消费节正式开幕。** 1.2公里的海边步道上，120多个摊位一字排开。", true, Live.LiveEntryKind.Text, null),
            (34, "入口处的主灯组，今年的造型是一串红灯笼。", false, Live.LiveEntryKind.Image, null),
            (55, "去年我还是来逛的游客，今年就成了摊主。摊位费减了一半，我们这种小本生意敢试了。", false, Live.LiveEntryKind.Quote, "手绘帆布包摊主温小禾"),
            (90, "交通提示：滨海路北段晚8点至11点临时交通管制，地铁2号线延长运营至午夜，建议市民乘地铁前往。", true, Live.LiveEntryKind.Text, null),
            (150, "“海鲜码头”街区人气最旺，烤海蛎摊前的队伍排出二十多米。", false, Live.LiveEntryKind.Text, null),
            (240, "据主办方统计，开幕当晚入场游客超过5万人次，现场秩序良好，未发生安全事故。", true, Live.LiveEntryKind.Text, null),
            (300, "本场直播到此结束，感谢关注。消费节将持续一个月，本站后续报道敬请留意。", false, Live.LiveEntryKind.Text, null),
        };
        foreach (var (minutes, text, pinned, kind, who) in entries)
        {
            db.LiveEntries.Add(new Live.LiveEntry
            {
                ArticleId = article.Id,
                At = start.AddMinutes(minutes),
                Kind = kind,
                BodyMarkdown = text,
                BodyHtml = ArticleMarkdown.ToSafeHtml(text),
                Attribution = who,
                // The demo's pictures are its own illustrations (SVG, no resized variants).
                ImageUrl = kind == Live.LiveEntryKind.Image ? "/img/covers/lantern.svg" : null,
                ImageWidth = kind == Live.LiveEntryKind.Image ? CoverWidth : null,
                ImageHeight = kind == Live.LiveEntryKind.Image ? CoverHeight : null,
                ImageAlt = kind == Live.LiveEntryKind.Image ? DemoContent.CoverDescriptions["lantern"] : null,
                Pinned = pinned,
                AuthorId = 0,
                AuthorName = minutes < 120 ? "林海澄" : "王晓岚",
                UpdatedAt = start.AddMinutes(minutes),
            });
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task<int> SeedCommentsAsync(IReadOnlyList<DemoArticle> added, DateTime now, CancellationToken ct)
    {
        var keys = added.ToDictionary(a => ExternalIdPrefix + a.Key, a => a, StringComparer.Ordinal);
        var externalIds = keys.Keys.ToList();
        var articles = await db.Articles.Where(a => a.ExternalId != null && externalIds.Contains(a.ExternalId)).ToListAsync(ct);
        var byKey = articles.ToDictionary(a => a.ExternalId![ExternalIdPrefix.Length..], StringComparer.Ordinal);
        var saved = new Dictionary<string, Comment>(StringComparer.Ordinal);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var demo in DemoContent.LoadComments())
        {
            if (!byKey.TryGetValue(demo.Article, out var article) || article.PublishedAt is not { } publishedAt)
            {
                continue;
            }

            var parent = demo.ReplyTo is null ? null : saved.GetValueOrDefault(demo.ReplyTo);
            var (chain, floors) = parent is null ? (null, 0) : CommentChain.ReplyTo(parent);
            var createdAt = publishedAt.AddMinutes(demo.MinutesAfter);
            if (createdAt > now)
            {
                continue;
            }

            var body = CommentText.CleanBody(demo.Body);
            var comment = new Comment
            {
                ArticleId = article.Id,
                ParentId = parent?.Id,
                Chain = chain,
                Floors = floors,
                Nickname = demo.Nickname.Length > 0 ? demo.Nickname : DemoAnonymousName,
                Body = body,
                Status = CommentStatus.Published,
                CreatedAt = createdAt,
                Up = demo.Up,
                Down = demo.Down,
                HotKey = CommentRanking.HotKey(demo.Up, demo.Down, createdAt, HotHalfLifeHours),
                ContentHash = CommentText.ContentHash(Normalizer.Normalize(body)),
                PosterKey = "demo:" + demo.Nickname,
                Address = demo.Address,
                RegionLabel = DemoRegion(demo.Address),
            };
            db.Comments.Add(comment);
            await db.SaveChangesAsync(ct);
            saved[demo.Key] = comment;
            article.CommentCount++;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return saved.Count;
    }

    private const string DemoAnonymousName = "潮讯网友";
    private static readonly SensitiveTextNormalizer Normalizer = new();
    private const double HotHalfLifeHours = 24;

    private static string? DemoRegion(string address) => address switch
    {
        _ when address.StartsWith("198.51.100.", StringComparison.Ordinal) => "山东",
        _ when address.StartsWith("203.0.113.", StringComparison.Ordinal) => "浙江",
        _ when address.StartsWith("192.0.2.", StringComparison.Ordinal) => "江苏",
        _ => null,
    };

    /// <summary>Channels, regions and sources of the demo site, created when missing; returns slug → id maps.</summary>
    internal static async Task<(Dictionary<string, int> Channels, Dictionary<string, int> Regions, Dictionary<string, int> Sources)>
        EnsureStructureAsync(TidingsDbContext db, SiteDefinition site, CancellationToken ct)
    {
        var channels = await db.Channels.ToDictionaryAsync(c => c.Slug, StringComparer.Ordinal, ct);
        for (var i = 0; i < site.Channels.Count; i++)
        {
            var def = site.Channels[i];
            if (!channels.ContainsKey(def.Slug))
            {
                channels[def.Slug] = db.Channels.Add(new Channel
                {
                    Slug = def.Slug,
                    Name = def.Name,
                    NameEn = def.NameEn,
                    ListTitle = def.ListTitle,
                    SortOrder = i + 1,
                }).Entity;
            }
        }

        var regions = await db.Regions.ToDictionaryAsync(r => r.Slug, StringComparer.Ordinal, ct);
        for (var i = 0; i < site.Regions.Count; i++)
        {
            var def = site.Regions[i];
            if (!regions.ContainsKey(def.Slug))
            {
                regions[def.Slug] = db.Regions.Add(new Region
                {
                    Slug = def.Slug,
                    Name = def.Name,
                    SiteName = def.SiteName,
                    Description = def.Description,
                    SortOrder = i + 1,
                }).Entity;
            }
        }

        var sources = await db.Sources.ToDictionaryAsync(s => s.Slug, StringComparer.Ordinal, ct);
        var sourceNames = sources.Values.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var def in site.Sources)
        {
            if (!sources.ContainsKey(def.Slug) && !sourceNames.Contains(def.Name))
            {
                sources[def.Slug] = db.Sources.Add(new Source
                {
                    Slug = def.Slug,
                    Name = def.Name,
                    Kind = def.Kind == "selfmedia" ? SourceKind.SelfMedia : SourceKind.Media,
                    Bio = def.Bio,
                }).Entity;
            }
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return (
            channels.ToDictionary(p => p.Key, p => p.Value.Id, StringComparer.Ordinal),
            regions.ToDictionary(p => p.Key, p => p.Value.Id, StringComparer.Ordinal),
            sources.ToDictionary(p => p.Key, p => p.Value.Id, StringComparer.Ordinal));
    }
}
