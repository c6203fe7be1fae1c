namespace Tidings.Core.Sources;

public enum SourceKind
{
    Media = 0,
    SelfMedia = 1,
}

/// <summary>Who stands behind a self-media account (自媒体号), as its 入驻 application declared and an admin approved.</summary>
public enum AccountKind
{
    /// <summary>个人: one person writing under the account's name.</summary>
    Personal = 0,

    /// <summary>媒体: a newspaper, station or magazine running an account here.</summary>
    Media = 1,

    /// <summary>机构: a company, school, public body or association.</summary>
    Organization = 2,
}

/// <summary>An account that publishes: a media outlet or a self-media (自媒体) account.</summary>
public sealed class Source
{
    public const int SlugMaxLength = 64;
    public const int NameMaxLength = 64;
    public const int BioMaxLength = 500;

    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public SourceKind Kind { get; set; }
    public string? AvatarUrl { get; set; }
    public string? Bio { get; set; }

    /// <summary>Set for accounts that joined through 入驻; null for the portal's own desks and partner outlets.</summary>
    public AccountKind? AccountKind { get; set; }

    /// <summary>The field (领域) the account writes in, as approved.</summary>
    public int? ChannelId { get; set; }

    public int? RegionId { get; set; }

    /// <summary>关注 count, kept with each follow and unfollow so an account page never counts a million rows.</summary>
    public int FollowerCount { get; set; }

    /// <summary>When the account joined (its application was approved); null for accounts the site made itself.</summary>
    public DateTime? JoinedAt { get; set; }
}
