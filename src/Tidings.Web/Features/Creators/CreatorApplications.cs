using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Accounts;
using Tidings.Core.Creators;
using Tidings.Core.Data;
using Tidings.Core.Media;
using Tidings.Core.Sources;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Features.Comments;
using Tidings.Web.Features.Newsroom;
using Tidings.Web.Infrastructure;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Creators;

/// <summary>What an applicant's or an admin's step came to: done, or the field problems and a status to answer with.</summary>
public sealed record ApplicationOutcome(int Status, IReadOnlyDictionary<string, string> Fields, string? Error = null, CreatorApplication? Application = null)
{
    public bool Succeeded => Status is StatusCodes.Status200OK;

    public static ApplicationOutcome Done(CreatorApplication application) => new(StatusCodes.Status200OK, new Dictionary<string, string>(), null, application);

    public static ApplicationOutcome Refused(int status, string error) => new(status, new Dictionary<string, string>(), error);

    public static ApplicationOutcome Invalid(IReadOnlyDictionary<string, string> fields) => new(StatusCodes.Status400BadRequest, fields);
}

/// <summary>
/// 入驻: a signed-in reader applies for a self-media account, edits it while the admins wait on them or withdraws it;
/// admins approve (which creates the <see cref="Source"/> and makes the applicant its creator), refuse or ask for
/// changes, always with a reason the applicant sees. Every step is audited; the rules are <see cref="ApplicationRules"/>.
/// </summary>
public sealed class CreatorApplications(
    TidingsDbContext db,
    UserManager<TidingsUser> users,
    ReservedNameList reserved,
    SessionCheck sessions,
    DataDirectory data,
    SiteContext site)
{
    public string CoversDirectory => Path.Combine(data.Path, "media", "covers");

    /// <summary>The applicant's newest application, or null.</summary>
    public Task<CreatorApplication?> LatestAsync(int applicantId, CancellationToken ct) =>
        db.CreatorApplications.AsNoTracking().Where(a => a.ApplicantId == applicantId).OrderByDescending(a => a.Id).FirstOrDefaultAsync(ct);

    /// <summary>Sends a new application, or the edited one the admins are waiting on.</summary>
    public async Task<ApplicationOutcome> SubmitAsync(ClaimsPrincipal user, ApplicationForm form, byte[]? avatar, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(form);
        if (user.UserId() is not { } applicantId)
        {
            return ApplicationOutcome.Refused(StatusCodes.Status401Unauthorized, Ui.ErrorNoPermission);
        }

        if (user.SourceId() is not null || await db.Users.AnyAsync(u => u.Id == applicantId && u.SourceId != null, ct))
        {
            return ApplicationOutcome.Refused(StatusCodes.Status409Conflict, CreatorsText.ApplyAlreadyCreator);
        }

        var now = site.UtcNow;
        var open = await db.CreatorApplications.Where(a => a.ApplicantId == applicantId)
            .Where(a => a.Status == ApplicationStatus.Pending || a.Status == ApplicationStatus.ChangesRequested)
            .OrderByDescending(a => a.Id).FirstOrDefaultAsync(ct);
        if (open is null)
        {
            var since = now - ApplicationRules.ApplicationWindow;
            if (await db.CreatorApplications.CountAsync(a => a.ApplicantId == applicantId && a.CreatedAt >= since, ct) >= ApplicationRules.MaxApplicationsPerWindow)
            {
                return ApplicationOutcome.Refused(StatusCodes.Status429TooManyRequests, Phrase.Format(CreatorsText.ApplyTooMany, ApplicationRules.MaxApplicationsPerWindow, ApplicationRules.ApplicationWindow.Days));
            }
        }

        var fields = await CheckAsync(form, open?.Id, ct);
        if (fields.Count > 0)
        {
            return ApplicationOutcome.Invalid(fields);
        }

        string? avatarUrl = open?.AvatarUrl;
        if (avatar is not null)
        {
            var (stored, refusal) = CoverImages.Store(avatar, CoversDirectory);
            if (stored is null)
            {
                return ApplicationOutcome.Invalid(new Dictionary<string, string> { ["Avatar"] = ArticleDesk.CoverMessage(refusal) });
            }

            avatarUrl = stored.Url;
            await MediaPaths.AddToDatabaseAsync(db, data.Path, stored.Url, now, ct);
        }

        var application = open ?? db.CreatorApplications.Add(new CreatorApplication
        {
            ApplicantId = applicantId,
            Name = string.Empty,
            Slug = string.Empty,
            Bio = string.Empty,
            Contact = string.Empty,
            CreatedAt = now,
        }).Entity;
        application.Name = ApplicationRules.Clean(form.Name);
        application.Slug = ApplicationRules.CleanSlug(form.Slug);
        application.Bio = ApplicationRules.Clean(form.Bio);
        application.ChannelId = form.ChannelId;
        application.RegionId = form.RegionId;
        application.Kind = form.Kind!.Value;
        application.Contact = ApplicationRules.Clean(form.Contact);
        application.Credential = form.Kind == AccountKind.Personal ? null : ApplicationRules.Clean(form.Credential);
        application.AvatarUrl = avatarUrl;
        application.TermsAcceptedAt = now;
        application.Status = ApplicationStatus.Pending;
        application.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        db.Audit(user, now, open is null ? "creator-apply" : "creator-resubmit", detail: Describe(application));
        await db.SaveChangesAsync(ct);
        return ApplicationOutcome.Done(application);
    }

    public async Task<ApplicationOutcome> WithdrawAsync(ClaimsPrincipal user, int id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var application = await db.CreatorApplications.FirstOrDefaultAsync(a => a.Id == id && a.ApplicantId == user.UserId(), ct);
        if (application is null)
        {
            return ApplicationOutcome.Refused(StatusCodes.Status404NotFound, CreatorsText.ApplyNotFound);
        }

        if (!ApplicationRules.CanWithdraw(application.Status))
        {
            return ApplicationOutcome.Refused(StatusCodes.Status409Conflict, CreatorsText.ApplyWrongState);
        }

        application.Status = ApplicationStatus.Withdrawn;
        application.UpdatedAt = site.UtcNow;
        db.Audit(user, site.UtcNow, "creator-withdraw", detail: Describe(application));
        await db.SaveChangesAsync(ct);
        return ApplicationOutcome.Done(application);
    }

    /// <summary>An admin's decision. Approval creates the account and makes the applicant its creator, in one transaction.</summary>
    public async Task<ApplicationOutcome> DecideAsync(ClaimsPrincipal admin, int id, ApplicationDecision decision, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(admin);
        if (!admin.Can(Permission.Creators))
        {
            return ApplicationOutcome.Refused(StatusCodes.Status403Forbidden, Ui.ErrorNoPermission);
        }

        if (ApplicationRules.CheckReason(decision, reason) is { } problem)
        {
            return ApplicationOutcome.Invalid(new Dictionary<string, string> { ["reason"] = Message(problem) });
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var application = await db.CreatorApplications.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (application is null)
        {
            return ApplicationOutcome.Refused(StatusCodes.Status404NotFound, CreatorsText.ApplyNotFound);
        }

        if (!ApplicationRules.CanDecide(application.Status, decision))
        {
            return ApplicationOutcome.Refused(StatusCodes.Status409Conflict, CreatorsText.ApplyWrongState);
        }

        var now = site.UtcNow;
        var text = ApplicationRules.Clean(reason);
        application.Reason = text.Length == 0 ? null : text;
        application.DecidedBy = NewsroomAudit.ActorName(admin);
        application.DecidedAt = now;
        application.UpdatedAt = now;
        string action;
        switch (decision)
        {
            case ApplicationDecision.Approve:
                // Checked again: another account may have taken the name since the application was sent.
                var form = new ApplicationForm(application.Name, application.Slug, application.Bio, application.ChannelId, application.RegionId, application.Kind, application.Contact, application.Credential, AcceptTerms: true);
                var fields = await CheckAsync(form, application.Id, ct);
                if (fields.Count > 0)
                {
                    return ApplicationOutcome.Refused(StatusCodes.Status409Conflict, string.Join(' ', fields.Values));
                }

                var applicant = await users.FindByIdAsync(application.ApplicantId.ToString(CultureInfo.InvariantCulture));
                if (applicant is null || applicant.SourceId is not null)
                {
                    return ApplicationOutcome.Refused(StatusCodes.Status409Conflict, CreatorsText.ApplyAlreadyCreator);
                }

                var source = db.Sources.Add(new Source
                {
                    Slug = application.Slug,
                    Name = application.Name,
                    Kind = SourceKind.SelfMedia,
                    AccountKind = application.Kind,
                    Bio = application.Bio,
                    AvatarUrl = application.AvatarUrl,
                    ChannelId = application.ChannelId,
                    RegionId = application.RegionId,
                    JoinedAt = now,
                }).Entity;
                await db.SaveChangesAsync(ct);
                application.SourceId = source.Id;
                applicant.SourceId = source.Id;
                var roles = await users.GetRolesAsync(applicant);
                if (!roles.Contains(Roles.Creator))
                {
                    var added = await users.AddToRoleAsync(applicant, Roles.Creator);
                    if (!added.Succeeded)
                    {
                        return ApplicationOutcome.Refused(StatusCodes.Status409Conflict, string.Join(' ', added.Errors.Select(e => e.Description)));
                    }
                }

                // The role rides in the sign-in cookie: a new stamp ends the applicant's session, and the next sign-in
                // carries the creator role and the account.
                await users.UpdateSecurityStampAsync(applicant);
                application.Status = ApplicationStatus.Approved;
                action = "creator-approve";
                break;
            case ApplicationDecision.Reject:
                application.Status = ApplicationStatus.Rejected;
                action = "creator-reject";
                break;
            default:
                application.Status = ApplicationStatus.ChangesRequested;
                action = "creator-changes";
                break;
        }

        db.Audit(admin, now, action, detail: Describe(application) + (application.Reason is { } r ? " · " + r : string.Empty));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        sessions.Forget(application.ApplicantId);
        return ApplicationOutcome.Done(application);
    }

    /// <summary>The form's problems worded for the page, uniqueness and reserved names included.</summary>
    private async Task<Dictionary<string, string>> CheckAsync(ApplicationForm form, int? ownId, CancellationToken ct)
    {
        var fields = ApplicationRules.Check(form).ToDictionary(p => p.Key, p => Message(p.Value, form));
        var name = ApplicationRules.Clean(form.Name);
        var slug = ApplicationRules.CleanSlug(form.Slug);
        if (!fields.ContainsKey(nameof(ApplicationForm.Name)))
        {
            var taken = await reserved.ImitatesAsync(name, ct)
                ?? await db.Sources.Where(s => s.Name == name).Select(s => s.Name).FirstOrDefaultAsync(ct)
                ?? await db.CreatorApplications.Where(a => a.Id != ownId && a.Name == name && (a.Status == ApplicationStatus.Pending || a.Status == ApplicationStatus.ChangesRequested)).Select(a => a.Name).FirstOrDefaultAsync(ct);
            if (taken is not null)
            {
                fields[nameof(ApplicationForm.Name)] = Message(ApplicationProblem.NameTaken, form);
            }
        }

        if (!fields.ContainsKey(nameof(ApplicationForm.Slug))
            && (await db.Sources.AnyAsync(s => s.Slug == slug, ct)
                || await db.CreatorApplications.AnyAsync(a => a.Id != ownId && a.Slug == slug && (a.Status == ApplicationStatus.Pending || a.Status == ApplicationStatus.ChangesRequested), ct)))
        {
            fields[nameof(ApplicationForm.Slug)] = Message(ApplicationProblem.SlugTaken, form);
        }

        if (form.ChannelId is { } channel && !await db.Channels.AnyAsync(c => c.Id == channel, ct))
        {
            fields[nameof(ApplicationForm.ChannelId)] = Ui.ErrorUnknownChoice;
        }

        if (form.RegionId is { } region && !await db.Regions.AnyAsync(r => r.Id == region, ct))
        {
            fields[nameof(ApplicationForm.RegionId)] = Ui.ErrorUnknownChoice;
        }

        return fields;
    }

    private static string Describe(CreatorApplication a) =>
        $"#{a.Id.ToString(CultureInfo.InvariantCulture)} {a.Name} ({a.Slug})";

    public static string Message(ApplicationProblem problem, ApplicationForm? form = null) => problem switch
    {
        ApplicationProblem.NameLength => Phrase.Format(CreatorsText.ApplyNameLength, ApplicationRules.NameMinLength, ApplicationRules.NameMaxLength),
        ApplicationProblem.NameInvisible => CreatorsText.ApplyNameInvisible,
        ApplicationProblem.NameReservedWord => Phrase.Format(CreatorsText.ApplyNameReservedWord, ApplicationRules.ReservedWordIn(ApplicationRules.Clean(form?.Name)) ?? string.Empty),
        ApplicationProblem.NameTaken => CreatorsText.ApplyNameTaken,
        ApplicationProblem.SlugFormat => Phrase.Format(CreatorsText.ApplySlugFormat, ApplicationRules.SlugMinLength, ApplicationRules.SlugMaxLength),
        ApplicationProblem.SlugReserved => CreatorsText.ApplySlugReserved,
        ApplicationProblem.SlugTaken => CreatorsText.ApplySlugTaken,
        ApplicationProblem.BioLength => Phrase.Format(CreatorsText.ApplyBioLength, ApplicationRules.BioMinLength, Source.BioMaxLength),
        ApplicationProblem.ChannelMissing => CreatorsText.ApplyChannelMissing,
        ApplicationProblem.KindMissing => CreatorsText.ApplyKindMissing,
        ApplicationProblem.CredentialMissing => Phrase.Format(CreatorsText.ApplyCredentialMissing, ApplicationRules.CredentialMinLength, CreatorApplication.CredentialMaxLength),
        ApplicationProblem.ContactLength => Phrase.Format(CreatorsText.ApplyContactLength, ApplicationRules.ContactMinLength, CreatorApplication.ContactMaxLength),
        ApplicationProblem.TermsNotAccepted => CreatorsText.ApplyTerms,
        ApplicationProblem.ReasonMissing => Phrase.Format(CreatorsText.ApplyReasonMissing, ApplicationRules.ReasonMinLength, CreatorApplication.ReasonMaxLength),
        ApplicationProblem.ReasonTooLong => Phrase.Count(CreatorsText.ApplyReasonTooLong, CreatorsText.ApplyReasonTooLongOne, CreatorApplication.ReasonMaxLength),
        _ => problem.ToString(),
    };
}
