using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Articles;
using Tidings.Core.Data;

namespace Tidings.Core.Demo;

/// <summary>
/// Adds clearly labelled synthetic articles (titles start with 【合成】) for scale tests. Bypasses the change tracker
/// and inserts with one prepared statement in large transactions: a million rows must load in about a minute.
/// </summary>
public sealed record SyntheticSummary(int Added, int FirstId, int LastId);

public sealed class SyntheticSeeder(TidingsDbContext db, TimeProvider time)
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
        "就业", "人才", "研发", "芯片", "电池", "网络", "5G", "App", "2026年", "志愿者", "图书馆", "博物馆", "公园", "街道",
    ];

    private static readonly string[] Punctuation = ["，", "，", "，", "。", "；"];

    /// <summary>Adds <paramref name="count"/> articles with consecutive ids; article N has the slug synthetic-N.</summary>
    public async Task<SyntheticSummary> SeedAsync(int count, IProgress<int>? progress = null, int randomSeed = 20261124, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var (channels, regions, sources) = await new DemoSeeder(db, time).EnsureStructureAsync(DemoContent.LoadSite(), ct);
        var channelIds = channels.Values.Order().ToArray();
        var localChannel = channels.GetValueOrDefault("local");
        var regionIds = regions.Values.Order().ToArray();
        var sourceIds = sources.Values.Order().ToArray();
        var editors = DemoContent.LoadSite().Editors;
        var random = new Random(randomSeed);
        var now = time.GetUtcNow().UtcDateTime;
        // Ids are given explicitly so each slug can carry its id (scale tests compute URLs without a lookup).
        var firstNumber = (await db.Articles.MaxAsync(a => (int?)a.Id, ct) ?? 0) + 1;

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        var sqlite = db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true;
        if (sqlite)
        {
            // Five indexes take random inserts (times are spread over a month); with SQLite's default 2 MB page
            // cache the index B-trees thrash once the table outgrows it.
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size=-262144;", ct);
        }

        try
        {
            var added = 0;
            while (added < count)
            {
                await using var transaction = await connection.BeginTransactionAsync(ct);
                await using var insert = CreateInsert(connection, transaction);
                var end = Math.Min(count, added + TransactionSize);
                for (; added < end; added++)
                {
                    var channelId = channelIds[random.Next(channelIds.Length)];
                    // Spread over the past 30 days in id order, as a real newsroom publishes; index inserts then
                    // append instead of landing on random B-tree pages (5x faster at a million rows).
                    var publishedAt = now.AddSeconds(-Window.TotalSeconds * (count - added) / count - random.Next(0, 60));
                    var body = Paragraphs(random, 3);
                    var title = string.Create(
                        CultureInfo.InvariantCulture,
                        $"{TitlePrefix}{Words[random.Next(Words.Length)]}{Words[random.Next(Words.Length)]}{Words[random.Next(Words.Length)]}动态 第{firstNumber + added}号");
                    var p = insert.Parameters;
                    p[13].Value = firstNumber + added;
                    p[0].Value = "synthetic-" + (firstNumber + added).ToString(CultureInfo.InvariantCulture);
                    p[1].Value = title;
                    p[2].Value = "合成测试稿，用于规模测试。" + Sentence(random, 8);
                    p[3].Value = body;
                    p[4].Value = channelId;
                    p[5].Value = channelId == localChannel && regionIds.Length > 0 ? regionIds[random.Next(regionIds.Length)] : DBNull.Value;
                    p[6].Value = sourceIds[random.Next(sourceIds.Length)];
                    p[7].Value = editors[random.Next(editors.Count)];
                    p[8].Value = random.Next(10) == 0;
                    p[9].Value = (int)ArticleStatus.Published;
                    p[10].Value = publishedAt;
                    p[11].Value = publishedAt;
                    p[12].Value = publishedAt;
                    await insert.ExecuteNonQueryAsync(ct);
                }

                await transaction.CommitAsync(ct);
                progress?.Report(added);
            }

            return new SyntheticSummary(added, firstNumber, firstNumber + added - 1);
        }
        finally
        {
            if (sqlite)
            {
                // The connection goes back to the pool; leave it as cheap as every other one.
                await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size=-2000;", CancellationToken.None);
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    private static DbCommand CreateInsert(DbConnection connection, DbTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO "Articles" ("Id", "Slug", "Title", "Summary", "BodyHtml", "ChannelId", "RegionId", "SourceId",
                "EditorName", "IsOriginal", "Status", "PublishedAt", "CreatedAt", "UpdatedAt", "CommentCount")
            VALUES (@id, @slug, @title, @summary, @body, @channel, @region, @source, @editor, @original, @status,
                @published, @created, @updated, 0)
            """;
        foreach (var name in new[] { "slug", "title", "summary", "body", "channel", "region", "source", "editor", "original", "status", "published", "created", "updated", "id" })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            command.Parameters.Add(parameter);
        }

        command.Prepare();
        return command;
    }

    private static string Paragraphs(Random random, int count)
    {
        var sb = new StringBuilder(600);
        for (var i = 0; i < count; i++)
        {
            sb.Append("<p>").Append(Sentence(random, 10 + random.Next(8))).Append("</p>\n");
        }

        return sb.ToString();
    }

    private static string Sentence(Random random, int words)
    {
        var sb = new StringBuilder(words * 4);
        for (var i = 0; i < words; i++)
        {
            sb.Append(Words[random.Next(Words.Length)]);
            if (i % 3 == 2 && i < words - 1)
            {
                sb.Append(Punctuation[random.Next(Punctuation.Length)]);
            }
        }

        return sb.Append('。').ToString();
    }
}
