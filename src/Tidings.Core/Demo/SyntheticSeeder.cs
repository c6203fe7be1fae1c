using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Articles;
using Tidings.Core.Data;
using Tidings.Core.Search;

namespace Tidings.Core.Demo;

public sealed record SyntheticSummary(int Added, int FirstId, int LastId);

/// <summary>
/// Adds clearly labelled synthetic articles (titles start with 【合成】) for scale tests. Bypasses the change tracker
/// and inserts with reused statements in large transactions: a million rows must load in about a minute. The text
/// is generated word by word, so its search text is known without running the segmenter.
/// </summary>
public sealed class SyntheticSeeder(TidingsDbContext db, IDatabaseDialect dialect, TimeProvider time, SearchTextBuilder search)
{
    public const string TitlePrefix = "【合成】";
    private const int TransactionSize = 10_000;
    private static readonly TimeSpan Window = TimeSpan.FromDays(30);

    private static readonly string[] Words =
    [
        "城市", "发展", "项目", "市场", "服务", "社区", "居民", "企业", "产业", "数据", "交通", "建设", "消费", "文化",
        "教育", "医疗", "科技", "创新", "平台", "新能源", "汽车", "手机", "赛事", "球队", "电影", "音乐", "家庭", "儿童",
        "课堂", "讲座", "航空", "机场", "港口", "农业", "旅游", "夜市", "地铁", "公交", "天气", "降温", "活动", "计划",
        "报告", "会议", "政策", "调研", "试点", "升级", "开放", "合作", "增长", "季度", "年度", "指数", "价格", "投资",
        "就业", "人才", "研发", "芯片", "电池", "网络", "5G", "App", "2026", "志愿者", "图书馆", "博物馆", "公园", "街道",
    ];

    private static readonly string[] Punctuation = ["，", "，", "，", "。", "；"];

    /// <summary>Adds <paramref name="count"/> articles with consecutive ids; article N has the slug synthetic-N.</summary>
    public async Task<SyntheticSummary> SeedAsync(int count, IProgress<int>? progress = null, int randomSeed = 20261124, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var site = DemoContent.LoadSite();
        var (channels, regions, sources) = await DemoSeeder.EnsureStructureAsync(db, site, ct);
        var channelIds = channels.Values.Order().ToArray();
        var localChannel = channels.GetValueOrDefault("local");
        var regionIds = regions.Values.Order().ToArray();
        var sourceIds = sources.Values.Order().ToArray();
        var sourceNames = await db.Sources.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);

