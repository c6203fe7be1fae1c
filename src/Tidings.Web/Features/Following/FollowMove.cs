using Microsoft.AspNetCore.Authentication.Cookies;
using Tidings.Core.Data;
using Tidings.Core.Sources;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Following;

/// <summary>Signing in keeps what the reader followed while signed out: the visitor's follows move to the account.</summary>
internal static partial class FollowMove
{
    public static async Task OnSignedInAsync(CookieSignedInContext context)
    {
        var http = context.HttpContext;
        if (context.Principal?.UserId() is not { } userId || http.RequestServices.GetRequiredService<Followers>().VisitorKey(http) is not { } visitor)
        {
            return;
        }

        var services = http.RequestServices;
        var site = services.GetRequiredService<SiteContext>();
        try
        {
            await Follows.MoveAsync(services.GetRequiredService<TidingsDbContext>(), visitor, Follows.ForAccount(userId), site.UtcNow, site.Zone, http.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Signing in matters more than the move; the follows stay on the visitor id and move at the next sign-in.
            Log.MoveFailed(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FollowMove)), e);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2101, EventName = "Following.MoveFailed", Level = LogLevel.Warning, Message = "Could not move a visitor's follows to the account that signed in; they move at the next sign-in")]
        public static partial void MoveFailed(ILogger logger, Exception e);
    }
}
