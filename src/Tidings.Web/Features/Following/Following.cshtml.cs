using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidings.Core.Corrections;
using Tidings.Core.Data;
using Tidings.Core.Sources;
using Tidings.Web.Features.Corrections;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Following;

/// <summary>/following (我的关注): the newest articles of the accounts a reader follows; per reader, so never cached.</summary>
public sealed class FollowingModel(TidingsDbContext db, SiteContext site, Followers followers, IOptions<CorrectionOptions> corrections) : PageModel
{
    private const int SuggestionCount = 8;

    public FollowingFeed Feed { get; private set; } = FollowingFeed.Empty;

    /// <summary>Accounts to start with when the reader follows none: the most followed self-media accounts.</summary>
    public IReadOnlyList<FollowedSource> Suggestions { get; private set; } = [];

    public bool SignedIn { get; private set; }

    /// <summary>Recent corrections of the followed accounts' articles (更正 reach followers here too).</summary>
    public IReadOnlyList<CorrectionItem> Corrections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] string? page, CancellationToken ct)
    {
        if (ListPageView.ParsePage(page) is not { } number || number > FollowingFeed.MaxPage)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, no-store";
        SignedIn = User.Identity?.IsAuthenticated == true;
        Feed = await FollowingFeed.LoadAsync(db, followers.KeyForReading(HttpContext), number, site.UtcNow, ct);
        if (Feed.Sources.Count > 0 && number == 1)
        {
            var since = site.UtcNow.AddDays(-corrections.Value.NoticeDays);
            Corrections = await CorrectionList.Query(db, site.UtcNow, Feed.Sources.Select(s => s.Id).ToList(), since).Take(5).ToListAsync(ct);
        }

        if (Feed.Sources.Count == 0)
        {
            Suggestions = await db.Sources.AsNoTracking().Where(s => s.Kind == SourceKind.SelfMedia)
                .OrderByDescending(s => s.FollowerCount).ThenBy(s => s.Id).Take(SuggestionCount)
                .Select(s => new FollowedSource(s.Id, s.Slug, s.Name, s.AvatarUrl, s.FollowerCount)).ToListAsync(ct);
        }

        ViewData.SetMeta(new PageMeta { Title = Ui.FollowingPage, NoIndex = true, ReturnPath = "/following" });
        return Page();
    }

    public string PageUrl(int number) => number <= 1 ? "/following" : "/following?page=" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
