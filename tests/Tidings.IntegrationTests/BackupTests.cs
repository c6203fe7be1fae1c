using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using Tidings.Core.Accounts;
using Tidings.Core.Backups;
using Tidings.Core.Data;
using Tidings.IntegrationTests.Newsroom;
using Tidings.IntegrationTests.Postgres;
using Tidings.Web.Features.Accounts;

namespace Tidings.IntegrationTests;

/// <summary>
/// A running portal that readers and an editor keep writing to while the backup verb (the real executable, its own
/// process) copies it. Made once for <see cref="BackupTests"/>: the tests restore, damage and refuse this one backup.
/// </summary>
public sealed class LiveSiteBackup : IAsyncLifetime
{
    public const string Password = "a-long-test-password";

    /// <summary>Numbered, so a restored thread shows exactly where the snapshot fell.</summary>
    public static string LoadComment(int n) => $"备份进行时的跟贴（{n}）";

    public PortalFactory Base { get; } = new();

    public WebApplicationFactory<Program> Site { get; private set; } = null!;

    /// <summary>Everything the tests write outside the portal's data directory: the backup, restored sites, damaged copies.</summary>
    public string Scratch { get; } = Directory.CreateTempSubdirectory("tidings-backup-").FullName;

    public string Backup => Path.Combine(Scratch, "backups", "nightly");

    public string LiveDatabase => Path.Combine(Base.DataDirectory, SiteFiles.Database);

    public (int Code, string Out, string Err) BackupRun { get; private set; }

    public int CommentedArticle { get; private set; }

    public int Draft { get; private set; }

    public string CoverUrl { get; private set; } = string.Empty;

    /// <summary>The editor's sign-in cookie, issued by the live site before the backup.</summary>
    public string EditorCookie { get; private set; } = string.Empty;

    /// <summary>Load comments and draft saves stored before the backup started and when the load stopped after it.</summary>
    public (int Comments, int Saves) Before { get; private set; }

