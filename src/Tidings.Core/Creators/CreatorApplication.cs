using Tidings.Core.Sources;

namespace Tidings.Core.Creators;

public enum ApplicationStatus
{
    /// <summary>Waiting in the admins' queue.</summary>
    Pending = 0,

    /// <summary>An admin asked for changes; the applicant edits and sends it again.</summary>
    ChangesRequested = 1,

    /// <summary>Approved: the account exists and the applicant is its creator.</summary>
    Approved = 2,

    /// <summary>Refused, with the reason the applicant sees.</summary>
    Rejected = 3,

    /// <summary>The applicant took it back.</summary>
    Withdrawn = 4,
}

/// <summary>
/// A reader's request to run a self-media account (入驻). Approval creates the <see cref="Source"/> and gives the
/// applicant the creator role for it; every step is in the audit log, and the applicant sees the status and reason.
/// </summary>
public sealed class CreatorApplication
{
    public const int ContactMaxLength = 100;
    public const int CredentialMaxLength = 1_000;
    public const int ReasonMaxLength = 500;

    public int Id { get; set; }

    public int ApplicantId { get; set; }

    public required string Name { get; set; }

    public required string Slug { get; set; }

    public string? AvatarUrl { get; set; }

    public required string Bio { get; set; }

    public int? ChannelId { get; set; }

    public int? RegionId { get; set; }

    public AccountKind Kind { get; set; }

    public required string Contact { get; set; }

    /// <summary>For media and organisations: who they are and how the admins can check it (资质说明).</summary>
    public string? Credential { get; set; }

    public DateTime TermsAcceptedAt { get; set; }

    public ApplicationStatus Status { get; set; }

    /// <summary>The admin's reason for a refusal or a request for changes, shown to the applicant.</summary>
    public string? Reason { get; set; }

    public string? DecidedBy { get; set; }

    public DateTime? DecidedAt { get; set; }

    /// <summary>The account approval created.</summary>
    public int? SourceId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>An application still open: one per reader at a time.</summary>
    public bool IsOpen => Status is ApplicationStatus.Pending or ApplicationStatus.ChangesRequested;
}
