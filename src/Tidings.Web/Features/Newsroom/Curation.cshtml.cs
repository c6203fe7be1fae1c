using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Accounts;
using Tidings.Core.Articles;
using Tidings.Core.Data;
using Tidings.Core.Newsroom;
using Tidings.Core.Trending;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Features.Channels;
using Tidings.Web.Features.Trending;
using Tidings.Web.Infrastructure;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Newsroom;

public sealed record SlotRow(int Id, string Scope, int Position, int ArticleId, string Title, DateTime ExpiresAt, string CreatedBy);

public sealed record OverrideRow(int Id, string Scope, int ArticleId, string Title, bool Pinned, int Position, DateTime? ExpiresAt);

/// <summary>
/// 推荐位: pin and order 头条要闻 and channel top stories until an expiry, and pin or suppress items in the trending
/// lists. Every change is audited and shows on the public pages at once.
/// </summary>
public sealed class CurationModel(TidingsDbContext db, PortalLists lists, ContentChanges changes, SiteContext site, [FromKeyedServices(Throttle.Newsroom)] Throttle throttle) : PageModel
{

    public IReadOnlyList<SlotRow> Slots { get; private set; } = [];
    public IReadOnlyList<OverrideRow> Overrides { get; private set; } = [];
    public IReadOnlyList<ChannelInfo> Channels { get; private set; } = [];
    public IReadOnlyList<Channels.RegionInfo> Regions { get; private set; } = [];
    public string? Error { get; private set; }

