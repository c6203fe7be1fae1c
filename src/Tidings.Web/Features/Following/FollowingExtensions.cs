using System.Globalization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidings.Core.Abuse;
using Tidings.Core.Data;
using Tidings.Core.Sources;
using Tidings.Core.Text;
using Tidings.Web.Features.Articles;
using Tidings.Web.Infrastructure;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Following;

public sealed record ApiSource(
    string Slug,
    string Name,
    string Kind,
    string? Bio,
    string? AvatarUrl,
    string? Channel,
    string? Region,
    int OriginalCount,
    int FollowerCount,
    bool Following,
    string Url);

public sealed record ApiFollow(string Source, bool Following, int FollowerCount);

public sealed record ApiFollowedSource(string Slug, string Name, string? AvatarUrl, int FollowerCount, string Url);

public sealed record ApiFollowing(IReadOnlyList<ApiFollowedSource> Sources, int Page, bool HasMore, IReadOnlyList<ApiFollowingArticle> Articles);

public sealed record ApiFollowingArticle(int Id, string Title, string Summary, NamedRef Source, DateTimeOffset PublishedAt, bool IsOriginal, string Url);

/// <summary>How fast a reader may follow and unfollow (configuration section Tidings:Following).</summary>
public sealed class FollowingOptions
{
    /// <summary>A reader follows a handful of accounts a day: 20 at once, then one every 3 seconds.</summary>
    public int Burst { get; set; } = 20;

    public double RefillSeconds { get; set; } = 3;

    /// <summary>
    /// Per client address, whatever its cookies: a script that starts a new visitor id for each follow would
    /// otherwise add followers without end.
    /// </summary>
    public int AddressBurst { get; set; } = 60;

    public double AddressRefillSeconds { get; set; } = 10;
}

/// <summary>
/// 关注: the account page's 关注 button (a plain form, so it works without JavaScript), the JSON API behind it, the
/// reader's /following page, and signing in, which keeps what a reader followed before.
/// </summary>
internal static class FollowingExtensions
{
    public static WebApplicationBuilder AddFollowing(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<Followers>();
        builder.AddSettings<FollowingOptions>("Tidings:Following")
            .Validate(o => o.Burst is >= 1 and <= 10_000_000 && o.AddressBurst is >= 1 and <= 10_000_000, "Tidings:Following:Burst and Tidings:Following:AddressBurst must be 1-10000000.")
            .Validate(o => o.RefillSeconds is > 0 and <= 3_600 && o.AddressRefillSeconds is > 0 and <= 3_600, "Tidings:Following:RefillSeconds and Tidings:Following:AddressRefillSeconds must be in (0, 3600].")
            .ValidateOnStart();
        builder.Services.AddKeyedSingleton(Throttle.Follow, (sp, _) =>
        {
            var o = sp.GetRequiredService<IOptions<FollowingOptions>>().Value;
            return new Throttle(sp.GetRequiredService<ITokenBuckets>(), Throttle.Follow, o.Burst, TimeSpan.FromSeconds(o.RefillSeconds));
        });
        builder.Services.AddKeyedSingleton(Throttle.FollowAddress, (sp, _) =>
        {
            var o = sp.GetRequiredService<IOptions<FollowingOptions>>().Value;
            return new Throttle(sp.GetRequiredService<ITokenBuckets>(), Throttle.FollowAddress, o.AddressBurst, TimeSpan.FromSeconds(o.AddressRefillSeconds));
        });
        builder.Services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
        {
            var signedIn = o.Events.OnSignedIn;
            o.Events.OnSignedIn = async context =>
            {
                await FollowMove.OnSignedInAsync(context);
                await signedIn(context);
            };
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapFollowing(this IEndpointRouteBuilder app)
    {
        // The button without JavaScript; Fetch metadata keeps other sites from posting it (see SameOrigin).
        app.MapPost("/source/{slug}/follow", FormAsync).DisableAntiforgery().ExcludeFromDescription();
        var api = app.MapGroup("/api/v1").WithTags("Sources");
        api.MapGet("/sources/{slug}", GetAsync).WithName("GetSource")
            .WithSummary("An account: kind, bio, avatar, 原创 count, followerCount, and whether the caller follows it.");
        api.MapPost("/sources/{slug}/follow", (HttpContext http, string slug, CancellationToken ct) => ChangeAsync(http, slug, follow: true, ct))
            .WithName("FollowSource").WithSummary("关注 an account (as the signed-in account, else the visitor cookie).").DisableAntiforgery();
        api.MapDelete("/sources/{slug}/follow", (HttpContext http, string slug, CancellationToken ct) => ChangeAsync(http, slug, follow: false, ct))
            .WithName("UnfollowSource").WithSummary("Stop following an account.").DisableAntiforgery();
        api.MapGet("/me/following", MineAsync).WithName("GetFollowing")
            .WithSummary("The accounts the caller follows and a page of their newest articles (page=1-50).");
        return app;
    }

    private static async Task<IResult> GetAsync(HttpContext http, TidingsDbContext db, SiteContext site, Followers followers, string slug, CancellationToken ct)
    {
        if (await SourceProfile.FindAsync(db, slug, site.UtcNow, ct) is not { } profile)
        {
            return NoSuchSource(slug);
        }

        var key = followers.KeyForReading(http);
        var following = key is not null && await Follows.IsFollowingAsync(db, profile.Id, key, ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new ApiSource(profile.Slug, profile.Name, profile.ApiKind, profile.Bio, profile.AvatarUrl, profile.ChannelName, profile.RegionName,
            profile.OriginalCount, profile.FollowerCount, following, site.Absolute(http.Request, "/source/" + Uri.EscapeDataString(profile.Slug))));
    }

    private static async Task<IResult> ChangeAsync(HttpContext http, string slug, bool follow, CancellationToken ct)
    {
        var result = await ApplyAsync(http, slug, follow, ct);
        if (result.Problem is { } problem)
        {
            return problem;
        }

        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new ApiFollow(slug, follow, result.FollowerCount));
    }

    /// <summary>The form: follow or unfollow, then back to the account page (or the page named in returnUrl).</summary>
    private static async Task<IResult> FormAsync(HttpContext http, string slug, CancellationToken ct)
    {
        IFormCollection? form = null;
        if (http.Request.HasFormContentType)
        {
            try
            {
                form = await http.Request.ReadFormAsync(ct);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "The form could not be read.");
            }
        }

        var follow = form?["follow"].ToString() != "0";
        var result = await ApplyAsync(http, slug, follow, ct);
        if (result.Problem is { } problem)
        {
            // A reader who must sign in to follow (DNT without an account) is taken there and brought back.
            return result.Status == StatusCodes.Status401Unauthorized
                ? TypedResults.Redirect("/account/login?returnUrl=" + Uri.EscapeDataString("/source/" + slug))
                : problem;
        }

        var back = form?["returnUrl"].ToString();
        http.Response.Headers.Location = LocalPaths.IsSafeReturn(back) ? back : "/source/" + Uri.EscapeDataString(slug);
        return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
    }

