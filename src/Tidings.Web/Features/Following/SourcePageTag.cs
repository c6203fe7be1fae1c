using Microsoft.AspNetCore.OutputCaching;

namespace Tidings.Web.Features.Following;

/// <summary>
/// Tags a cached account page with its account, so a follow or unfollow evicts that page on this node at once: the
/// reader who pressed 关注 sees the new count, not the copy cached a moment before. Other nodes' copies age out within
/// <c>Tidings:Cache:PageSeconds</c>.
/// </summary>
internal sealed class SourcePageTag : IOutputCachePolicy
{
    public static string For(string slug) => "source:" + slug;

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.HttpContext.GetRouteValue("slug") is string slug)
        {
            context.Tags.Add(For(slug));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
}