    [TempData]
    public string? Flash { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!User.Can(Permission.Curate))
        {
            return Forbid();
        }

        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Pins an article in 头条要闻 (scope "home") or a channel's top stories (scope = channel id).</summary>
    public async Task<IActionResult> OnPostPinAsync(string? articleId, string? scope, string? position, string? hours, CancellationToken ct)
    {
        if (await GuardAsync(ct) is { } refused)
        {
            return refused;
        }

        var fields = new Dictionary<string, string>();
        var article = await ParseArticleAsync(articleId, fields, ct);
        int? channelId = null;
        if (scope != "home")
        {
            if (int.TryParse(scope, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && await db.Channels.AnyAsync(x => x.Id == c, ct))
            {
                channelId = c;
            }
            else
            {
                fields["Scope"] = Ui.ErrorUnknownChoice;
            }
        }

        var place = ParseNumber(position, 1, CuratedSlot.MaxPosition, "Position", Phrase.Format(NewsroomText.ErrorPosition, CuratedSlot.MaxPosition), fields);
        var lifetime = ParseHours(hours, fields);
        if (fields.Count > 0)
        {
            return await InvalidAsync(fields, ct);
        }

        var now = site.UtcNow;
        var slot = await db.CuratedSlots.FirstOrDefaultAsync(s => s.ChannelId == channelId && s.ArticleId == article!.Value.Id, ct);
        if (slot is null)
        {
            slot = new CuratedSlot { ChannelId = channelId, ArticleId = article!.Value.Id, CreatedBy = Actor };
            db.CuratedSlots.Add(slot);
        }

        slot.Position = place;
        slot.ExpiresAt = now.AddHours(lifetime);
        slot.CreatedAt = now;
        slot.CreatedBy = Actor;
        db.Audit(User, site.UtcNow, "pin", article!.Value.Id, $"{ScopeName(channelId)} #{place} {lifetime:0.#}h");
        await db.SaveChangesAsync(ct);
        await changes.ChangedAsync(ct);
        Flash = Phrase.Format(NewsroomText.Pinned, article.Value.Title, ScopeName(channelId), place);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUnpinAsync(int id, CancellationToken ct)
    {
        if (await GuardAsync(ct) is { } refused)
        {
            return refused;
        }

        var slot = await db.CuratedSlots.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (slot is null)
        {
            return NotFound();
        }

        db.CuratedSlots.Remove(slot);
        db.Audit(User, site.UtcNow, "unpin", slot.ArticleId, ScopeName(slot.ChannelId));
        await db.SaveChangesAsync(ct);
        await changes.ChangedAsync(ct);
        Flash = NewsroomText.Unpinned;
        return RedirectToPage();
    }

    /// <summary>Pins or suppresses an article in a trending list (site, channel:slug or region:slug).</summary>
    public async Task<IActionResult> OnPostTrendingAsync(string? articleId, string? scope, string? action, string? position, string? hours, CancellationToken ct)
    {
        if (await GuardAsync(ct) is { } refused)
        {
            return refused;
        }

        var fields = new Dictionary<string, string>();
        var article = await ParseArticleAsync(articleId, fields, ct);
        var place = action == "pin" ? ParseNumber(position, 1, TrendingOverride.MaxPosition, "TrendingPosition", Phrase.Format(NewsroomText.ErrorPosition, TrendingOverride.MaxPosition), fields) : 1;
        var lifetime = ParseHours(hours, fields);
        if (action is not ("pin" or "suppress"))
        {
            fields["TrendingAction"] = NewsroomText.ErrorUnknownAction;
        }

        if (fields.Count > 0)
        {
            return await InvalidAsync(fields, ct);
        }

        var (result, errors) = await TrendingOverrides.ApplyAsync(db, new OverrideRequest(scope, article!.Value.Id, action, place, lifetime), site.UtcNow, ct);
        if (result is null)
        {
            return await InvalidAsync(errors.ToDictionary(e => "Trending" + char.ToUpperInvariant(e.Key[0]) + e.Key[1..], e => Ui.ErrorUnknownChoice), ct);
        }

        db.Audit(User, site.UtcNow, action == "pin" ? "trending-pin" : "trending-suppress", article.Value.Id, $"{scope} {(action == "pin" ? "#" + place.ToString(CultureInfo.InvariantCulture) : string.Empty)} {lifetime:0.#}h");
        await db.SaveChangesAsync(ct);
        Flash = action == "pin" ? NewsroomText.TrendingPinned : NewsroomText.TrendingSuppressed;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTrendingUnsetAsync(int id, CancellationToken ct)
    {
        if (await GuardAsync(ct) is { } refused)
        {
            return refused;
        }

        var row = await db.TrendingOverrides.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (row is null)
        {
            return NotFound();
        }

        db.TrendingOverrides.Remove(row);
        db.Audit(User, site.UtcNow, "trending-unset", row.ArticleId, null);
        await db.SaveChangesAsync(ct);
        Flash = NewsroomText.TrendingUnset;
        return RedirectToPage();
    }


    private string Actor => NewsroomAudit.ActorName(User);

    private string ScopeName(int? channelId) => channelId is null
        ? Ui.Headlines
        : Channels.FirstOrDefault(c => c.Id == channelId)?.ListTitle ?? channelId.Value.ToString(CultureInfo.InvariantCulture);

    private async Task<IActionResult?> GuardAsync(CancellationToken ct)
    {
        if (!User.Can(Permission.Curate))
        {
            return Forbid();
        }

        Channels = await lists.ChannelsAsync();
        if (await throttle.TryAcquireAsync("user:" + User.UserId()) is { } wait)
        {
            await LoadAsync(ct);
            return this.TooFast(wait);
        }

        return null;
    }

    private async Task<IActionResult> InvalidAsync(Dictionary<string, string> fields, CancellationToken ct)
    {
        foreach (var (field, message) in fields)
        {
            ModelState.AddModelError(field, message);
        }

        Error = NewsroomText.ErrorFixFields;
        await LoadAsync(ct);
        return this.Refused(StatusCodes.Status400BadRequest);
    }

    private async Task<(int Id, string Title)?> ParseArticleAsync(string? value, Dictionary<string, string> fields, CancellationToken ct)
    {
        var now = site.UtcNow;
        if (int.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && await db.Articles.VisibleAt(now).Where(a => a.Id == id).Select(a => a.Title).FirstOrDefaultAsync(ct) is { } title)
        {
            return (id, title);
        }

        fields["ArticleId"] = NewsroomText.ErrorNotPublishedArticle;
        return null;
    }

    private static int ParseNumber(string? value, int min, int max, string field, string message, Dictionary<string, string> fields)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        fields[field] = message;
        return min;
    }

    private static double ParseHours(string? value, Dictionary<string, string> fields)
    {
        if (double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var h) && PlacementLifetime.IsValid(h))
        {
            return h;
        }

        fields["Hours"] = Phrase.Count(NewsroomText.ErrorHours, NewsroomText.ErrorHoursOne, PlacementLifetime.MaxHours);
        return 1;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        ViewData["Section"] = "curation";
        ViewData.SetMeta(new PageMeta { Title = Ui.Curation, NoIndex = true });
        Channels = await lists.ChannelsAsync();
        Regions = await lists.RegionsAsync();
        var now = site.UtcNow;
        var slots = await db.CuratedSlots.AsNoTracking().Where(s => s.ExpiresAt > now)
            .Join(db.Articles, s => s.ArticleId, a => a.Id, (s, a) => new { Slot = s, a.Title })
            .ToListAsync(ct);
        Slots = slots.OrderBy(s => s.Slot.ChannelId ?? 0).ThenBy(s => s.Slot.Position)
            .Select(s => new SlotRow(s.Slot.Id, ScopeName(s.Slot.ChannelId), s.Slot.Position, s.Slot.ArticleId, s.Title, s.Slot.ExpiresAt, s.Slot.CreatedBy))
            .ToList();
        var names = await TrendingOverrides.ScopeNamesAsync(db, ct);
        var overrides = await db.TrendingOverrides.AsNoTracking().Where(o => o.ExpiresAt == null || o.ExpiresAt > now)
            .Join(db.Articles, o => o.ArticleId, a => a.Id, (o, a) => new { Override = o, a.Title })
            .ToListAsync(ct);
        Overrides = overrides.OrderBy(o => o.Override.ScopeKind).ThenBy(o => o.Override.ScopeId).ThenBy(o => o.Override.Position)
            .Select(o => new OverrideRow(o.Override.Id, ScopeLabel(names.GetValueOrDefault(o.Override.Scope, "?")), o.Override.ArticleId, o.Title, o.Override.Pinned, o.Override.Position, o.Override.ExpiresAt))
            .ToList();
    }

    /// <summary>"channel:finance" → 财经; "site" → 全站.</summary>
    public string ScopeLabel(string scope) => scope switch
    {
        "site" => Ui.WholeSite,
        _ when scope.StartsWith("channel:", StringComparison.Ordinal) => Channels.FirstOrDefault(c => c.Slug == scope[8..])?.Name ?? scope,
        _ when scope.StartsWith("region:", StringComparison.Ordinal) => Regions.FirstOrDefault(r => r.Slug == scope[7..])?.SiteName ?? scope,
        _ => scope,
    };
}