    public (int Comments, int Saves) After { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Site = Base.WithWebHostBuilder(b =>
        {
            // The load is one reader and one editor writing as fast as they can; the limits are not what is tested.
            b.UseSetting("Tidings:Comments:PosterBurst", "100000");
            b.UseSetting("Tidings:Comments:PosterPerMinute", "100000");
            b.UseSetting("Tidings:Comments:AddressBurst", "100000");
            b.UseSetting("Tidings:Comments:AddressPerMinute", "100000");
            b.UseSetting("Tidings:Newsroom:WriteBurst", "100000");
            b.UseSetting("Tidings:Newsroom:WritesPerMinute", "600000");

            // Without the background work the demo seed leaves (channel model, related lists), the only writes during
            // the backup are the load's, and every other table can be compared with the live one row for row.
            b.UseSetting("Tidings:Related:BackgroundMaintenance", "false");
            b.ConfigureServices(s => s.AddSingleton<IStartupFilter, LoopbackConnection>());
        });

        // Operator files besides what the site writes itself (keys, dictionary how-to, covers).
        Directory.CreateDirectory(Path.Combine(Base.DataDirectory, "moderation"));
        await File.WriteAllTextAsync(Path.Combine(Base.DataDirectory, "moderation", "banned.txt"), "# 运营方词表\n违禁测试词\n");
        await File.WriteAllTextAsync(Path.Combine(Base.DataDirectory, "ip-regions.txt"), "198.18.0.0/15 山东\n");

        await using (var scope = Site.Services.CreateAsyncScope())
        {
            var admin = ActivatorUtilities.CreateInstance<AccountAdmin>(scope.ServiceProvider);
            var (created, errors) = await admin.CreateAsync("editor", "陈编辑", Password, [Roles.Editor], null, CancellationToken.None);
            Assert.True(created is not null, string.Join("; ", errors));
        }

        using var editor = Client("198.18.0.2");
        using (var signIn = await NewsroomPortal.PostFormAsync(editor, "/account/login", "/account/login", new() { ["UserName"] = "editor", ["Password"] = Password }))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            EditorCookie = signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("tidings.auth=", StringComparison.Ordinal));
        }

        (CommentedArticle, Draft, CoverUrl) = await PrepareArticlesAsync(editor);
        using var reader = Client("198.18.0.1");
        var token = await CommentsPortal.TokenAsync(reader);

        // Each writer runs until told to stop, bounded in count; the backup starts once both have stored something. The
        // commenter stops only after one more comment once the backup has finished, so the thread always goes on past
        // the snapshot, however the two processes were scheduled.
        using var stop = new CancellationTokenSource();
        var stopAfter = int.MaxValue;
        var comments = 0;
        var saves = 0;
        var commentsFlowing = new TaskCompletionSource();
        var savesFlowing = new TaskCompletionSource();
        var load = Task.WhenAll(
            Task.Run(async () =>
            {
                while (comments <= Volatile.Read(ref stopAfter) && comments < 5_000)
                {
                    var body = new { nickname = "负载读者", body = LoadComment(comments + 1) };
                    using var posted = await CommentsPortal.PostJsonAsync(reader, $"/api/v1/articles/{CommentedArticle}/comments", body, token);
                    Assert.True(posted.StatusCode == HttpStatusCode.Created, $"comment {comments + 1}: {(int)posted.StatusCode} {await posted.Content.ReadAsStringAsync()}");
                    if (++comments == 3)
                    {
                        commentsFlowing.SetResult();
                    }
                }
            }),
            Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested && saves < 1_000)
                {
                    using var saved = await SaveDraftAsync(editor, saves + 1);
                    Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"save {saves + 1}: {(int)saved.StatusCode}");
                    if (++saves == 2)
                    {
                        savesFlowing.SetResult();
                    }
                }
            }),
            Task.Run(async () =>
            {
                // Reader signals: trending counts kept in memory and saved to the database every few seconds.
                using var beacons = Client("198.18.0.3");
                beacons.DefaultRequestHeaders.UserAgent.ParseAdd(WebNode.ReaderUserAgent);
                for (var i = 0; !stop.IsCancellationRequested && i < 5_000; i++)
                {
                    using var content = new StringContent($$"""[{"type":"view","articleId":{{CommentedArticle - (i % 5)}}}]""");
                    (await beacons.PostAsync("/api/v1/events", content)).Dispose();
                }
            }));

        await Task.WhenAny(Task.WhenAll(commentsFlowing.Task, savesFlowing.Task), load);
        Before = (Volatile.Read(ref comments), Volatile.Read(ref saves));
        BackupRun = await CliTests.RunAsync("backup", "--to", Backup, "--data-dir", Base.DataDirectory);
        Volatile.Write(ref stopAfter, Volatile.Read(ref comments));
        await stop.CancelAsync();
        await load;
        After = (comments, saves);
    }

    public HttpClient Client(string address)
    {
        var client = Site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<TidingsDbContext, Task<T>> work)
    {
        await using var scope = Site.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TidingsDbContext>());
    }

    /// <summary>A quiet published article for the comments, and a draft with a cover for the editor's saves.</summary>
    private async Task<(int Article, int Draft, string Cover)> PrepareArticlesAsync(HttpClient editor)
    {
        var article = await WithDbAsync(db => db.Articles.Where(a => a.CommentCount == 0 && a.Status == Core.Articles.ArticleStatus.Published)
            .OrderBy(a => a.Id).Select(a => a.Id).FirstAsync());
        using (var created = await NewsroomPortal.PostFormAsync(editor, "/newsroom/articles/new", "/newsroom/articles/new?handler=Save", await DraftFieldsAsync(0)))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        var draft = await WithDbAsync(db => db.Articles.Where(a => a.Title == "备份演练：港区夜间作业").Select(a => a.Id).SingleAsync());
        var fields = await DraftFieldsAsync(1);
        using (var covered = await NewsroomPortal.PostFormAsync(editor, $"/newsroom/articles/{draft}", $"/newsroom/articles/{draft}?handler=Save", fields, ("CoverFile", Picture(), "port.png")))
        {
            Assert.Equal(HttpStatusCode.Redirect, covered.StatusCode);
        }

        var cover = await WithDbAsync(db => db.Articles.Where(a => a.Id == draft).Select(a => a.CoverUrl!).SingleAsync());
        return (article, draft, cover);
    }

    private async Task<HttpResponseMessage> SaveDraftAsync(HttpClient editor, int n)
    {
        // The draft's first two revisions are its creation and the cover; each load save adds one.
        var fields = await DraftFieldsAsync(n + 1);
        fields["Form.Body"] = $"港区夜间作业的第 {n} 稿。\n\n吊机在夜色中作业。";
        return await NewsroomPortal.PostFormAsync(editor, $"/newsroom/articles/{Draft}", $"/newsroom/articles/{Draft}?handler=Save", fields);
    }

    private async Task<Dictionary<string, string>> DraftFieldsAsync(int baseRevision)
    {
        var (channel, source) = await WithDbAsync(async db => (
            await db.Channels.Where(c => c.Slug == "finance").Select(c => c.Id).FirstAsync(),
            await db.Sources.Where(s => s.Slug == "chaoxun").Select(s => s.Id).FirstAsync()));
        return new()
        {
            ["Form.Title"] = "备份演练：港区夜间作业",
            ["Form.Body"] = "港区夜间作业的初稿。",
            ["Form.ChannelId"] = channel.ToString(CultureInfo.InvariantCulture),
            ["Form.SourceId"] = source.ToString(CultureInfo.InvariantCulture),
            ["Form.Tags"] = "港口",
            ["Form.BaseRevision"] = baseRevision.ToString(CultureInfo.InvariantCulture),

            // Needed from the save that adds the cover on.
            ["Form.CoverAlt"] = "夜色中的港区吊机",
        };
    }

    private static byte[] Picture()
    {
        using var bitmap = new SKBitmap(1200, 800);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.DarkSlateBlue);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public ValueTask DisposeAsync()
    {
        Site.Dispose();
        Base.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Scratch, recursive: true);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The backup and restore verbs as an operator runs them: the real executable against a site that is being written to.</summary>
