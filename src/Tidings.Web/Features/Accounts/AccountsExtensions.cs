using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Tidings.Core.Accounts;
using Tidings.Core.Data;
using Tidings.Core.Newsroom;
using Tidings.Web.Infrastructure;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Accounts;

/// <summary>
/// Accounts with ASP.NET Core Identity on the portal's own database: newsroom staff by role, self-media creators and
/// readers. Authorization is by permission (<see cref="Permissions"/>), one policy each, checked on the server.
/// </summary>
internal static class AccountsExtensions
{
    public const string DisplayNameClaim = "tidings:name";
    public const string SourceClaim = "tidings:source";

    /// <summary>The policies' names are this and the permission's name (attributes need a constant: <c>PolicyPrefix + nameof(Permission.X)</c>).</summary>
    public const string PolicyPrefix = "perm:";

    public static string Policy(Permission permission) => PolicyPrefix + permission;

    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddIdentity<TidingsUser, IdentityRole<int>>(ConfigureIdentity)
            .AddEntityFrameworkStores<TidingsDbContext>()
            .AddClaimsPrincipalFactory<TidingsClaimsFactory>()
            .AddErrorDescriber<IdentityMessages>()
            .AddDefaultTokenProviders();

        builder.AddSettings<AccountOptions>("Tidings:Accounts")
            .Validate(o => o.SessionCheckSeconds is >= 1 and <= 300, "Tidings:Accounts:SessionCheckSeconds must be 1-300.")
            .ValidateOnStart();
        builder.Services.AddSingleton<SessionCheck>();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            // Sign-out, a password change, a role change or a ban ends every session of the account within
            // SessionCheckSeconds on every node, at once on the node where it happened.
            o.Events.OnValidatePrincipal = SessionCheck.ValidateAsync;
            o.Cookie.Name = "tidings.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request is HTTPS (behind a proxy: with forwarded headers); plain HTTP is for
            // localhost and tests only.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.SlidingExpiration = true;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.ReturnUrlParameter = "returnUrl";
            // The JSON API answers 401/403 instead of redirecting to an HTML form.
            o.Events.OnRedirectToLogin = context => ApiOrRedirect(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => ApiOrRedirect(context, StatusCodes.Status403Forbidden);
            AccountApi.Wire(o.Events);
        });

        builder.Services.AddAuthorization(o =>
        {
            foreach (var permission in Enum.GetValues<Permission>())
            {
                o.AddPolicy(Policy(permission), p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.Can(permission)));
            }
        });
        builder.Services.AddScoped<AccountAdmin>();
        // This stops one address trying many accounts or filling the user table: 10 attempts, then one every 6 seconds.
        builder.Services.AddKeyedSingleton(Throttle.SignIn, (sp, _) => new Throttle(sp.GetRequiredService<ITokenBuckets>(), Throttle.SignIn, 10, TimeSpan.FromSeconds(6)));
        // Guessing one account's password from one address: five tries, then one a minute. It takes the place of
        // Identity's lockout, which let anyone keep any account (an admin's too) locked by failing on purpose.
        builder.Services.AddKeyedSingleton(Throttle.SignInGuesses, (sp, _) => new Throttle(sp.GetRequiredService<ITokenBuckets>(), Throttle.SignInGuesses, 5, TimeSpan.FromMinutes(1)));

        return builder;
    }

    /// <summary>Identity's stores without cookies, for the CLI verbs.</summary>
    public static IHostApplicationBuilder AddAccountStores(this IHostApplicationBuilder builder)
    {
        builder.Services.AddIdentityCore<TidingsUser>(ConfigureIdentity)
            .AddRoles<IdentityRole<int>>()
            .AddErrorDescriber<IdentityMessages>()
            .AddEntityFrameworkStores<TidingsDbContext>();
        return builder;
    }

    public static WebApplication UseAccounts(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static bool Can(this ClaimsPrincipal user, Permission permission) =>
        user.Identity?.IsAuthenticated == true && Permissions.Has(user.FindAll(ClaimTypes.Role).Select(c => c.Value), permission);

    public static int? UserId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The name shown for the account (comments, audit log, 责任编辑).</summary>
    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayNameClaim) ?? user.Identity?.Name ?? "?";

    public static int? SourceId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(SourceClaim), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    public static WorkflowActor Actor(this ClaimsPrincipal user) =>
        new(user.UserId() ?? 0, user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList());

    private static void ConfigureIdentity(IdentityOptions o)
    {
        // NIST SP 800-63B: length over composition rules; Identity checks the rest (no breached-list lookup offline).
        o.Password.RequiredLength = 10;
        o.Password.RequireDigit = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequiredUniqueChars = 4;
        // Lockout is only an admin's switch (Users page); failed sign-ins are slowed per account and address instead.
        o.Lockout.AllowedForNewUsers = true;
        o.User.RequireUniqueEmail = false;
        o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
        o.SignIn.RequireConfirmedAccount = false;
    }

    private static Task ApiOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Adds the display name and the creator's source to the sign-in cookie, so pages need no user lookup.</summary>
    private sealed class TidingsClaimsFactory(UserManager<TidingsUser> users, RoleManager<IdentityRole<int>> roles, IOptions<IdentityOptions> options)
        : UserClaimsPrincipalFactory<TidingsUser, IdentityRole<int>>(users, roles, options)
    {
        protected override async Task<ClaimsIdentity> GenerateClaimsAsync(TidingsUser user)
        {
            var identity = await base.GenerateClaimsAsync(user);
            identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
            if (user.SourceId is { } source)
            {
                identity.AddClaim(new Claim(SourceClaim, source.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            return identity;
        }
    }
}
