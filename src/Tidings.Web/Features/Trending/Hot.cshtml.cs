using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;
using Tidings.Core.Trending;
using Tidings.Web.Features.Articles;
using Tidings.Web.Features.Channels;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Trending;

/// <summary>/hot: the trending ranking, with tabs for the window (1 h, 24 h, 7 d) and the scope (site, channel, region).</summary>
public sealed class HotModel(TidingsDbContext db, TrendingLists trending, SiteContext site, PortalLists lists) : PageModel
{
    private const int Size = 30;

    public IReadOnlyList<ArticleCard> Items { get; private set; } = [];
    public string Heading { get; private set; } = TrendingText.HotPage;
    public string Scope { get; private set; } = "site";
    public string Window { get; private set; } = "24h";
    public IReadOnlyList<(string Label, string Scope)> Scopes { get; private set; } = [];

    public static IReadOnlyList<(string Label, string Window)> Windows => [(TrendingText.WindowHour, "1h"), (TrendingText.WindowDay, "24h"), (TrendingText.WindowWeek, "7d")];

    public string UrlFor(string scope, string window) =>
        "/hot" + (scope, window) switch
        {
            ("site", "24h") => string.Empty,
            ("site", _) => "?window=" + window,
            (_, "24h") => "?scope=" + Uri.EscapeDataString(scope),
            _ => $"?scope={Uri.EscapeDataString(scope)}&window={window}",
        };

    public async Task<IActionResult> OnGetAsync(string? scope, string? window, CancellationToken ct)
    {
        if (TrendingApi.ParseWindow(window) is not { } span)
        {
            return NotFound();
        }

        Window = window ?? "24h";
        Scope = string.IsNullOrEmpty(scope) ? "site" : scope;
        var channels = await lists.ChannelsAsync();
        var regions = await db.Regions.AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.Id, r.Slug, r.SiteName }).ToListAsync(ct);
        Scopes = [(Ui.WholeSite, "site"), .. channels.Select(c => (c.Name, "channel:" + c.Slug)), .. regions.Select(r => (r.SiteName, "region:" + r.Slug))];

        TrendingScope? parsed = Scope == "site" ? TrendingScope.Site : null;
        string? name = null;
        if (channels.FirstOrDefault(c => "channel:" + c.Slug == Scope) is { } channel)
        {
            (parsed, name) = (TrendingScope.Channel(channel.Id), channel.Name);
        }
        else if (regions.FirstOrDefault(r => "region:" + r.Slug == Scope) is { } region)
        {
            (parsed, name) = (TrendingScope.Region(region.Id), region.SiteName);
        }

        if (parsed is null)
        {
            return NotFound();
        }

        Heading = name is null ? TrendingText.HotPage : Phrase.Format(TrendingText.HotPageOf, name, TrendingText.HotPage);
        Items = (await trending.CardsAsync(db, parsed.Value, span, site.UtcNow, ct)).Select(c => c.Card).Take(Size).ToList();
        ViewData.SetMeta(new PageMeta
        {
            Title = Phrase.Format(Ui.TitleWithQualifier, Heading, Windows.First(w => w.Window == Window).Label),
            Description = TrendingText.HotIntro,
            CanonicalPath = UrlFor(Scope, Window),
        });
        return Page();
    }
}
