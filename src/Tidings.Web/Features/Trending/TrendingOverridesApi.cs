using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Trending;

/// <summary>
/// /api/v1/trending/overrides: pins and suppressions for operators' scripts. The endpoints need the operator token
/// (<c>Tidings:OperatorToken</c>, sent as <c>Authorization: Bearer …</c>); without one configured they are closed.
/// Editors use the newsroom's 热点 curation page instead.
/// </summary>
internal static class TrendingOverridesApi
{
    public static IEndpointRouteBuilder MapTrendingOverridesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/trending/overrides").WithTags("Trending").AddEndpointFilter(OperatorToken.RequireAsync);
        api.MapGet("/", ListAsync).WithName("ListTrendingOverrides").WithSummary("Active pins and suppressions (operator token).");
        api.MapPost("/", SetAsync).WithName("SetTrendingOverride").WithSummary("Pin an article at a position in a list, or suppress it (operator token).");
        api.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteTrendingOverride").WithSummary("Remove a pin or suppression (operator token).");
        return app;
    }

    private static async Task<Ok<List<ApiOverride>>> ListAsync(TidingsDbContext db, SiteContext site, CancellationToken ct)
    {
        var now = site.UtcNow;
        var rows = await db.TrendingOverrides.AsNoTracking().Where(o => o.ExpiresAt == null || o.ExpiresAt > now).OrderBy(o => o.Id).ToListAsync(ct);
        var names = await TrendingOverrides.ScopeNamesAsync(db, ct);
        return TypedResults.Ok(rows.Select(o => TrendingOverrides.ToApi(o, names, site)).ToList());
    }

    private static async Task<Results<Ok<ApiOverride>, ValidationProblem>> SetAsync(OverrideRequest request, TidingsDbContext db, SiteContext site, CancellationToken ct)
    {
        var (result, errors) = await TrendingOverrides.ApplyAsync(db, request, site.UtcNow, ct);
        return result is null
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(TrendingOverrides.ToApi(result, await TrendingOverrides.ScopeNamesAsync(db, ct), site));
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(int id, TidingsDbContext db, CancellationToken ct) =>
        await db.TrendingOverrides.Where(o => o.Id == id).ExecuteDeleteAsync(ct) > 0 ? TypedResults.NoContent() : TypedResults.NotFound();
}
