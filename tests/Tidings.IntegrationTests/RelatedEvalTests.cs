using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Tidings.IntegrationTests.Postgres;

namespace Tidings.IntegrationTests;

/// <summary>
/// `eval related` measures what readers get: its precision@10 equals the one computed from
/// GET /api/v1/articles/{id}/related on the same site, article by article.
/// </summary>
public sealed partial class RelatedEvalTests : IDisposable
{
    private static readonly (string Category, string[] Words)[] Topics =
    [
        ("体育", ["球队", "比赛", "冠军", "进球", "联赛", "教练", "球迷", "决赛"]),
        ("财经", ["股市", "银行", "利率", "基金", "投资", "上涨", "央行", "债券"]),
        ("科技", ["手机", "芯片", "算法", "软件", "卫星", "机器人", "屏幕", "电池"]),
    ];

    private static readonly string[] Common = ["今天", "记者", "最新", "消息", "本周", "昨日", "现场", "专家"];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "tidings-evalrel-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task TheEvaluation_AndTheApi_GiveTheSamePrecision()
    {
        Directory.CreateDirectory(_root);
        var rows = Corpus();
        var corpus = Path.Combine(_root, "corpus.tsv");
        await File.WriteAllLinesAsync(corpus, ["category\ttitle", .. rows.Select(r => r.Category + "\t" + r.Title)], TestContext.Current.CancellationToken);
        var data = Path.Combine(_root, "data");

        var (code, output, error) = await CliTests.RunAsync("eval", "related", "--corpus", corpus, "--data-dir", data);
        Assert.True(code == 0, error + output);
        var reported = double.Parse(ReportedPrecision().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);

        var unlabelled = new Dictionary<int, int>();
        var truth = new Dictionary<int, string>();
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(data, "tidings.db")};Pooling=False"))
        {
            await db.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = db.CreateCommand();
            command.CommandText = "SELECT Id, ExternalId FROM Articles WHERE ExternalId LIKE 'eval:%'";
            await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                var row = int.Parse(reader.GetString(1)["eval:".Length..], CultureInfo.InvariantCulture);
                truth[reader.GetInt32(0)] = rows[row].Category;
                if (row % 2 == 1)
                {
                    unlabelled[reader.GetInt32(0)] = row;
                }
            }
        }

        await using var node = await WebNode.StartAsync("eval", data, new() { ["Tidings__SeedDemoOnEmptyDatabase"] = "false" });
        using var client = new HttpClient { BaseAddress = node.BaseAddress };
        var sum = 0.0;
        foreach (var id in unlabelled.Keys)
        {
            var json = await client.GetFromJsonAsync<JsonElement>($"/api/v1/articles/{id}/related", TestContext.Current.CancellationToken);
            var items = json.GetProperty("items").EnumerateArray().ToList();
            Assert.True(items.Count <= 10);
            sum += items.Count(i => truth[i.GetProperty("id").GetInt32()] == truth[id]) / 10.0;

            // No item shares neither a term nor the article's (suggested) channel.
            Assert.All(items, i => Assert.True(
                i.GetProperty("reasons").GetProperty("sharedTerms").GetArrayLength() > 0 || i.GetProperty("reasons").GetProperty("sameTopic").GetBoolean()));
        }

        Assert.Equal(reported, Math.Round(sum / unlabelled.Count, 4));
        Assert.True(reported > 0.5, $"P@10 {reported} on three well-separated topics");
    }

    /// <summary>Headlines of three topics: two topic words and a common word each, 40 per topic.</summary>
    private static List<(string Category, string Title)> Corpus()
    {
        var random = new Random(20261205);
        var rows = new List<(string, string)>();
        for (var i = 0; i < 40; i++)
        {
            foreach (var (category, words) in Topics)
            {
                var title = new StringBuilder()
                    .Append(Common[random.Next(Common.Length)])
                    .Append(words[random.Next(words.Length)])
                    .Append('与')
                    .Append(words[random.Next(words.Length)])
                    .Append("的第").Append(i + 1).Append("条报道");
                rows.Add((category, title.ToString()));
            }
        }

        return rows;
    }

    [GeneratedRegex(@"related P@10 with topic signal \(as the API serves\): ([0-9.]+)")]
    private static partial Regex ReportedPrecision();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