        // What the segmenter would add to Extra, worked out once per word and per source instead of per article.
        var subWords = Words.ToDictionary(w => w, w => search.Segmenter.SubWords(w).ToArray(), StringComparer.Ordinal);
        var sourceExtra = sourceIds.ToDictionary(id => id, id => string.Join(' ', search.Segmenter.Words(sourceNames[id])));
        var random = new Random(randomSeed);
        var now = time.GetUtcNow().UtcDateTime;
        // Ids are given explicitly so each slug can carry its id (scale tests compute URLs without a lookup).
        var firstNumber = (await db.Articles.MaxAsync(a => (int?)a.Id, ct) ?? 0) + 1;

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        var bulkLoad = await dialect.BeginArticleBulkLoadAsync(db, firstNumber, ct);
        try
        {
            var added = 0;
            var title = new List<string>(16);
            var body = new List<string>(256);
            var extra = new HashSet<string>(StringComparer.Ordinal);
            while (added < count)
            {
                await using var transaction = await connection.BeginTransactionAsync(ct);
                await using var insert = CreateInsert(connection, transaction);
                await using var insertText = CreateTextInsert(connection, transaction);
                var end = Math.Min(count, added + TransactionSize);
                for (; added < end; added++)
                {
                    var id = firstNumber + added;
                    var number = id.ToString(CultureInfo.InvariantCulture);
                    var channelId = channelIds[random.Next(channelIds.Length)];
                    var sourceId = sourceIds[random.Next(sourceIds.Length)];
                    // Spread over the past 30 days in id order, as a real newsroom publishes; index inserts then
                    // append instead of landing on random B-tree pages (5x faster at a million rows).
                    var publishedAt = now.AddSeconds(-Window.TotalSeconds * (count - added) / count - random.Next(0, 60));

                    title.Clear();
                    extra.Clear();
                    title.AddRange(["【", "合成", "】"]);
                    AddWords(random, 3, title, extra, subWords);
                    title.AddRange(["动态", " ", "第", number, "号"]);

                    body.Clear();
                    body.AddRange(["合成", "测试", "稿", "，", "用于", "规模", "测试", "。"]);
                    AddSentence(random, 8, body, extra, subWords);
                    var summaryLength = body.Count;
                    var html = new StringBuilder(700);
                    for (var p = 0; p < 3; p++)
                    {
                        var start = body.Count;
                        body.Add(" ");
                        AddSentence(random, 10 + random.Next(8), body, extra, subWords);
                        html.Append("<p>").AppendJoin(string.Empty, body.Skip(start + 1)).Append("</p>\n");
                    }

                    var p0 = insert.Parameters;
                    p0[0].Value = id;
                    p0[1].Value = "synthetic-" + number;
                    p0[2].Value = string.Concat(title);
                    p0[3].Value = string.Concat(body.Take(summaryLength));
                    p0[4].Value = html.ToString();
                    p0[5].Value = channelId;
                    p0[6].Value = channelId == localChannel && regionIds.Length > 0 ? regionIds[random.Next(regionIds.Length)] : DBNull.Value;
                    p0[7].Value = sourceId;
                    p0[8].Value = site.Editors[random.Next(site.Editors.Count)];
                    p0[9].Value = random.Next(10) == 0;
                    p0[10].Value = (int)ArticleStatus.Published;
                    p0[11].Value = publishedAt;
                    p0[12].Value = publishedAt;
                    p0[13].Value = publishedAt;
                    await insert.ExecuteNonQueryAsync(ct);

                    var p1 = insertText.Parameters;
                    p1[0].Value = id;
                    p1[1].Value = SearchTextBuilder.Join(title);
                    p1[2].Value = SearchTextBuilder.Join(body);
                    p1[3].Value = extra.Count == 0 ? sourceExtra[sourceId] : string.Join(' ', extra) + " " + sourceExtra[sourceId];
                    // Generated text is drawn from 72 words and is nobody's reprint: no fingerprint (zero words keeps
                    // it out of story clustering), which also keeps a million-row seed fast.
                    for (var column = 4; column <= 9; column++)
                    {
                        p1[column].Value = 0;
                    }

                    await insertText.ExecuteNonQueryAsync(ct);
                }

                await transaction.CommitAsync(ct);
                progress?.Report(added);
            }

            // The load ends before the statistics are taken, so they see the finished index.
            await bulkLoad.DisposeAsync();
            bulkLoad = null;
            await dialect.RefreshStatisticsAsync(db, ct);
            return new SyntheticSummary(added, firstNumber, firstNumber + added - 1);
        }
        finally
        {
            if (bulkLoad is not null)
            {
                await bulkLoad.DisposeAsync();
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    // Neither provider needs an explicit Prepare: Microsoft.Data.Sqlite keeps a command's compiled statements between
    // executions, and Npgsql auto-prepares the repeated insert (Max Auto Prepare, set by the dialect).
    private static DbCommand CreateInsert(DbConnection connection, DbTransaction transaction) => Command(connection, transaction, """
        INSERT INTO "Articles" ("Id", "Slug", "Title", "Summary", "BodyHtml", "ChannelId", "RegionId", "SourceId",
            "EditorName", "IsOriginal", "Status", "PublishedAt", "CreatedAt", "UpdatedAt", "CommentCount")
        VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, 0)
        """, 14);

    private static DbCommand CreateTextInsert(DbConnection connection, DbTransaction transaction) => Command(connection, transaction, """
        INSERT INTO "ArticleSearchDocs" ("ArticleId", "Title", "Body", "Extra", "Fingerprint", "Band0", "Band1", "Band2", "Band3", "FingerprintWords")
        VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9)
        """, 10);

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static void AddWords(Random random, int count, List<string> tokens, HashSet<string> extra, Dictionary<string, string[]> subWords)
    {
        for (var i = 0; i < count; i++)
        {
            var word = Words[random.Next(Words.Length)];
            tokens.Add(word);
            foreach (var sub in subWords[word])
            {
                extra.Add(sub);
            }
        }
    }

    private static void AddSentence(Random random, int words, List<string> tokens, HashSet<string> extra, Dictionary<string, string[]> subWords)
    {
        for (var i = 0; i < words; i++)
        {
            AddWords(random, 1, tokens, extra, subWords);
            if (i % 3 == 2 && i < words - 1)
            {
                tokens.Add(Punctuation[random.Next(Punctuation.Length)]);
            }
        }

        tokens.Add("。");
    }
}
