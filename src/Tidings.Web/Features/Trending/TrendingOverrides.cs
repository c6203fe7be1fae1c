using Microsoft.EntityFrameworkCore;
using Tidings.Core.Articles;
using Tidings.Core.Data;
using Tidings.Core.Newsroom;
using Tidings.Core.Text;
using Tidings.Core.Trending;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Trending;

public sealed record OverrideRequest(string? Scope, int ArticleId, string? Action, int? Position, double? Hours);

public sealed record ApiOverride(int Id, string Scope, int ArticleId, string Action, int? Position, DateTimeOffset? ExpiresAt);

/// <summary>
/// Editors pin or suppress articles in trending lists: the one operation behind the API
/// (<see cref="TrendingOverridesApi"/>), the CLI's <c>trending</c> verbs and the newsroom's 热点 curation page.
/// </summary>
internal static class TrendingOverrides
{
    /// <summary>Validates and stores a pin or suppression (replacing the article's earlier one in that list). Shared with the CLI.</summary>
    public static async Task<(TrendingOverride? Result, Dictionary<string, string[]> Errors)> ApplyAsync(TidingsDbContext db, OverrideRequest request, DateTime utcNow, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        var scope = await ParseScopeAsync(db, request.Scope, ct);
        if (scope is null)
        {
            errors["scope"] = [ScopeError(request.Scope)];
        }

        if (request.Action is not ("pin" or "suppress"))
        {
            errors["action"] = [$"action must be pin or suppress; got '{Excerpt.Clip(request.Action ?? string.Empty)}'."];
        }

        var position = request.Position ?? 1;
        if (request.Action == "pin" && position is < 1 or > TrendingOverride.MaxPosition)
        {
            errors["position"] = [$"position must be from 1 to {TrendingOverride.MaxPosition}."];
        }

        if (request.Hours is { } hours && !PlacementLifetime.IsValid(hours))
        {
            errors["hours"] = [$"hours must be more than 0 and at most {PlacementLifetime.MaxHours:0} (30 days)."];
        }

        if (!await db.Articles.VisibleAt(utcNow).AnyAsync(a => a.Id == request.ArticleId, ct))
        {
            errors["articleId"] = [$"No published article has the id {request.ArticleId}."];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var (kind, id) = (scope!.Value.Kind, scope.Value.Id);
        var row = await db.TrendingOverrides.FirstOrDefaultAsync(o => o.ScopeKind == kind && o.ScopeId == id && o.ArticleId == request.ArticleId, ct);
        if (row is null)
        {
            row = new TrendingOverride { ScopeKind = kind, ScopeId = id, ArticleId = request.ArticleId };
            db.TrendingOverrides.Add(row);
        }

        row.Pinned = request.Action == "pin";
        row.Position = row.Pinned ? position : 0;
        row.CreatedAt = utcNow;
        row.ExpiresAt = utcNow.AddHours(request.Hours ?? PlacementLifetime.DefaultHours);
        await db.SaveChangesAsync(ct);
        return (row, errors);
    }

    public static string ScopeError(string? scope) =>
        $"scope must be site, channel:{{slug}} or region:{{slug}} of an existing channel or region; got '{Excerpt.Clip(scope ?? string.Empty)}'.";

    /// <summary>site, channel:{slug} or region:{slug}; null for anything else (or an unknown slug).</summary>
    public static async Task<TrendingScope?> ParseScopeAsync(TidingsDbContext db, string? scope, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(scope) || scope == "site")
        {
            return TrendingScope.Site;
        }

        if (scope.StartsWith("channel:", StringComparison.Ordinal))
        {
            var slug = scope["channel:".Length..];
            var id = await db.Channels.Where(c => c.Slug == slug).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
            return id is null ? null : TrendingScope.Channel(id.Value);
        }

        if (scope.StartsWith("region:", StringComparison.Ordinal))
        {
            var slug = scope["region:".Length..];
            var id = await db.Regions.Where(r => r.Slug == slug).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
            return id is null ? null : TrendingScope.Region(id.Value);
        }

        return null;
    }

    public static async Task<Dictionary<TrendingScope, string>> ScopeNamesAsync(TidingsDbContext db, CancellationToken ct)
    {
        var names = new Dictionary<TrendingScope, string> { [TrendingScope.Site] = "site" };
        foreach (var c in await db.Channels.AsNoTracking().Select(c => new { c.Id, c.Slug }).ToListAsync(ct))
        {
            names[TrendingScope.Channel(c.Id)] = "channel:" + c.Slug;
        }

        foreach (var r in await db.Regions.AsNoTracking().Select(r => new { r.Id, r.Slug }).ToListAsync(ct))
        {
            names[TrendingScope.Region(r.Id)] = "region:" + r.Slug;
        }

        return names;
    }

    internal static ApiOverride ToApi(TrendingOverride o, Dictionary<TrendingScope, string> names, SiteContext site) => new(
        o.Id,
        names.GetValueOrDefault(o.Scope, "?"),
        o.ArticleId,
        o.Pinned ? "pin" : "suppress",
        o.Pinned ? o.Position : null,
        o.ExpiresAt is { } e ? site.Local(e) : null);
}
