using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Tidings.Core.Accounts;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Accounts;

/// <summary>Who is signed in, in the words the page shows: the account links and the comment form's "posting as".</summary>
public sealed record AccountView(string Name, string SignedInAs, string PostingAs, IReadOnlyList<AccountLink> Links);

public sealed record AccountLink(string Text, string Href);

/// <summary>
/// A cached article page is the same bytes for everyone, so it cannot say who is signed in. account.js asks here,
/// and only when the <see cref="HintCookie"/> says there is someone to ask about: signed-out readers (nearly all of a
/// breaking story's traffic) make no extra request.
/// </summary>
internal static class AccountApi
{
    /// <summary>Readable by scripts, holds nothing but "1": the account itself stays in the HttpOnly cookie.</summary>
    public const string HintCookie = "tsigned";

    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/account", Get).WithTags("Accounts").WithName("GetAccount")
            .WithSummary("The signed-in account's display name and links; 401 when nobody is signed in.");
        return app;
    }

    /// <summary>Sets or clears the hint as the account cookie is issued or removed.</summary>
    public static void Wire(CookieAuthenticationEvents events)
    {
        var signedIn = events.OnSignedIn;
        events.OnSignedIn = async context =>
        {
            context.Response.Cookies.Append(HintCookie, "1", new CookieOptions
            {
                Path = "/",
                HttpOnly = false,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                Expires = context.Properties.IsPersistent ? context.Properties.ExpiresUtc : null,
            });
            await signedIn(context);
        };
        var signingOut = events.OnSigningOut;
        events.OnSigningOut = async context =>
        {
            context.Response.Cookies.Delete(HintCookie, new CookieOptions { Path = "/" });
            await signingOut(context);
        };
    }

    private static Results<Ok<AccountView>, UnauthorizedHttpResult> Get(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        var user = http.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            // A stale hint (the session ended on the server) is cleared so the page stops asking.
            http.Response.Cookies.Delete(HintCookie, new CookieOptions { Path = "/" });
            return TypedResults.Unauthorized();
        }

        var name = user.DisplayName();
        var links = new List<AccountLink>();
        if (user.Can(Permission.Newsroom))
        {
            links.Add(new AccountLink(Ui.Newsroom, "/newsroom"));
        }

        links.Add(new AccountLink(Ui.FollowingPage, "/following"));
        links.Add(new AccountLink(Ui.ApplyLink, "/creators/apply"));
        links.Add(new AccountLink(Ui.SignOut, "/account/logout"));
        return TypedResults.Ok(new AccountView(name, Phrase.Format(Ui.SignedInAs, name), Phrase.Format(Ui.PostingAs, name), links));
    }
}
