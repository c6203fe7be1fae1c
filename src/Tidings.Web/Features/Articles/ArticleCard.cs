using System.Globalization;
using Tidings.Core.Articles;

namespace Tidings.Web.Features.Articles;

/// <summary>An article as lists show it: title, source account, time, comment count and cover.</summary>
/// <param name="StoryId">The story cluster of a reprinted story (null for a story of one), so a page shows it once.</param>
/// <param name="Language">The article's language; a title in another language than the page's is marked with it.</param>
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
    ArticleStatus Status = ArticleStatus.Published,
    DateTime? EmbargoUntil = null,
    string Language = ContentLanguage.Chinese)
{
    public string Url => ArticleUrls.For(Id, Slug);

    /// <summary>The title's lang attribute: the article's language when the interface speaks another, else none.</summary>
    public string? TitleLang => Language == Languages.InterfaceLanguages.Current ? null : Language;
}

public static class ArticleUrls
{
    /// <summary>
    /// The slug as it appears in URLs: none when it would collide with a route under /article/{id}/ (an article
    /// imported with the slug "comments" must not become its own comments page, nor "qr" its QR code).
    /// </summary>
    public static string? Effective(string? slug) =>
        string.IsNullOrEmpty(slug) || string.Equals(slug, "comments", StringComparison.OrdinalIgnoreCase) || string.Equals(slug, "qr", StringComparison.OrdinalIgnoreCase) || string.Equals(slug, "report", StringComparison.OrdinalIgnoreCase)
            ? null
            : slug;

    public static string For(int id, string? slug) =>
        Effective(slug) is { } effective
            ? $"/article/{id.ToString(CultureInfo.InvariantCulture)}/{Uri.EscapeDataString(effective)}"
            : "/article/" + id.ToString(CultureInfo.InvariantCulture);
}
