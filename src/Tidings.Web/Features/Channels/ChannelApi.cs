using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Data;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Channels;

public sealed record ApiChannel(string Slug, string Name, string NameEn, string ListTitle, int Order, string Url);

internal static class ChannelApi
{
    public static IEndpointRouteBuilder MapChannelApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/channels", ListAsync).WithTags("Channels").WithName("ListChannels").WithSummary("Every channel in display order.");
        return app;
    }

    private static async Task<Ok<List<ApiChannel>>> ListAsync(TidingsDbContext db, SiteContext site, HttpRequest request, CancellationToken ct)
    {
        var channels = await db.Channels.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(ct);
        return TypedResults.Ok(channels
            .Select(c => new ApiChannel(c.Slug, c.Name, c.NameEn, c.ListTitle, c.SortOrder, site.Absolute(request, "/channel/" + c.Slug)))
            .ToList());
    }
}
