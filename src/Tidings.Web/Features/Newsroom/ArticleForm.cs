using System.Text.RegularExpressions;
using Tidings.Core.Articles;
using Tidings.Core.Text;
using Tidings.Web.Features.Articles;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Newsroom;

/// <summary>The editor's fields as posted; <see cref="Validate"/> says what to fix, field by field.</summary>
public sealed partial class ArticleForm
{
    /// <summary>Markdown source; long enough for any article, far below the stored HTML's limit.</summary>
    public const int BodyMaxLength = 200_000;

    public string? Title { get; set; }
    public string? Summary { get; set; }
    public string? Body { get; set; }
    public int? ChannelId { get; set; }
    public int? RegionId { get; set; }
    public int? SourceId { get; set; }
    public string? Author { get; set; }
    public string? Tags { get; set; }
    public bool IsOriginal { get; set; }
    public string? Slug { get; set; }
    public string? CoverAlt { get; set; }
    public bool RemoveCover { get; set; }

    /// <summary>The revision the writer started from; a save on top of someone else's newer one is refused.</summary>
    public int BaseRevision { get; set; }

    public string CleanTitle => (Title ?? string.Empty).Trim();
    public string CleanSummary => (Summary ?? string.Empty).Trim();
    public string CleanBody => (Body ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
    public string? CleanAuthor => string.IsNullOrWhiteSpace(Author) ? null : Author.Trim();
    public string? CleanSlug => string.IsNullOrWhiteSpace(Slug) ? null : Slug.Trim().ToLowerInvariant();
    public string? CleanCoverAlt => string.IsNullOrWhiteSpace(CoverAlt) ? null : CoverAlt.Trim();

    public IReadOnlyList<string> TagNames => (Tags ?? string.Empty)
        .Split([',', '，', '、', ';', '；', ' ', '\u3000', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Distinct(StringComparer.Ordinal)
        .ToList();

    /// <summary>Field → message; empty when the form can be saved. <paramref name="hasCover"/>: a cover is kept or uploaded.</summary>
    public Dictionary<string, string> Validate(bool hasCover)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (CleanTitle.Length == 0)
        {
            errors[nameof(Title)] = Ui.ErrorTitleRequired;
        }
        else if (CleanTitle.Length > Article.TitleMaxLength)
        {
            errors[nameof(Title)] = Ui.Format(Ui.ErrorTooLong, Ui.FieldTitle, Article.TitleMaxLength, CleanTitle.Length);
        }

        if (CleanSummary.Length > Article.SummaryMaxLength)
        {
            errors[nameof(Summary)] = Ui.Format(Ui.ErrorTooLong, Ui.FieldSummary, Article.SummaryMaxLength, CleanSummary.Length);
        }

        if (CleanBody.Length == 0)
        {
            errors[nameof(Body)] = Ui.ErrorBodyRequired;
        }
        else if (CleanBody.Length > BodyMaxLength)
        {
            errors[nameof(Body)] = Ui.Format(Ui.ErrorTooLong, Ui.FieldBody, BodyMaxLength, CleanBody.Length);
        }
        else if (MarkupDepth.Exceeds(CleanBody))
        {
            errors[nameof(Body)] = Ui.Format(Ui.ErrorBodyTooDeep, MarkupDepth.MaxDepth);
        }

        if (SourceId is null)
        {
            errors[nameof(SourceId)] = Ui.ErrorSourceRequired;
        }

        if (CleanAuthor is { Length: > Core.Sources.Author.NameMaxLength })
        {
            errors[nameof(Author)] = Ui.Format(Ui.ErrorTooLong, Ui.Author, Core.Sources.Author.NameMaxLength, CleanAuthor.Length);
        }

        var tags = TagNames;
        if (tags.Count > Article.MaxTags)
        {
            errors[nameof(Tags)] = Ui.Format(Ui.ErrorTooManyTags, Article.MaxTags);
        }
        else if (tags.FirstOrDefault(t => t.Length > Tag.NameMaxLength) is { } longTag)
        {
            errors[nameof(Tags)] = Ui.Format(Ui.ErrorTagTooLong, longTag, Tag.NameMaxLength);
        }

        if (CleanSlug is { } slug && (slug.Length > Article.SlugMaxLength || !SlugPattern().IsMatch(slug) || ArticleUrls.Effective(slug) is null))
        {
            errors[nameof(Slug)] = Ui.ErrorSlug;
        }

        if (hasCover && !RemoveCover && CleanCoverAlt is null)
        {
            errors[nameof(CoverAlt)] = Ui.ErrorCoverAltRequired;
        }
        else if (CleanCoverAlt is { Length: > 200 })
        {
            errors[nameof(CoverAlt)] = Ui.Format(Ui.ErrorTooLong, Ui.FieldCoverAlt, 200, CleanCoverAlt.Length);
        }

        return errors;
    }

    public static ArticleForm From(Article article, IEnumerable<string> tags, string? author, int revision) => new()
    {
        Title = article.Title,
        Summary = article.Summary,
        Body = article.BodyMarkdown ?? article.BodyHtml,
        ChannelId = article.ChannelId,
        RegionId = article.RegionId,
        SourceId = article.SourceId,
        Author = author,
        Tags = string.Join("，", tags),
        IsOriginal = article.IsOriginal,
        Slug = article.Slug,
        CoverAlt = article.CoverAlt,
        BaseRevision = revision,
    };

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
