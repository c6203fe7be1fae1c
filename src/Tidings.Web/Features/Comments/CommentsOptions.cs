namespace Tidings.Web.Features.Comments;

/// <summary><c>Tidings:Comments</c>.</summary>
public sealed class CommentsOptions
{
    /// <summary>Comments are open at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Readers may post without a nickname (shown as <see cref="AnonymousName"/>).</summary>
    public bool AllowAnonymous { get; set; } = true;

    public string AnonymousName { get; set; } = "潮讯网友";

    /// <summary>先审后发 for the whole site: every comment waits for a moderator.</summary>
    public bool PreModeration { get; set; }

    /// <summary>先审后发 for these channel slugs only.</summary>
    public string[] PreModeratedChannels { get; set; } = [];

    /// <summary>Show IP属地 from data/ip-regions.txt.</summary>
    public bool ShowRegion { get; set; } = true;

    public int PageSize { get; set; } = 20;

    /// <summary>热门跟贴 above the latest: at most this many, each with at least <see cref="HotMinimumUp"/> 顶.</summary>
    public int HotCount { get; set; } = 5;

    public int HotMinimumUp { get; set; } = 3;

    public double HotHalfLifeHours { get; set; } = 24;

    public int MinBodyLength { get; set; } = 2;

    /// <summary>The same text from the same poster (or address) within this window is a duplicate.</summary>
    public int DuplicateWindowMinutes { get; set; } = 60;

    /// <summary>Distinct reports that take a published comment off the page until a moderator looks.</summary>
    public int ReportsToHold { get; set; } = 5;

    /// <summary>Posting: a burst then a steady rate per poster, and per address (shared by everyone behind it).</summary>
    public int PosterBurst { get; set; } = 5;

    public int PosterPerMinute { get; set; } = 3;

    public int AddressBurst { get; set; } = 30;

    public int AddressPerMinute { get; set; } = 30;

    /// <summary>Votes and reports per poster.</summary>
    public int VoteBurst { get; set; } = 30;

    public int VotePerMinute { get; set; } = 60;

    /// <summary>
    /// How often the operator's word lists and IP table (data/moderation, data/ip-regions.txt) are checked for edits,
    /// in seconds: a check is a few file stats, an edit takes effect this long after it at most.
    /// </summary>
    public double ListCheckSeconds { get; set; } = 2;
}
