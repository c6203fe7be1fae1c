using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Articles;
using Tidings.Core.Comments;
using Tidings.Core.Data;
using Tidings.Core.Sources;
using Tidings.Core.Trending;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Creators;

public sealed record DayFigures(DateOnly Date, double Views, double Reads, double Shares, int Comments, int Followers);

public sealed record ArticleFigures(
    int Id,
    string Title,
    ArticleStatus Status,
    DateTime? PublishedAt,
    DateTime UpdatedAt,
    double Views,
    double Reads,
    double Shares,
    int Comments,
    string? ReviewNote);

/// <summary>What 创作者中心 shows for one account: days, articles and totals over a window.</summary>
public sealed record CreatorDashboard(
    int SourceId,
    string SourceSlug,
    string SourceName,
    int Followers,
    IReadOnlyList<DayFigures> Days,
    IReadOnlyList<ArticleFigures> Articles)
{
    public double Views => Days.Sum(d => d.Views);
    public double Reads => Days.Sum(d => d.Reads);
    public double Shares => Days.Sum(d => d.Shares);
    public int Comments => Days.Sum(d => d.Comments);

    /// <summary>Followers gained (or lost) over the window.</summary>
    public int FollowerChange => Followers - FollowersBefore;

    /// <summary>The count the day before the window opened.</summary>
    public int FollowersBefore { get; init; }
}

/// <summary>
/// A creator's figures, read from what the site already counts: reader signals summed per day (<see cref="ArticleDay"/>),
/// published 跟贴, and the follower history. Nothing here is a tracker of its own.
/// </summary>
public static class CreatorStats
{
    public const int Days = 30;

    /// <summary>The account's articles on the dashboard: the newest this many (older ones are in the CSV export).</summary>
    public const int MaxArticles = 200;

    public static async Task<CreatorDashboard> LoadAsync(TidingsDbContext db, Source source, DateTime utcNow, TimeZoneInfo zone, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(source);
        var today = Follows.DayNumber(utcNow, zone);
        var first = today - Days + 1;
        var (fromHour, _) = ArticleDay.HoursOf(first, zone);
        var from = DateTime.UnixEpoch.AddHours(fromHour);

        var days = await db.ArticleDays.AsNoTracking()
            .Where(d => d.Day >= first && d.Day <= today && db.Articles.Any(a => a.Id == d.ArticleId && a.SourceId == source.Id))
            .GroupBy(d => d.Day)
            .Select(g => new { Day = g.Key, Views = g.Sum(d => d.Views), Reads = g.Sum(d => d.Reads), Shares = g.Sum(d => d.Shares) })
            .ToDictionaryAsync(d => d.Day, ct);
        var comments = (await db.Comments.AsNoTracking()
                .Where(c => c.Status == CommentStatus.Published && c.CreatedAt >= from && db.Articles.Any(a => a.Id == c.ArticleId && a.SourceId == source.Id))
                .Select(c => c.CreatedAt).ToListAsync(ct))
            .GroupBy(at => Follows.DayNumber(at, zone)).ToDictionary(g => g.Key, g => g.Count());
        var history = await db.SourceFollowerDays.AsNoTracking().Where(d => d.SourceId == source.Id && d.Day >= first && d.Day <= today)
            .ToDictionaryAsync(d => d.Day, d => d.Count, ct);
        var before = await db.SourceFollowerDays.AsNoTracking().Where(d => d.SourceId == source.Id && d.Day < first)
            .OrderByDescending(d => d.Day).Select(d => (int?)d.Count).FirstOrDefaultAsync(ct) ?? 0;

        var series = new List<DayFigures>(Days);
        var followers = before;
        for (var day = first; day <= today; day++)
        {
            // The history has a row for each day the count changed; between them it stood still.
            followers = history.GetValueOrDefault(day, followers);
            var signals = days.GetValueOrDefault(day);
            series.Add(new DayFigures(Follows.DayOf(day), signals?.Views ?? 0, signals?.Reads ?? 0, signals?.Shares ?? 0, comments.GetValueOrDefault(day), followers));
        }

        var articles = await ArticlesAsync(db, source.Id, first, today, ct);
        return new CreatorDashboard(source.Id, source.Slug, source.Name, source.FollowerCount, series, articles) { FollowersBefore = before };
    }

