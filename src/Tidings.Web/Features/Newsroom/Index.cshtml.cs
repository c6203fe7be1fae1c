using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Accounts;
using Tidings.Core.Articles;
using Tidings.Core.Comments;
using Tidings.Core.Data;
using Tidings.Core.Trending;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Newsroom;

public sealed record DeskCount(string Label, int Count, string Href);

/// <summary>The newsroom's start page: what waits for the signed-in person, and how the site is doing.</summary>
public sealed class IndexModel(TidingsDbContext db, SiteContext site) : PageModel
{
    public const int ChartDays = 30;
    public const int TopCount = 10;

    public IReadOnlyList<DeskCount> Counts { get; private set; } = [];
    public IReadOnlyList<ChartPoint> PublishedPerDay { get; private set; } = [];
    public IReadOnlyList<ChartPoint> TopByViews { get; private set; } = [];
    public IReadOnlyList<ChartPoint> CommentQueue { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        ViewData["Section"] = "home";
        ViewData["Meta"] = new PageMeta { Title = Ui.NewsroomHome, NoIndex = true };
        var me = User.UserId();
        var counts = new List<DeskCount>();
        if (User.Can(Permission.Draft))
        {
            counts.Add(new(Ui.MyDrafts, await db.Articles.CountAsync(a => a.OwnerId == me && a.Status == ArticleStatus.Draft, ct), $"/newsroom/articles?status=draft&owner={me}"));
        }

        if (User.Can(Permission.Publish))
        {
            counts.Add(new(Ui.AwaitingReview, await db.Articles.CountAsync(a => a.Status == ArticleStatus.InReview, ct), "/newsroom/articles?status=inreview"));
            counts.Add(new(Ui.StatusScheduled, await db.Articles.CountAsync(a => a.Status == ArticleStatus.Scheduled, ct), "/newsroom/articles?status=scheduled"));
        }

        var pending = 0;
        var reported = 0;
        if (User.Can(Permission.Moderate))
        {
            pending = await db.Comments.CountAsync(c => c.Status == CommentStatus.Pending, ct);
            reported = await db.Comments.CountAsync(c => c.Status == CommentStatus.Published && c.ReportCount > 0, ct);
            counts.Add(new(Ui.CommentsPending, pending, "/newsroom/comments?queue=pending"));
            counts.Add(new(Ui.CommentsReported, reported, "/newsroom/comments?queue=reported"));
            CommentQueue = [new(Ui.CommentsPending, pending, "/newsroom/comments?queue=pending"), new(Ui.CommentsReported, reported, "/newsroom/comments?queue=reported")];
        }

        Counts = counts;

        // Per day in the site's zone: the range is cut at local midnights, then grouped in memory (30 small rows).
        var today = site.Local(site.UtcNow).Date;
        var first = today.AddDays(-(ChartDays - 1));
        var firstUtc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(first, DateTimeKind.Unspecified), site.Zone);
        var times = await db.Articles.AsNoTracking()
            .Where(a => a.Status == ArticleStatus.Published && a.PublishedAt >= firstUtc && a.PublishedAt <= site.UtcNow)
            .Select(a => a.PublishedAt!.Value).ToListAsync(ct);
        var perDay = times.GroupBy(t => site.Local(t).Date).ToDictionary(g => g.Key, g => g.Count());
        PublishedPerDay = Enumerable.Range(0, ChartDays)
            .Select(i => first.AddDays(i))
            .Select(d => new ChartPoint(d.ToString("M-d", CultureInfo.InvariantCulture), perDay.GetValueOrDefault(d)))
            .ToList();

        // Views as counted by the trending gate (bots out, one per visitor and hour), last 7 days.
        var since = (long)(site.UtcNow - DateTime.UnixEpoch).TotalHours - (7 * 24);
        var top = await db.TrendingBuckets.AsNoTracking()
            .Where(b => b.Signal == ReaderSignal.View && b.Hour >= since)
            .GroupBy(b => b.ArticleId)
            .Select(g => new { ArticleId = g.Key, Views = g.Sum(b => b.Count) })
            .OrderByDescending(x => x.Views).Take(TopCount)
            .ToListAsync(ct);
        var ids = top.Select(t => t.ArticleId).ToList();
        var titles = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Title }).ToDictionaryAsync(a => a.Id, a => a.Title, ct);
        TopByViews = top.Where(t => titles.ContainsKey(t.ArticleId))
            .Select(t => new ChartPoint(titles[t.ArticleId], Math.Round(t.Views, 1), "/newsroom/articles/" + t.ArticleId.ToString(CultureInfo.InvariantCulture)))
            .ToList();
    }
}
