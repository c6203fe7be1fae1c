using System.Globalization;
using System.ServiceModel.Syndication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidings.Core.Corrections;
using Tidings.Core.Data;
using Tidings.Web.Features.Articles;
using Tidings.Web.Features.Feeds;
using Tidings.Web.Features.Trending;
using Tidings.Web.Infrastructure;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Corrections;

public sealed record ApiCorrectionNotice(int Id, int ArticleId, string Title, string Url, DateTimeOffset CorrectedAt, string Text, string Message);

/// <summary>What <c>GET /api/v1/me/corrections</c> answers: the notices, and the mark to send as <c>since</c> next time.</summary>
public sealed record ApiCorrectionNotices(DateTimeOffset CheckedAt, IReadOnlyList<ApiCorrectionNotice> Items);

/// <summary>
/// 更正: the public list (/corrections) and its feeds, and the notice a reader gets on their next page when an article
/// they read has been corrected since (corrections.js asks <c>/api/v1/me/corrections</c>; the notice is never part of
/// cached HTML).
/// </summary>
internal static class CorrectionsExtensions
{
    public const string FeedPath = "/feeds/corrections";

    public static WebApplicationBuilder AddCorrections(this WebApplicationBuilder builder)
    {
        builder.AddSettings<CorrectionOptions>("Tidings:Corrections")
            .Validate(o => o.ReadDays is >= 1 and <= 366 && o.NoticeDays is >= 1 and <= 366, "Tidings:Corrections:ReadDays and NoticeDays must be 1-366.")
            .Validate(o => o.MaxNotices is >= 1 and <= 20, "Tidings:Corrections:MaxNotices must be 1-20.")
            .Validate(o => o.CheckSeconds is >= 0 and <= 86_400, "Tidings:Corrections:CheckSeconds must be 0-86400.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ReadReceipts>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReadReceipts>());
        return builder;
    }

    public static IEndpointRouteBuilder MapCorrections(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/me/corrections", MineAsync).WithTags("Corrections").WithName("GetCorrectionNotices")
            .WithSummary("Corrections made since `since` (ISO 8601) to articles this visitor opened before them; `checkedAt` is the next `since`.");
        foreach (var format in new[] { FeedFormat.Rss, FeedFormat.Atom })
        {
            app.MapMethods(FeedPath + FeedUrls.Extension(format), ContentCacheExtensions.GetAndHead, (HttpContext http, CancellationToken ct) => FeedAsync(http, format, ct))
                .CacheOutput(ContentCacheExtensions.Policy).ExcludeFromDescription();
        }

        return app;
    }

    private static async Task<IResult> MineAsync(
        HttpContext http, TidingsDbContext db, SiteContext site, IDataProtectionProvider protection, IOptions<CorrectionOptions> options, string? since, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "private, no-store";
        DateTime? mark = null;
        if (!string.IsNullOrEmpty(since))
        {
            if (since.Length > 40 || !DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["since"] = ["since must be an ISO 8601 date-time, e.g. the checkedAt of the last answer."] });
            }

            mark = parsed.UtcDateTime;
        }

        var now = site.UtcNow;
        IReadOnlyList<CorrectionNotice> notices = [];
        // No visitor id (none yet, DNT or Sec-GPC): nothing was recorded, so nothing is looked up.
        if (CorrectionNotices.VisitorKey(EventsApi.ExistingVisitor(http, protection)) is { } visitor)
        {
            notices = await CorrectionNotices.ForVisitorAsync(db, visitor, mark, now, options.Value, ct);
        }

        return TypedResults.Ok(new ApiCorrectionNotices(
            site.Local(now),
            notices.Select(n => new ApiCorrectionNotice(
                n.CorrectionId, n.ArticleId, n.Title,
                ArticleUrls.For(n.ArticleId, n.Slug) + "#correction-" + n.CorrectionId.ToString(CultureInfo.InvariantCulture),
                site.Local(n.CorrectedAt), n.Text, Phrase.Format(CorrectionsText.CorrectionNotice, n.Title))).ToList()));
    }

    private static async Task<IResult> FeedAsync(HttpContext http, FeedFormat format, CancellationToken ct)
    {
        var db = http.RequestServices.GetRequiredService<TidingsDbContext>();
        var site = http.RequestServices.GetRequiredService<SiteContext>();
        var items = await CorrectionList.Query(db, site.UtcNow).Take(CorrectionList.PageSize).ToListAsync(ct);
        var feed = FeedEndpoints.NewFeed(
            site, http.Request, format, Ui.CorrectionsPage + " - " + site.SiteName, CorrectionsText.CorrectionsIntro, "/corrections", FeedPath + FeedUrls.Extension(format),
            items.Count > 0 ? items[0].At : DateTime.UnixEpoch);
        feed.Items = items.Select(c =>
        {
            var item = new SyndicationItem
            {
                // One entry per correction, so a reader's feed shows a second correction of the same article too.
                Id = site.Absolute(http.Request, c.Url),
                Title = new TextSyndicationContent(XmlSafe.Clean(Phrase.Format(Ui.CorrectionFeedTitle, c.Title))),
                Summary = new TextSyndicationContent(XmlSafe.Clean(c.Text)),
                PublishDate = site.Local(c.At),
                LastUpdatedTime = site.Local(c.At),
            };
            item.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(site.Absolute(http.Request, c.Url)), "text/html"));
            FeedEndpoints.AddAuthor(item, format, c.SourceName);
            return item;
        }).ToList();
        return HttpValidators.Document(http, FeedEndpoints.Write(feed, format), FeedUrls.ContentType(format));
    }
}