    /// <summary>The account's newest articles in any state, with their figures over the window and the reason a refused one was sent back.</summary>
    private static async Task<List<ArticleFigures>> ArticlesAsync(TidingsDbContext db, int sourceId, int first, int today, CancellationToken ct)
    {
        var rows = await db.Articles.AsNoTracking().Where(a => a.SourceId == sourceId)
            .OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id).Take(MaxArticles)
            .Select(a => new
            {
                a.Id,
                a.Title,
                a.Status,
                a.PublishedAt,
                a.UpdatedAt,
                a.CommentCount,
                Views = db.ArticleDays.Where(d => d.ArticleId == a.Id && d.Day >= first && d.Day <= today).Sum(d => (double?)d.Views) ?? 0,
                Reads = db.ArticleDays.Where(d => d.ArticleId == a.Id && d.Day >= first && d.Day <= today).Sum(d => (double?)d.Reads) ?? 0,
                Shares = db.ArticleDays.Where(d => d.ArticleId == a.Id && d.Day >= first && d.Day <= today).Sum(d => (double?)d.Shares) ?? 0,
            })
            .ToListAsync(ct);
        // 退回 notes live in the audit line of the transition ("待审 → 草稿：reason"), the latest per article.
        var sentBack = rows.Where(r => r.Status == ArticleStatus.Draft).Select(r => r.Id).ToList();
        var notes = sentBack.Count == 0
            ? []
            : (await db.AuditLog.AsNoTracking().Where(e => e.ArticleId != null && sentBack.Contains(e.ArticleId.Value) && (e.Action == "todraft" || e.Action == "unpublish"))
                .OrderByDescending(e => e.Id).Select(e => new { ArticleId = e.ArticleId!.Value, e.Detail }).ToListAsync(ct))
                .GroupBy(e => e.ArticleId).ToDictionary(g => g.Key, g => ReviewNote(g.First().Detail));
        return rows.Select(r => new ArticleFigures(r.Id, r.Title, r.Status, r.PublishedAt, r.UpdatedAt, r.Views, r.Reads, r.Shares, r.CommentCount, notes.GetValueOrDefault(r.Id))).ToList();
    }

    /// <summary>Between a transition and the editor's note in its audit detail.</summary>
    public const char NoteSeparator = '\n';

    /// <summary>
    /// The editor's words in a transition's audit detail ("待审 → 草稿" and the note on the next line), or null when
    /// they gave none. Entries written before the separator was a line break used a full-width colon.
    /// </summary>
    public static string? ReviewNote(string? detail)
    {
        if (detail is null)
        {
            return null;
        }

        var at = detail.IndexOf(NoteSeparator, StringComparison.Ordinal);
        at = at >= 0 ? at : detail.IndexOf('\uff1a', StringComparison.Ordinal);
        return at < 0 || at == detail.Length - 1 ? null : detail[(at + 1)..];
    }

    /// <summary>
    /// Every article of the account, one row per article and day that has figures, as CSV (UTF-8 with a BOM, which
    /// spreadsheet programs need to read Chinese). Cells that a spreadsheet would run as a formula are quoted as text.
    /// </summary>
    public static async Task WriteCsvAsync(TidingsDbContext db, int sourceId, TimeZoneInfo zone, Stream output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await writer.WriteLineAsync("date,article_id,title,status,views,reads,shares,comments");
        var articles = await db.Articles.AsNoTracking().Where(a => a.SourceId == sourceId).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.Title, a.Status }).ToListAsync(ct);
        foreach (var batch in articles.Chunk(500))
        {
            var ids = batch.Select(a => a.Id).ToList();
            var days = await db.ArticleDays.AsNoTracking().Where(d => ids.Contains(d.ArticleId)).OrderBy(d => d.ArticleId).ThenBy(d => d.Day).ToListAsync(ct);
            var comments = (await db.Comments.AsNoTracking().Where(c => ids.Contains(c.ArticleId) && c.Status == CommentStatus.Published)
                    .Select(c => new { c.ArticleId, c.CreatedAt }).ToListAsync(ct))
                .GroupBy(c => (c.ArticleId, Day: Follows.DayNumber(c.CreatedAt, zone))).ToDictionary(g => g.Key, g => g.Count());
            foreach (var a in batch)
            {
                var own = days.Where(d => d.ArticleId == a.Id).ToDictionary(d => d.Day);
                foreach (var day in own.Keys.Union(comments.Keys.Where(k => k.ArticleId == a.Id).Select(k => k.Day)).Order())
                {
                    var d = own.GetValueOrDefault(day);
                    await writer.WriteLineAsync(string.Join(',',
                        Follows.DayOf(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        a.Id.ToString(CultureInfo.InvariantCulture),
                        Cell(a.Title),
                        a.Status.ToString().ToLowerInvariant(),
                        Number(d?.Views ?? 0),
                        Number(d?.Reads ?? 0),
                        Number(d?.Shares ?? 0),
                        comments.GetValueOrDefault((a.Id, day)).ToString(CultureInfo.InvariantCulture)));
                }
            }
        }
    }

    private static string Number(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>RFC 4180 quoting, and a leading apostrophe for text a spreadsheet would take as a formula (OWASP's CSV injection advice).</summary>
    public static string Cell(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public static string Format(double value) => Math.Round(value).ToString("N0", CultureInfo.InvariantCulture);

    public static IReadOnlyList<ChartPoint> Chart(IEnumerable<DayFigures> days, Func<DayFigures, double> value) =>
        days.Select(d => new ChartPoint(d.Date.ToString("M-d", CultureInfo.InvariantCulture), Math.Round(value(d), 1))).ToList();
}
