using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using Tidings.Core.Articles;
using Tidings.Web.Infrastructure;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Languages;

/// <summary>
/// The interface language (中文 / English): chosen per request from `?lang=` (the hreflang alternates' URLs), then the
/// reader's cookie set by the switch, then, only where the operator allows it, the browser's Accept-Language, and
/// otherwise the site's language. It sets the request's culture, so every <see cref="Shared.Ui"/> string, date and
/// cached copy (see <see cref="Accessibility.ReaderMode.CacheVariant"/>) follows it.
/// </summary>
public static class LanguageExtensions
{
    public const string Cookie = "tlang";
    public const string QueryKey = "lang";
    public const string SwitchPath = "/language";

    public static WebApplicationBuilder AddLanguages(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<InterfaceLanguages>();
        // IStringLocalizerFactory.Create(typeof(NewsroomText)) reads the same .resx pairs the typed classes read: the
        // resource's name is the class's full name, which is where the default factory looks with no resources path.
        builder.Services.AddLocalization();
        builder.Services.AddOptions<RequestLocalizationOptions>().Configure<InterfaceLanguages>((o, languages) =>
        {
            var cultures = languages.Offered.Select(l => new CultureInfo(l)).ToList();
            o.DefaultRequestCulture = new RequestCulture(languages.Default);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.RequestCultureProviders = [new LanguageProvider(languages)];
        });
        return builder;
    }

    public static WebApplication UseLanguages(this WebApplication app)
    {
        SpeakOutsideRequests(app.Services.GetRequiredService<InterfaceLanguages>().Default);
        app.UseRequestLocalization();
        return app;
    }

    /// <summary>
    /// Work outside requests (scheduled publishing, audit lines written by background jobs, the CLI's messages it
    /// shares with the newsroom) speaks the site's language, whatever the machine's locale.
    /// </summary>
    internal static void SpeakOutsideRequests(string site)
    {
        var culture = CultureInfo.GetCultureInfo(ContentLanguage.Normalize(site) ?? ContentLanguage.Chinese);
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = culture;
    }

