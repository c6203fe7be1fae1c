using System.Globalization;
using Tidings.Core.Articles;

namespace Tidings.Web.Features.Articles;

/// <summary>An article as lists show it: title, source account, time, comment count and cover.</summary>
/// <param name="StoryId">The story cluster of a reprinted story (null for a story of one), so a page shows it once.</param>
public sealed record ArticleCard(
    int Id,
    string? Slug,
    string Title,
    string Summary,
    string SourceName,
    string SourceSlug,
    DateTime PublishedAt,
    int CommentCount,
    string? CoverUrl,
    string? CoverAlt,
    int? CoverWidth,
    int? CoverHeight,
    string? ChannelName,
    string? ChannelSlug,
    bool IsOriginal,
    int? StoryId = null,
    ArticleStatus Status = ArticleStatus.Published)
{
    public string Url => ArticleUrls.For(Id, Slug);
}

public static class ArticleUrls
{
    public static string For(int id, string? slug) =>
        string.IsNullOrEmpty(slug)
            ? "/article/" + id.ToString(CultureInfo.InvariantCulture)
            : $"/article/{id.ToString(CultureInfo.InvariantCulture)}/{Uri.EscapeDataString(slug)}";
}
