using System.Globalization;
using Tidings.Web.Features.Articles;

namespace Tidings.Web.Shared;

/// <summary>What the channel, region, source and tag pages share: a heading, an intro and one page of articles.</summary>
public sealed record ListPageView(string Heading, string? Intro, string BasePath, PagedCards Articles)
{
    /// <summary>Stories the editors pinned to the top of a channel (first page only).</summary>
    public IReadOnlyList<ArticleCard> Pinned { get; init; } = [];

    /// <summary>The section's 热点推荐 (channel and region pages); empty elsewhere.</summary>
    public IReadOnlyList<ArticleCard> Trending { get; init; } = [];

    /// <summary>The account header of a source page (avatar, bio, counts, 关注); null on the other lists.</summary>
    public Features.Following.SourceProfile? Profile { get; init; }

    /// <summary>Whether the reader follows <see cref="Profile"/>.</summary>
    public bool Following { get; init; }

    /// <summary>Where the section's full trending list lives (/hot?scope=…).</summary>
    public string? TrendingPath { get; init; }

    public PagerView Pager => new(BasePath, Articles.Page, Articles.PageCount);

    /// <summary>Deep pages cost a scan; nobody reads page 5,000 of a channel, so the list stops there.</summary>
    public const int MaxPage = 5_000;

    public const int PageSize = 20;

    /// <summary>Parses ?page=; null means malformed (the page answers 404, as for any bad URL).</summary>
    public static int? ParsePage(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return 1;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is >= 1 and <= MaxPage
            ? page
            : null;
    }

    public PageMeta Meta(string? channel = null) => new()
    {
        Title = Articles.Page > 1 ? Phrase.Format(Ui.PageInTitle, Heading, Articles.Page) : Heading,
        Description = Intro,
        CanonicalPath = Pager.UrlFor(Articles.Page),
        ReturnPath = Pager.UrlFor(Articles.Page),
        PrevPath = Articles.Page > 1 ? Pager.UrlFor(Articles.Page - 1) : null,
        NextPath = Articles.Page < Articles.PageCount ? Pager.UrlFor(Articles.Page + 1) : null,
        CurrentChannel = channel,
    };
}
