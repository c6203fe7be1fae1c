using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
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
public sealed class IndexModel(TidingsDbContext db, SiteContext site, IMemoryCache cache) : PageModel
{
    private static readonly TimeSpan ChartsTtl = TimeSpan.FromMinutes(1);

    public const int ChartDays = 30;
    public const int TopCount = 10;

    public IReadOnlyList<DeskCount> Counts { get; private set; } = [];
    public IReadOnlyList<ChartPoint> PublishedPerDay { get; private set; } = [];
    public IReadOnlyList<ChartPoint> TopByViews { get; private set; } = [];
    public IReadOnlyList<ChartPoint> CommentQueue { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        ViewData["Section"] = "home";
        ViewData.SetMeta(new PageMeta { Title = Ui.NewsroomHome, NoIndex = true });
        var me = User.UserId();
        var counts = new List<DeskCount>();
        if (User.Can(Permission.Draft))
        {
            counts.Add(new(NewsroomText.MyDrafts, await db.Articles.InState(ArticleStatus.Draft).CountAsync(a => a.OwnerId == me, ct), $"/newsroom/articles?status=draft&owner={me}"));
        }

        if (User.Can(Permission.Publish))
        {
            counts.Add(new(NewsroomText.AwaitingReview, await db.Articles.InState(ArticleStatus.InReview).CountAsync(ct), "/newsroom/articles?status=inreview"));
            counts.Add(new(NewsroomText.StatusScheduled, await db.Articles.InState(ArticleStatus.Scheduled).CountAsync(ct), "/newsroom/articles?status=scheduled"));
        }

        var pending = 0;
        var reported = 0;
        if (User.Can(Permission.Moderate))
        {
            pending = await db.Comments.CountAsync(c => c.Status == CommentStatus.Pending, ct);
            reported = await db.Comments.CountAsync(c => c.Status == CommentStatus.Published && c.ReportCount > 0, ct);
            counts.Add(new(NewsroomText.CommentsPending, pending, "/newsroom/comments?queue=pending"));
            counts.Add(new(NewsroomText.CommentsReported, reported, "/newsroom/comments?queue=reported"));
            CommentQueue = [new(NewsroomText.CommentsPending, pending, "/newsroom/comments?queue=pending"), new(NewsroomText.CommentsReported, reported, "/newsroom/comments?queue=reported")];
        }

        Counts = counts;

        (PublishedPerDay, TopByViews) = await cache.GetOrCreateAsync("newsroom:charts", entry =>
        {
            // Site-wide figures every editor shares; a minute old is fresh enough for a dashboard.
            entry.AbsoluteExpirationRelativeToNow = ChartsTtl;
            return ChartsAsync(ct);
        });
    }

    private async Task<(IReadOnlyList<ChartPoint> PerDay, IReadOnlyList<ChartPoint> Top)> ChartsAsync(CancellationToken ct)
    {
        // One indexed range count per day, cut at the site zone's midnights: the archive's size does not matter, only
        // how many articles a month holds.
        var today = site.Local(site.UtcNow).Date;
        var perDay = new List<ChartPoint>(ChartDays);
        for (var i = ChartDays - 1; i >= 0; i--)
        {
            var day = today.AddDays(-i);
            var from = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day, DateTimeKind.Unspecified), site.Zone);
            var to = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day.AddDays(1), DateTimeKind.Unspecified), site.Zone);
            var count = await db.Articles.CountAsync(a => a.Status == ArticleStatus.Published && a.PublishedAt >= from && a.PublishedAt < to, ct);
            perDay.Add(new ChartPoint(day.ToString("M-d", CultureInfo.InvariantCulture), count));
        }

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
        var topViews = top.Where(t => titles.ContainsKey(t.ArticleId))
            .Select(t => new ChartPoint(titles[t.ArticleId], Math.Round(t.Views, 1), "/newsroom/articles/" + t.ArticleId.ToString(CultureInfo.InvariantCulture)))
            .ToList();
        return (perDay, topViews);
    }
}