public sealed class BackupTests(LiveSiteBackup live) : IClassFixture<LiveSiteBackup>
{
    /// <summary>
    /// Tables the load changes in place: the copy holds them as they were at the snapshot, which the live site no longer
    /// shows, so they are checked by their counts and by what must agree within the copy. A save rewrites the draft's
    /// row and its search document; trending counts are saved into their buckets every 5 s.
    /// </summary>
    private static readonly HashSet<string> ChangedInPlace = new(StringComparer.Ordinal)
    {
        "Articles", "ArticleSearchDocs", "ArticleSearch_data", "ArticleSearch_docsize", "ArticleSearch_idx", "TrendingBuckets",
        // Kept by background work that follows the load's changes: reader signals per day, and the 原创 shingle index
        // with its watermark.
        "ArticleDays", "ArticleFingerprints", "ArticleFingerprintSets", "OriginalityMatches", "SiteSettings",
        // The load's page views, kept for 更正提醒.
        "ArticleReads",
    };

    /// <summary>Tables the load only appends to: the copy must hold exactly the live rows up to some id, no gaps, no changes.</summary>
    private static readonly string[] AppendedTo = ["Comments", "ArticleRevisions", "AuditLog"];

    private static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => CliTests.RunAsync(args);

    private string NewDirectory(string name) => Path.Combine(live.Scratch, name + "-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Restore_OfABackupTakenUnderWriteLoad_HoldsTheSnapshot_AndANodeServesIt()
    {
        Assert.True(live.BackupRun.Code == 0, live.BackupRun.Err + live.BackupRun.Out);
        Assert.Contains("integrity ok", live.BackupRun.Out, StringComparison.Ordinal);
        Assert.Equal([live.Backup], Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(live.Backup)!));
        var manifest = await BackupFiles.ReadManifestAsync(live.Backup, CancellationToken.None);
        var rows = manifest.Tables.ToDictionary(t => t.Name, t => t.Rows, StringComparer.Ordinal);

        var restored = NewDirectory("restored");
        var (code, output, error) = await RunAsync("restore", "--from", live.Backup, "--data-dir", restored);
        Assert.True(code == 0, error + output);
        Assert.Contains("every SHA-256 matches", output, StringComparison.Ordinal);

        await using var copy = await OpenAsync(Path.Combine(restored, SiteFiles.Database));
        await using var site = await OpenAsync(live.LiveDatabase);

        // The snapshot fell inside the load: comments were stored before it and after it, and it holds a whole prefix.
        var loadComments = await ScalarAsync(copy, $"SELECT count(*) FROM Comments WHERE ArticleId = {live.CommentedArticle}");
        Assert.InRange(loadComments, live.Before.Comments, live.After.Comments - 1);
        Assert.Equal(loadComments, await ScalarAsync(copy, $"SELECT count(*) FROM Comments WHERE ArticleId = {live.CommentedArticle} AND Body IN ({string.Join(", ", Enumerable.Range(1, (int)loadComments).Select(n => $"'{LiveSiteBackup.LoadComment(n)}'"))})"));

        foreach (var table in await TablesAsync(copy))
        {
            var copied = await RowsAsync(copy, table);
            Assert.True(rows[table] == copied.Count, $"{table}: {copied.Count} rows restored, the manifest says {rows[table]}");
            if (ChangedInPlace.Contains(table))
            {
                continue;
            }

            var now = await RowsAsync(site, table);
            if (AppendedTo.Contains(table))
            {
                var last = copied.Count == 0 ? 0 : copied.Max(r => r.Id);
                Assert.True(now.Where(r => r.Id <= last).SequenceEqual(copied), $"{table}: the copy is not the live table up to id {last}");
            }
            else
            {
                Assert.True(now.SequenceEqual(copied), $"{table}: the copy differs from the live table, which the load does not change");
            }
        }

        // Within the copy, each write is whole: an article's comment count matches its comments, and the draft's text is
        // its newest revision's, with one audit line per revision (a save commits all three together).
        Assert.Equal(loadComments, await ScalarAsync(copy, $"SELECT CommentCount FROM Articles WHERE Id = {live.CommentedArticle}"));
        var revisions = await ScalarAsync(copy, $"SELECT count(*) FROM ArticleRevisions WHERE ArticleId = {live.Draft}");
        Assert.InRange(revisions, 2 + live.Before.Saves, 2 + live.After.Saves);
        Assert.Equal(1, await ScalarAsync(copy, $"SELECT count(*) FROM Articles a WHERE a.Id = {live.Draft} AND a.BodyMarkdown = (SELECT Body FROM ArticleRevisions WHERE ArticleId = a.Id ORDER BY Number DESC LIMIT 1)"));
        Assert.Equal(revisions, await ScalarAsync(copy, $"SELECT count(*) FROM AuditLog WHERE ArticleId = {live.Draft}"));
        var otherArticles = $"SELECT * FROM Articles WHERE Id NOT IN ({live.CommentedArticle}, {live.Draft}) ORDER BY Id";
        Assert.True((await RowsAsync(site, "Articles", otherArticles)).SequenceEqual(await RowsAsync(copy, "Articles", otherArticles)), "articles the load did not touch differ");

        // Every other file of the data directory came back byte for byte: keys, covers, the operator's lists.
        var files = Directory.EnumerateFiles(live.Base.DataDirectory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(live.Base.DataDirectory, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(SiteFiles.InBackup).Order(StringComparer.Ordinal).ToList();
        Assert.Contains(files, f => f.StartsWith("keys/", StringComparison.Ordinal));
        Assert.Contains(files, f => f.StartsWith("media/covers/", StringComparison.Ordinal));
        Assert.Contains("moderation/banned.txt", files);
        Assert.Contains("ip-regions.txt", files);
        Assert.Equal(files, manifest.Files.Select(f => f.Path).Where(p => p != SiteFiles.Database));
        foreach (var file in files)
        {
            var original = await File.ReadAllBytesAsync(Path.Combine(live.Base.DataDirectory, file), TestContext.Current.CancellationToken);
            var back = await File.ReadAllBytesAsync(Path.Combine(restored, file), TestContext.Current.CancellationToken);
            Assert.True(original.SequenceEqual(back), $"{file} differs after the restore");
        }

        // A node on the restored directory serves the snapshot: the thread ends where the backup was taken, the cover
        // is there, and the editor's cookie from the live site still signs them in (the keys came along).
        using var restoredBase = new PortalFactory();
        using var node = restoredBase.WithWebHostBuilder(b =>
        {
            b.UseSetting("Tidings:DataDirectory", restored);
            b.UseSetting("Tidings:SeedDemoOnEmptyDatabase", "false");
        });
        using var reader = node.CreateClient();
        var title = await ScalarTextAsync(copy, $"SELECT Title FROM Articles WHERE Id = {live.CommentedArticle}");
        var page = new HtmlParser().ParseDocument(await reader.GetStringAsync($"/article/{live.CommentedArticle}", TestContext.Current.CancellationToken));
        Assert.Equal(title, page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains(LiveSiteBackup.LoadComment((int)loadComments), page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(LiveSiteBackup.LoadComment((int)loadComments + 1), page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(live.Base.DataDirectory, live.CoverUrl.TrimStart('/')), TestContext.Current.CancellationToken), await reader.GetByteArrayAsync(live.CoverUrl, TestContext.Current.CancellationToken));

        using var editor = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/newsroom");
        request.Headers.Add("Cookie", live.EditorCookie);
        using var desk = await editor.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, desk.StatusCode);
    }

    [Fact]
    public async Task Restore_OntoTheRunningSite_IsRefused_AndBackupNeedsANewOrEmptyTarget()
    {
        // The live site's SQLite connections create and drop tidings.db-wal/-shm as they open and checkpoint, so those
        // come and go on their own; every other entry (a staging or replaced-by-restore folder included) must not.
        List<string> Entries() => [.. Directory.EnumerateFileSystemEntries(live.Base.DataDirectory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !name.StartsWith(SiteFiles.Database + "-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
        var before = Entries();
        Assert.Contains(SiteFiles.Database, before);
        var onLive = await RunAsync("restore", "--from", live.Backup, "--data-dir", live.Base.DataDirectory, "--force");
        Assert.Equal(2, onLive.Code);
        Assert.Contains("is running", onLive.Err, StringComparison.Ordinal);
        Assert.Equal(before, Entries());
        using (var reader = live.Client("198.18.0.9"))
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/v1/articles/{live.CommentedArticle}", TestContext.Current.CancellationToken)).StatusCode);
        }

        var manifest = await File.ReadAllBytesAsync(Path.Combine(live.Backup, BackupManifest.FileName), TestContext.Current.CancellationToken);
        var again = await RunAsync("backup", "--to", live.Backup, "--data-dir", live.Base.DataDirectory);
        Assert.Equal(2, again.Code);
        Assert.Contains("is not empty", again.Err, StringComparison.Ordinal);
        Assert.Equal(manifest, await File.ReadAllBytesAsync(Path.Combine(live.Backup, BackupManifest.FileName), TestContext.Current.CancellationToken));

        var intoFile = await RunAsync("backup", "--to", Path.Combine(live.Backup, BackupManifest.FileName), "--data-dir", live.Base.DataDirectory);
        Assert.Equal(2, intoFile.Code);
        Assert.Contains("is a file", intoFile.Err, StringComparison.Ordinal);

        var inside = await RunAsync("backup", "--to", Path.Combine(live.Base.DataDirectory, "backup"), "--data-dir", live.Base.DataDirectory);
        Assert.Equal(2, inside.Code);
        Assert.Contains("overlaps the data directory", inside.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_DamagedBackups_AreRefusedBeforeAnythingIsWritten()
    {
        var keyFile = Directory.EnumerateFiles(Path.Combine(live.Backup, "keys")).First();
        var key = Path.GetRelativePath(live.Backup, keyFile).Replace(Path.DirectorySeparatorChar, '/');
        var cases = new (string Name, Action<string> Damage, string Expected)[]
        {
            ("tampered checksum", dir => EditManifest(dir, m => m["files"]!.AsArray().Single(f => (string)f!["path"]! == key)!["sha256"] = new string('0', 64)), $"{key} does not match its SHA-256"),
            ("truncated database", dir => { using var db = File.OpenWrite(Path.Combine(dir, SiteFiles.Database)); db.SetLength(db.Length / 2); }, "tidings.db has"),
            ("no manifest", dir => File.Delete(Path.Combine(dir, BackupManifest.FileName)), "did not finish"),
            ("corrupt manifest", dir => File.WriteAllText(Path.Combine(dir, BackupManifest.FileName), "{\"format\": 1, \"files\": ["), "not valid JSON"),
            ("newer schema", dir => EditManifest(dir, m => m["schema"] = "29991231000000_FromTheFuture"), "newer than this build knows"),
        };

        var runs = cases.Select(async c =>
        {
            var damaged = NewDirectory("damaged");
            CopyDirectory(live.Backup, damaged);
            c.Damage(damaged);
            var target = NewDirectory("target");
            var (code, _, error) = await RunAsync("restore", "--from", damaged, "--data-dir", target);
            return (c.Name, c.Expected, code, error, Created: Directory.Exists(target));
        }).ToList();
        var asFile = RunAsync("restore", "--from", Path.Combine(live.Backup, SiteFiles.Database), "--data-dir", NewDirectory("target"));

        foreach (var (name, expected, code, error, created) in await Task.WhenAll(runs))
        {
            Assert.True(code == 2, $"{name}: exit code {code}, {error}");
            Assert.True(error.Contains(expected, StringComparison.Ordinal), $"{name}: {error}");
            Assert.False(created, $"{name}: the data directory was created");
        }

        var file = await asFile;
        Assert.Equal(2, file.Code);
        Assert.Contains("is a file", file.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_OverAStoppedSite_NeedsForce_AndMovesTheOldSiteAside()
    {
        var data = NewDirectory("stopped");
        Assert.Equal(0, (await RunAsync("restore", "--from", live.Backup, "--data-dir", data)).Code);
        await File.WriteAllTextAsync(Path.Combine(data, "moderation", "banned.txt"), "停用站点的词表\n", TestContext.Current.CancellationToken);
        var oldDatabase = SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(data, SiteFiles.Database), TestContext.Current.CancellationToken));

        var refused = await RunAsync("restore", "--from", live.Backup, "--data-dir", data);
        Assert.Equal(2, refused.Code);
        Assert.Contains("--force", refused.Err, StringComparison.Ordinal);
        Assert.Equal("停用站点的词表\n", await File.ReadAllTextAsync(Path.Combine(data, "moderation", "banned.txt"), TestContext.Current.CancellationToken));

        var (code, output, error) = await RunAsync("restore", "--from", live.Backup, "--data-dir", data, "--force");
        Assert.True(code == 0, error + output);
        var aside = Assert.Single(Directory.EnumerateDirectories(data, SiteFiles.ReplacedPrefix + "*"));
        Assert.Contains(aside, output, StringComparison.Ordinal);
        Assert.Equal("停用站点的词表\n", await File.ReadAllTextAsync(Path.Combine(aside, "moderation", "banned.txt"), TestContext.Current.CancellationToken));
        Assert.Equal(oldDatabase, SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(aside, SiteFiles.Database), TestContext.Current.CancellationToken)));
        Assert.Equal(
            await File.ReadAllBytesAsync(Path.Combine(live.Backup, "moderation", "banned.txt"), TestContext.Current.CancellationToken),
            await File.ReadAllBytesAsync(Path.Combine(data, "moderation", "banned.txt"), TestContext.Current.CancellationToken));
        Assert.Empty(Directory.EnumerateDirectories(data, SiteFiles.StagingPrefix + "*"));
    }

    [Fact]
    public async Task BackupAndRestore_OnPostgres_PointToTheOperationsGuide()
    {
        var postgres = new Dictionary<string, string>
        {
            ["Tidings__Database__Provider"] = "Postgres",
            ["ConnectionStrings__Tidings"] = "Host=db.invalid;Database=tidings",
        };
        var results = await Task.WhenAll(
            CliTests.RunWithAsync(null, postgres, "backup", "--to", NewDirectory("pg"), "--data-dir", live.Base.DataDirectory),
            CliTests.RunWithAsync(null, postgres, "restore", "--from", live.Backup, "--data-dir", NewDirectory("pg")));
        foreach (var (code, _, error) in results)
        {
            Assert.Equal(2, code);
            Assert.Contains("pg_dump", error, StringComparison.Ordinal);
            Assert.Contains("docs/operations.md", error, StringComparison.Ordinal);
        }
    }

    private static async Task<SqliteConnection> OpenAsync(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<long> ScalarAsync(SqliteConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string> ScalarTextAsync(SqliteConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> TablesAsync(SqliteConnection db)
    {
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>Every row as text (NULLs and blobs told apart), with its first column as the id; ordered by id, then text.</summary>
    private static async Task<List<(long Id, string Row)>> RowsAsync(SqliteConnection db, string table, string? sql = null)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql ?? $"SELECT * FROM \"{table}\"";
        var rows = new List<(long, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new StringBuilder();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row.Append(reader.IsDBNull(i) ? "∅" : reader.GetValue(i) is byte[] blob ? Convert.ToHexString(blob) : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
            }

            rows.Add((reader.GetValue(0) is long id ? id : 0, row.ToString()));
        }

        return [.. rows.OrderBy(r => r.Item1).ThenBy(r => r.Item2, StringComparer.Ordinal)];
    }

    private static void EditManifest(string directory, Action<JsonNode> edit)
    {
        var path = Path.Combine(directory, BackupManifest.FileName);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        edit(json);
        File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
