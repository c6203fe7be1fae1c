using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Articles;
using Tidings.Core.Creators;
using Tidings.Core.Data;
using Tidings.Core.Text;
using Tidings.Web.Infrastructure;

namespace Tidings.Web.Features.Cli;

/// <summary>`originality rebuild` (the 原创 shingle index, in bulk) and `eval originality` (how fast and how well a check finds copies).</summary>
internal static class OriginalityCommands
{
    private const int PassageLength = 1_200;

    public static Command Create(Option<string?> dataDir, Func<string, double, Func<Action<double>, Task<int>>, Task<int>> withProgress)
    {
        var rebuild = new Command("rebuild", "Index every article for the 原创 check afresh, in bulk (after an upgrade or a large import).");
        rebuild.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(parse.GetValue(dataDir));
            await host.Services.InitializeDatabaseAsync(allowDemoSeed: false, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
            var originality = scope.ServiceProvider.GetRequiredService<Originality>();
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var total = await db.Articles.CountAsync(ct);
            var clock = Stopwatch.StartNew();
            var indexed = 0;
            await withProgress("原创 index", total, async progress =>
            {
                indexed = await originality.RebuildAsync(new Progress<int>(n => progress(n)), now, ct);
                return indexed;
            });
            var rows = await db.ArticleFingerprints.LongCountAsync(ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Indexed {indexed:N0} articles in {clock.Elapsed.TotalSeconds:F1} s ({indexed / Math.Max(clock.Elapsed.TotalSeconds, 0.001):N0} articles/s): {rows:N0} sampled shingles."));
            return 0;
        });
        var command = new Command("originality", "原创保护: the index that finds copies of earlier articles.");
        command.Subcommands.Add(rebuild);
        return command;
    }

    /// <summary>
    /// `eval originality`: probes of about 5,000 characters, each two passages of 1,200 characters from archived
    /// articles (about a quarter of the probe each, above the flag share) set in new text (random common characters, so
    /// no shingle of it is in the archive), checked as a 原创 declaration would check them. Reported: the check's
    /// latency (p50, p95, p99), how often it names both copied articles, and the shares it measured.
    /// </summary>
    public static Command Eval(Option<string?> dataDir)
    {
        var samples = new Option<int>("--samples") { Description = "Probes to check (default 200).", DefaultValueFactory = _ => 200 };
        var eval = new Command("originality", "Latency and recall of the 原创 check on ~5,000-character probes that copy two archived passages each.");
        eval.Options.Add(samples);
        eval.SetAction(async (parse, ct) =>
        {
            var count = parse.GetValue(samples);
            if (count is < 1 or > 100_000)
            {
                Console.Error.WriteLine("error: --samples must be 1-100000.");
                return 2;
            }

            using var host = CliHost.Build(parse.GetValue(dataDir));
            await host.Services.InitializeDatabaseAsync(allowDemoSeed: false, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
            var originality = scope.ServiceProvider.GetRequiredService<Originality>();
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var maxId = await db.Articles.MaxAsync(a => (int?)a.Id, ct) ?? 0;
            if (maxId == 0 || !await db.ArticleFingerprints.AnyAsync(ct))
            {
                Console.Error.WriteLine("error: the archive is empty or not indexed (run originality rebuild first).");
                return 1;
            }

            var random = new Random(20261205);
            var latencies = new List<double>(count);
            var found = 0;
            var shares = new List<double>();
            var probeLength = 0L;
            for (var i = 0; i < count; i++)
            {
                var passages = new List<(int Id, string Text)>();
                for (var draws = 0; passages.Count < 2; draws++)
                {
                    if (draws == 10_000)
                    {
                        Console.Error.WriteLine("error: too few published articles of 1,200 characters or more to copy from.");
                        return 1;
                    }

                    var id = random.Next(1, maxId + 1);
                    var body = await db.Articles.AsNoTracking().Where(a => a.Id == id && a.Status == ArticleStatus.Published).Select(a => a.BodyHtml).FirstOrDefaultAsync(ct);
                    if (body is not null && passages.All(p => p.Id != id) && ArticleHtml.ToPlainText(body) is { Length: >= PassageLength } text)
                    {
                        passages.Add((id, text[..PassageLength]));
                    }
                }

                var probe = new StringBuilder();
                foreach (var (_, text) in passages)
                {
                    probe.Append(Filler(random, 1_200)).Append(text);
                }

                probe.Append(Filler(random, Math.Max(0, 5_000 - probe.Length)));
                probeLength += probe.Length;
                var clock = Stopwatch.StartNew();
                var hits = await originality.CheckAsync(probe.ToString(), sourceId: 0, articleId: null, now.AddDays(1), originalOnly: false, ct);
                latencies.Add(clock.Elapsed.TotalMilliseconds);
                if (passages.All(p => hits.Any(h => h.ArticleId == p.Id)))
                {
                    found++;
                }

                shares.AddRange(hits.Where(h => passages.Any(p => p.Id == h.ArticleId)).Select(h => h.Share));
            }

            latencies.Sort();
            double At(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
            var articles = await db.Articles.CountAsync(ct);
            var rows = await db.ArticleFingerprints.LongCountAsync(ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                {count} probes of {probeLength / count:N0} characters against {articles:N0} articles ({rows:N0} sampled shingles):
                  check latency p50 {At(0.5):F2} ms, p95 {At(0.95):F2} ms, p99 {At(0.99):F2} ms
                  both copied articles found: {found}/{count} ({100.0 * found / count:F1} %), measured share {(shares.Count == 0 ? 0 : shares.Average()):P1} (true share of each ≈ {PassageLength / (double)(probeLength / count):P1})
                """));
            return 0;
        });
        return eval;
    }

    /// <summary>New text: common CJK characters at random, so none of its shingles is in the archive.</summary>
    private static string Filler(Random random, int length)
    {
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            sb.Append((char)random.Next(0x4E00, 0x9FA6));
        }

        return sb.ToString();
    }
}
