using System.Text.RegularExpressions;
using Tidings.Core.Sources;

namespace Tidings.Core.Creators;

/// <summary>What a reader sends to apply for a self-media account (入驻), before any checks.</summary>
public sealed record ApplicationForm(
    string? Name,
    string? Slug,
    string? Bio,
    int? ChannelId,
    int? RegionId,
    AccountKind? Kind,
    string? Contact,
    string? Credential,
    bool AcceptTerms);

/// <summary>What is wrong with one field of an application; the page words it for the applicant.</summary>
public enum ApplicationProblem
{
    NameLength,
    NameInvisible,

    /// <summary>The name contains one of <see cref="ApplicationRules.ReservedNameWords"/>.</summary>
    NameReservedWord,

    /// <summary>The name would pass for the site, a staff member or an existing account.</summary>
    NameTaken,
    SlugFormat,
    SlugReserved,
    SlugTaken,
    BioLength,
    ChannelMissing,
    KindMissing,
    CredentialMissing,
    ContactLength,
    TermsNotAccepted,
    ReasonMissing,
    ReasonTooLong,
}

/// <summary>What an admin may do with an application.</summary>
public enum ApplicationDecision
{
    Approve,
    Reject,
    AskForChanges,
}

/// <summary>
/// The rules of 入驻 in one place: what a well-formed application is, which names an account may not take, and which
/// step may follow which. The apply page, the admins' queue and any later door (API, CLI) call these.
/// </summary>
public static partial class ApplicationRules
{
    public const int NameMinLength = 2;
    public const int NameMaxLength = 24;
    public const int SlugMinLength = 3;
    public const int SlugMaxLength = 32;
    public const int BioMinLength = 10;
    public const int ContactMinLength = 5;
    public const int CredentialMinLength = 20;
    public const int ReasonMinLength = 4;

    /// <summary>Applications one reader may send in <see cref="ApplicationWindow"/>: a refused applicant may try again, a script may not flood the queue.</summary>
    public const int MaxApplicationsPerWindow = 3;

    public static readonly TimeSpan ApplicationWindow = TimeSpan.FromDays(30);

    /// <summary>
    /// URL names an account may never take: the site's own paths and words that would pass for the site speaking.
    /// Names (in Chinese) are checked against the site's name, staff and existing accounts by <c>ReservedNames</c>.
    /// </summary>
    public static readonly IReadOnlySet<string> ReservedSlugs = new HashSet<string>(StringComparer.Ordinal)
    {
        "admin", "administrator", "api", "account", "accounts", "newsroom", "source", "sources", "following", "creators",
        "creator", "official", "guanfang", "kefu", "service", "support", "help", "system", "root", "staff", "editor",
        "editors", "moderator", "news", "search", "hot", "feeds", "feed", "rss", "sitemap", "media", "static", "www",
        "mail", "security", "abuse", "care", "preferences", "accessibility",
    };

    /// <summary>Words no account name may contain: they claim an authority the site has not granted.</summary>
    public static readonly IReadOnlyList<string> ReservedNameWords = ["官方", "客服", "管理员", "编辑部", "审核"];

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    /// <summary>Field-by-field problems with the form (empty when it is well-formed); uniqueness is checked by the caller.</summary>
    public static Dictionary<string, ApplicationProblem> Check(ApplicationForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, ApplicationProblem>(StringComparer.Ordinal);
        var name = Clean(form.Name);
        if (name.Length < NameMinLength || name.Length > NameMaxLength)
        {
            errors[nameof(ApplicationForm.Name)] = ApplicationProblem.NameLength;
        }
        else if (name.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format))
        {
            errors[nameof(ApplicationForm.Name)] = ApplicationProblem.NameInvisible;
        }
        else if (ReservedWordIn(name) is not null)
        {
            errors[nameof(ApplicationForm.Name)] = ApplicationProblem.NameReservedWord;
        }

        var slug = CleanSlug(form.Slug);
        if (slug.Length < SlugMinLength || slug.Length > SlugMaxLength || !SlugPattern().IsMatch(slug) || slug.Contains("--", StringComparison.Ordinal))
        {
            errors[nameof(ApplicationForm.Slug)] = ApplicationProblem.SlugFormat;
        }
        else if (ReservedSlugs.Contains(slug))
        {
            errors[nameof(ApplicationForm.Slug)] = ApplicationProblem.SlugReserved;
        }

        var bio = Clean(form.Bio);
        if (bio.Length < BioMinLength || bio.Length > Source.BioMaxLength)
        {
            errors[nameof(ApplicationForm.Bio)] = ApplicationProblem.BioLength;
        }

        if (form.ChannelId is null)
        {
            errors[nameof(ApplicationForm.ChannelId)] = ApplicationProblem.ChannelMissing;
        }

        if (form.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors[nameof(ApplicationForm.Kind)] = ApplicationProblem.KindMissing;
        }
        else if (kind != AccountKind.Personal)
        {
            var credential = Clean(form.Credential);
            if (credential.Length < CredentialMinLength || credential.Length > CreatorApplication.CredentialMaxLength)
            {
                errors[nameof(ApplicationForm.Credential)] = ApplicationProblem.CredentialMissing;
            }
        }

        var contact = Clean(form.Contact);
        if (contact.Length < ContactMinLength || contact.Length > CreatorApplication.ContactMaxLength)
        {
            errors[nameof(ApplicationForm.Contact)] = ApplicationProblem.ContactLength;
        }

        if (!form.AcceptTerms)
        {
            errors[nameof(ApplicationForm.AcceptTerms)] = ApplicationProblem.TermsNotAccepted;
        }

        return errors;
    }

    /// <summary>Trimmed, inner whitespace runs folded to one space.</summary>
    public static string Clean(string? value) =>
        string.Join(' ', (value ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public static string CleanSlug(string? value) => (value ?? string.Empty).Trim().ToLowerInvariant();

    /// <summary>Whether an admin may take <paramref name="decision"/> on an application in <paramref name="status"/>.</summary>
    public static bool CanDecide(ApplicationStatus status, ApplicationDecision decision) => (status, decision) switch
    {
        (ApplicationStatus.Pending, _) => true,
        // Waiting on the applicant: an admin may still refuse (they went quiet, or the answer is already no).
        (ApplicationStatus.ChangesRequested, ApplicationDecision.Reject) => true,
        _ => false,
    };

    /// <summary>A refusal or a request for changes says why, so the applicant knows what to do.</summary>
    public static ApplicationProblem? CheckReason(ApplicationDecision decision, string? reason)
    {
        var text = Clean(reason);
        if (text.Length > CreatorApplication.ReasonMaxLength)
        {
            return ApplicationProblem.ReasonTooLong;
        }

        return decision != ApplicationDecision.Approve && text.Length < ReasonMinLength ? ApplicationProblem.ReasonMissing : null;
    }

    /// <summary>The reserved word <paramref name="name"/> contains, or null.</summary>
    public static string? ReservedWordIn(string name) => ReservedNameWords.FirstOrDefault(w => name.Contains(w, StringComparison.Ordinal));

    /// <summary>The applicant may edit and resend only while the admins wait on them (or before anyone looked).</summary>
    public static bool CanEdit(ApplicationStatus status) => status is ApplicationStatus.Pending or ApplicationStatus.ChangesRequested;

    public static bool CanWithdraw(ApplicationStatus status) => status is ApplicationStatus.Pending or ApplicationStatus.ChangesRequested;
}