    private static async Task<(IResult? Problem, int Status, int FollowerCount)> ApplyAsync(HttpContext http, string slug, bool follow, CancellationToken ct)
    {
        var services = http.RequestServices;
        if (SameOrigin.IsCrossSite(http.Request))
        {
            return (TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: Ui.ErrorCrossSite), StatusCodes.Status403Forbidden, 0);
        }

        var db = services.GetRequiredService<TidingsDbContext>();
        var site = services.GetRequiredService<SiteContext>();
        var source = await db.Sources.AsNoTracking().Where(s => s.Slug == slug).Select(s => new { s.Id }).FirstOrDefaultAsync(ct);
        if (source is null)
        {
            return (NoSuchSource(slug), StatusCodes.Status404NotFound, 0);
        }

        if (services.GetRequiredService<Followers>().KeyForWriting(http) is not { } key)
        {
            return (TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, detail: FollowingText.FollowNeedsAccount), StatusCodes.Status401Unauthorized, 0);
        }

        foreach (var (name, bucket) in new[] { (Throttle.Follow, key), (Throttle.FollowAddress, AddressKey.For(http.Connection.RemoteIpAddress)) })
        {
            if (await services.GetRequiredKeyedService<Throttle>(name).TryAcquireAsync(bucket) is { } wait)
            {
                http.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
                return (TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, detail: Phrase.Count(FollowingText.FollowTooFast, FollowingText.FollowTooFastOne, wait)), StatusCodes.Status429TooManyRequests, 0);
            }
        }

        var outcome = follow
            ? await Follows.FollowAsync(db, source.Id, key, site.UtcNow, site.Zone, ct)
            : await Follows.UnfollowAsync(db, source.Id, key, site.UtcNow, site.Zone, ct);
        if (outcome == FollowOutcome.TooMany)
        {
            return (TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, detail: Phrase.Count(FollowingText.FollowTooMany, FollowingText.FollowTooManyOne, Follows.MaxPerFollower)), StatusCodes.Status422UnprocessableEntity, 0);
        }

        if (outcome == FollowOutcome.Changed)
        {
            await services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(SourcePageTag.For(slug), ct);
        }

        var count = await db.Sources.AsNoTracking().Where(s => s.Id == source.Id).Select(s => s.FollowerCount).FirstAsync(ct);
        return (null, StatusCodes.Status200OK, count);
    }

    private static async Task<IResult> MineAsync(HttpContext http, TidingsDbContext db, SiteContext site, Followers followers, string? page, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var number = QueryValues.ParseInt(page, 1, 1, FollowingFeed.MaxPage, "page", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        http.Response.Headers.CacheControl = "no-store";
        var feed = await FollowingFeed.LoadAsync(db, followers.KeyForReading(http), number, site.UtcNow, ct);
        return TypedResults.Ok(new ApiFollowing(
            feed.Sources.Select(s => new ApiFollowedSource(s.Slug, s.Name, s.AvatarUrl, s.FollowerCount, site.Absolute(http.Request, "/source/" + Uri.EscapeDataString(s.Slug)))).ToList(),
            feed.Page,
            feed.HasMore,
            feed.Articles.Select(a => new ApiFollowingArticle(a.Id, a.Title, a.Summary, new NamedRef(a.SourceSlug, a.SourceName), site.Local(a.PublishedAt), a.IsOriginal, site.Absolute(http.Request, a.Url))).ToList()));
    }

    private static ProblemHttpResult NoSuchSource(string slug) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"No account has the slug '{Excerpt.Clip(slug)}'.");
}
