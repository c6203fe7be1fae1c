using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Tidings.IntegrationTests;

/// <summary>The verbs as an operator runs them: the real executable, a real data directory, exit codes.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "tidings-cli-" + Guid.NewGuid().ToString("N"));

    internal static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    internal static Task<(int Code, string Out, string Err)> RunWithInputAsync(string? input, params string[] args) => RunWithAsync(input, null, args);

    /// <param name="environment">Settings for the verb's process only (configuration as environment variables).</param>
    internal static async Task<(int Code, string Out, string Err)> RunWithAsync(string? input, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Tidings.Web.dll"));
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task UsersAdd_CreatesTheFirstAdmin_BadRoleOrWeakPasswordIsAUsageError()
    {
        var (code, output, error) = await RunWithInputAsync("a-very-long-passphrase\n", "users", "add", "chief", "--role", "admin", "--name", "总编辑", "--password-stdin", "--data-dir", _dataDir);
        Assert.True(code == 0, error);
        Assert.Contains("Created account chief", output, StringComparison.Ordinal);

        (code, _, error) = await RunWithInputAsync("a-very-long-passphrase\n", "users", "add", "someone", "--role", "emperor", "--password-stdin", "--data-dir", _dataDir);
        Assert.Equal(2, code);
        Assert.Contains("没有“emperor”这个角色", error, StringComparison.Ordinal);

        (code, _, error) = await RunWithInputAsync("short\n", "users", "add", "weak", "--role", "writer", "--password-stdin", "--data-dir", _dataDir);
        Assert.Equal(2, code);
        Assert.Contains("至少需要 10 个字符", error, StringComparison.Ordinal);

        // Without a terminal and without --password-stdin there is no way to ask: a clear error, not a hang.
        (code, _, error) = await RunWithInputAsync(string.Empty, "users", "add", "nopass", "--role", "writer", "--data-dir", _dataDir);
        Assert.Equal(2, code);
        Assert.Contains("--password-stdin", error, StringComparison.Ordinal);

        (code, output, _) = await RunAsync("users", "list", "--data-dir", _dataDir);
        Assert.Equal(0, code);
        Assert.Contains("chief", output, StringComparison.Ordinal);
        Assert.DoesNotContain("weak", output, StringComparison.Ordinal);

        await using var db = new SqliteConnection($"Data Source={Path.Combine(_dataDir, "tidings.db")};Pooling=False");
        await db.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT r.Name FROM AspNetUserRoles ur JOIN AspNetRoles r ON r.Id = ur.RoleId JOIN AspNetUsers u ON u.Id = ur.UserId WHERE u.UserName = 'chief'";
        Assert.Equal("admin", (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>Serving takes --data-dir as the verbs do: the site is the one named, not ./data beside the executable.</summary>
    [Fact]
    public async Task Serving_WithDataDir_ServesThatDirectory()
    {
        await using (await Postgres.WebNode.StartAsync("served", _dataDir, new() { ["Tidings__SeedDemoOnEmptyDatabase"] = "false" }, dataDirectoryAsArgument: true))
        {
            Assert.True(File.Exists(Path.Combine(_dataDir, "tidings.db")), "the database was not created in the --data-dir directory");
        }
    }

    /// <summary>The verb tree decides: options may come before the verb, and the web host's own arguments name none.</summary>
    [Theory]
    [InlineData(true, "--data-dir", "/tmp/x", "migrate")]
    [InlineData(true, "migrate", "--data-dir", "/tmp/x")]
    [InlineData(true, "eval", "search")]
    [InlineData(true, "--help")]
    [InlineData(false, "--urls", "http://localhost:5099")]
    [InlineData(false, "--Tidings:SiteName=东岸晨报")]
    [InlineData(false)]
    public void VerbOrSite_IsDecidedByTheVerbTree(bool verb, params string[] args) =>
        Assert.Equal(verb, Web.Features.Cli.CliApp.IsCliInvocation(args));

    [Fact]
    public async Task DataDirBeforeTheVerb_RunsTheVerb_NotTheSite()
    {
        var (code, output, _) = await RunAsync("--data-dir", _dataDir, "migrate");
        Assert.Equal(0, code);
        Assert.Contains("Database is up to date", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsTheVerbs()
    {
        var (code, output, _) = await RunAsync("--help");
        Assert.Equal(0, code);
        foreach (var verb in new[] { "migrate", "seed", "import", "backup", "restore" })
        {
            Assert.Contains(verb, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Import_ReportsBadLinesAndExitsNonZero_ThenIdempotent()
    {
        Directory.CreateDirectory(_dataDir);
        var file = Path.Combine(_dataDir, "in.jsonl");
        await File.WriteAllLinesAsync(file, [
            """{"externalId":"cli-1","title":"命令行导入一","body":"正文一。"}""",
            """{"externalId":"cli-2","title":"命令行导入二","body":"正文二。","publishedAt":"next tuesday"}""",
            """{"externalId":"cli-3","title":"命令行导入三","body":"正文三。","channel":"finance"}""",
        ], TestContext.Current.CancellationToken);

        var first = await RunAsync("import", file, "--data-dir", _dataDir);
        Assert.Equal(1, first.Code);
        Assert.Contains("line 2: publishedAt", first.Err, StringComparison.Ordinal);
        Assert.Contains("2 added", first.Out, StringComparison.Ordinal);

        var second = await RunAsync("import", file, "--data-dir", _dataDir);
        Assert.Contains("0 added", second.Out, StringComparison.Ordinal);
        Assert.Contains("2 unchanged", second.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MissingFile_IsAClearError()
    {
        var (code, _, err) = await RunAsync("import", "/nonexistent/file.jsonl", "--data-dir", _dataDir);
        Assert.Equal(2, code);
        Assert.Contains("File not found", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_Synthetic_AddsArticles_AndRejectsNonsense()
    {
        var (code, output, _) = await RunAsync("seed", "--synthetic", "2000", "--data-dir", _dataDir);
        Assert.Equal(0, code);
        Assert.Contains("Added 2,000 synthetic articles", output, StringComparison.Ordinal);

        var bad = await RunAsync("seed", "--synthetic", "-5", "--data-dir", _dataDir);
        Assert.Equal(2, bad.Code);
    }

    [Fact]
    public async Task EvalRelated_ReportsChannelAccuracyAndPrecision_WithAndWithoutTopics()
    {
        Directory.CreateDirectory(_dataDir);
        var corpus = Path.Combine(_dataDir, "labelled.tsv");
        string[] places = ["济南", "青岛", "杭州", "宁波", "温州", "烟台", "绍兴", "潍坊", "淄博", "台州", "嘉兴", "日照"];
        var topics = new Dictionary<string, string[]>
        {
            ["sports"] = ["足球联赛主场取胜", "马拉松赛道公布", "篮球队签下新外援"],
            ["finance"] = ["银行下调贷款利率", "上市公司发布年报", "基金规模再创新高"],
            ["food"] = ["老字号面馆排长队", "海鲜大排档开业", "早餐摊点心上新"],
        };
        var lines = new List<string> { "category\ttitle" };
        foreach (var place in places)
        {
            foreach (var (category, titles) in topics)
            {
                lines.AddRange(titles.Select(t => $"{category}\t{place}{t}"));
            }
        }

        await File.WriteAllLinesAsync(corpus, lines, TestContext.Current.CancellationToken);
        var (code, output, error) = await RunAsync("eval", "related", "--corpus", corpus, "--data-dir", Path.Combine(_dataDir, "eval"));
        Assert.True(code == 0, error);
        Assert.Contains("unlabelled articles: 54", output, StringComparison.Ordinal);
        Assert.Matches(@"channel suggestion accuracy: (0\.[89]|1\.0)", output);
        Assert.Matches(@"related P@10 with topic signal \(as the API serves\): [01]\.\d{4}", output);
        Assert.Matches(@"related P@10 lexical only: [01]\.\d{4}", output);
    }

    [Fact]
    public async Task EvalSearch_ReportsHitAt10AndMrr()
    {
        Directory.CreateDirectory(_dataDir);
        var corpus = Path.Combine(_dataDir, "corpus.tsv");
        string[] places = ["济南", "青岛", "杭州", "宁波", "温州", "烟台", "绍兴", "潍坊"];
        string[] topics = ["地铁", "夜市", "图书馆", "马拉松", "博物馆", "菜市场", "公园", "码头"];
        var lines = new List<string> { "category\ttitle\tsegmented" };
        foreach (var place in places)
        {
            foreach (var topic in topics)
            {
                lines.Add($"local\t{place}{topic}迎来新变化\t{place} {topic} 迎来 新 变化");
            }
        }

        await File.WriteAllLinesAsync(corpus, lines, TestContext.Current.CancellationToken);
        var (code, output, error) = await RunAsync("eval", "search", "--corpus", corpus, "--data-dir", Path.Combine(_dataDir, "eval"));
        Assert.True(code == 0, error);
        Assert.Contains("queries: 64", output, StringComparison.Ordinal);
        Assert.Matches(@"hit@10: (0\.9|1\.0)", output);
        Assert.Contains("MRR:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvalTopics_ReportsAccuracy()
    {
        Directory.CreateDirectory(_dataDir);
        var corpus = Path.Combine(_dataDir, "topics.tsv");
        var lines = new List<string> { "category\ttitle" };
        // Rows come in pairs per label: training takes the even rows, testing the odd ones.
        for (var i = 0; i < 10; i++)
        {
            lines.Add($"sports\t球队第{i}场比赛获胜，前锋进球");
            lines.Add($"sports\t篮球联赛第{i}轮，主场球队获胜");
            lines.Add($"finance\t第{i}季度基金收益上涨，股市走强");
            lines.Add($"finance\t央行第{i}次降准，债券收益率下行");
        }

        await File.WriteAllLinesAsync(corpus, lines, TestContext.Current.CancellationToken);
        var (code, output, error) = await RunAsync("eval", "topics", "--corpus", corpus);
        Assert.True(code == 0, error);
        Assert.Contains("accuracy 1.0000", output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }
}