    /// <summary>`GET /language/{code}?return=/path`: remembers the reader's choice for a year and goes back.</summary>
    public static WebApplication MapLanguageSwitch(this WebApplication app)
    {
        app.MapGet(SwitchPath + "/{code}", (HttpContext http, string code, string? @return, InterfaceLanguages languages) =>
        {
            var back = LocalPaths.IsSafeReturn(@return) && @return!.Length <= 2_048 ? WithoutLangQuery(@return) : "/";
            if (languages.Pick(code) is not { } language)
            {
                return Results.Redirect(back);
            }

            http.Response.Cookies.Append(Cookie, language, new CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365),
                SameSite = SameSiteMode.Lax,
                Secure = http.Request.IsHttps,
                HttpOnly = true,
                IsEssential = true,
            });
            http.Response.Headers.CacheControl = "no-store";
            return Results.Redirect(back);
        }).ExcludeFromDescription();
        return app;
    }

    private const string PerVisitorApi = "/api/v1/me";

    /// <summary>
    /// Feeds, sitemaps, the JSON API and live coverage's updates speak the site's language whoever asks: they are
    /// shared by every reader (cached once, fetched by readers and robots without our cookie), so one reader's choice
    /// must not become everyone's copy. The per-visitor API (<c>/api/v1/me</c>, never cached) is the exception: its
    /// notices are shown in the reader's page, in the reader's language.
    /// </summary>
    public static bool SpeaksSiteLanguage(PathString path) =>
        path.StartsWithSegments("/feeds", StringComparison.OrdinalIgnoreCase)
        || (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !path.StartsWithSegments(PerVisitorApi, StringComparison.OrdinalIgnoreCase)) || path.StartsWithSegments("/sitemaps", StringComparison.OrdinalIgnoreCase)
        || (path.Value is { } value && (value.StartsWith("/sitemap", StringComparison.Ordinal) || value.Contains("/live/", StringComparison.Ordinal)
            || value.EndsWith(".xml", StringComparison.Ordinal) || value.EndsWith(".txt", StringComparison.Ordinal)));

    /// <summary>
    /// A return path without its ?lang= (a reader who arrived by an hreflang link and then picks the other language
    /// must not be sent back to a URL that picks the first one again).
    /// </summary>
    internal static string WithoutLangQuery(string path)
    {
        var question = path.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return path;
        }

        var kept = path[(question + 1)..].Split('&')
            .Where(p => p.Length > 0 && !p.Equals(QueryKey, StringComparison.OrdinalIgnoreCase) && !p.StartsWith(QueryKey + "=", StringComparison.OrdinalIgnoreCase));
        var query = string.Join('&', kept);
        return query.Length == 0 ? path[..question] : path[..question] + "?" + query;
    }

    /// <summary>The switch's link for a page: to the language, then back to this path and query.</summary>
    public static string SwitchLink(string language, string returnUrl) =>
        $"{SwitchPath}/{Uri.EscapeDataString(language)}?return={Uri.EscapeDataString(returnUrl)}";

    /// <summary>A page's URL in one language, for hreflang: the canonical URL with ?lang= (or &amp;lang=).</summary>
    public static string AlternateUrl(string canonical, string language)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        return canonical + (canonical.Contains('?', StringComparison.Ordinal) ? "&" : "?") + QueryKey + "=" + Uri.EscapeDataString(language);
    }

    private sealed class LanguageProvider(InterfaceLanguages languages) : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var request = httpContext.Request;
            if (SpeaksSiteLanguage(request.Path))
            {
                return Task.FromResult<ProviderCultureResult?>(null);
            }

            var chosen = languages.Pick(request.Query[QueryKey].ToString())
                ?? languages.Pick(request.Cookies[Cookie])
                ?? (languages.UseBrowserLanguage ? languages.FromAcceptLanguage(request.Headers.AcceptLanguage.ToString()) : null);
            return Task.FromResult(chosen is null ? null : new ProviderCultureResult(chosen));
        }
    }
}

/// <summary>The languages this site offers its interface in, from <see cref="TidingsOptions"/>.</summary>
public sealed class InterfaceLanguages(IOptions<TidingsOptions> options)
{
    /// <summary>The site's language first, then the others in the operator's order.</summary>
    public IReadOnlyList<string> Offered { get; } =
        [.. (ContentLanguage.ParseList(options.Value.Languages) ?? [ContentLanguage.Chinese])
            .OrderBy(l => l == (ContentLanguage.Normalize(options.Value.Language) ?? ContentLanguage.Chinese) ? 0 : 1)];

    public string Default => Offered[0];

    public bool UseBrowserLanguage => options.Value.UseBrowserLanguage;

    /// <summary>More than one: the switch and hreflang alternates are shown.</summary>
    public bool Several => Offered.Count > 1;

    /// <summary>An offered language for a tag a reader or a link gave; null for anything else.</summary>
    public string? Pick(string? tag) => ContentLanguage.Normalize(tag) is { } language && Offered.Contains(language) ? language : null;

    /// <summary>The first offered language in an Accept-Language header, by its q order.</summary>
    public string? FromAcceptLanguage(string? header)
    {
        if (string.IsNullOrEmpty(header) || header.Length > 1_024)
        {
            return null;
        }

        return Microsoft.Net.Http.Headers.StringWithQualityHeaderValue.TryParseList(header.Split(','), out var values)
            ? values.Where(v => v.Quality is null or > 0).OrderByDescending(v => v.Quality ?? 1)
                .Select(v => Pick(v.Value.Value)).FirstOrDefault(l => l is not null)
            : null;
    }

    /// <summary>The current request's interface language.</summary>
    public static string Current => ContentLanguage.Normalize(CultureInfo.CurrentUICulture.Name) ?? ContentLanguage.Chinese;
}
