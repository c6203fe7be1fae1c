using System.Text.RegularExpressions;
using Tidings.Core.Articles;
using Tidings.Core.Text;
using Tidings.Web.Features.Articles;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Newsroom;

/// <summary>
/// The editor's fields as posted; <see cref="Validate"/> says what to fix, field by field. The text fields follow
/// <see cref="ArticleRules"/>, as every other door does; the rest (slug, cover text, source) are the form's own.
/// </summary>
public sealed partial class ArticleForm
{
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

    /// <summary>禁发至, as the datetime-local field sends it (site time); empty for none.</summary>
    public string? Embargo { get; set; }

    /// <summary>The article's language (zh-CN or en); empty: the site's.</summary>
    public string? Language { get; set; }

    /// <summary>The revision the writer started from; a save on top of someone else's newer one is refused.</summary>
    public int BaseRevision { get; set; }

    public string CleanTitle => ArticleRules.Line(Title);
    public string CleanSummary => ArticleRules.Line(Summary);
    public string CleanBody => ArticleRules.Body(Body);
    public string? CleanAuthor => ArticleRules.Line(Author) is { Length: > 0 } author ? author : null;
    public string? CleanSlug => string.IsNullOrWhiteSpace(Slug) ? null : Slug.Trim().ToLowerInvariant();
    public string? CleanCoverAlt => string.IsNullOrWhiteSpace(CoverAlt) ? null : CoverAlt.Trim();

    public IReadOnlyList<string> TagNames => ArticleRules.Tags((Tags ?? string.Empty)
        .Split([',', '，', '、', ';', '；', ' ', '\u3000', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Field → message; empty when the form can be saved. <paramref name="hasCover"/>: a cover is kept or uploaded.</summary>
    public Dictionary<string, string> Validate(bool hasCover)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var problem in ArticleRules.CheckFields(CleanTitle, CleanSummary, CleanBody, CleanAuthor, TagNames))
        {
            errors[problem.Field.ToString()] = Message(problem);
        }

        if (SourceId is null)
        {
            errors[nameof(SourceId)] = NewsroomText.ErrorSourceRequired;
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
            errors[nameof(CoverAlt)] = Phrase.Format(Ui.ErrorTooLong, Ui.FieldCoverAlt, 200, CleanCoverAlt.Length);
        }

        return errors;
    }

    /// <summary>
    /// The embargo's end in UTC (null: none); false when the field holds no valid time. A stored embargo shown at the
    /// field's minute precision and posted back unchanged stays exactly as stored, so a save never loosens it by seconds.
    /// </summary>
    public bool TryEmbargo(TimeZoneInfo zone, DateTime? stored, out DateTime? utc)
    {
        if (!LocalTimeField.TryParse(Embargo, zone, out utc))
        {
            return false;
        }

        if (utc is not null && stored is { } kept && LocalTimeField.Format(kept, zone) == LocalTimeField.Format(utc.Value, zone))
        {
            utc = kept;
        }

        return true;
    }

    public static ArticleForm From(Article article, IEnumerable<string> tags, string? author, int revision, TimeZoneInfo zone) => new()
    {
        Title = article.Title,
        Summary = article.Summary,
        Body = article.BodyMarkdown ?? article.BodyHtml,
        ChannelId = article.ChannelId,
        RegionId = article.RegionId,
        SourceId = article.SourceId,
        Author = author,
        Tags = string.Join(Ui.Comma, tags),
        IsOriginal = article.IsOriginal,
        Slug = article.Slug,
        CoverAlt = article.CoverAlt,
        Embargo = article.EmbargoUntil is { } until ? LocalTimeField.Format(until, zone) : null,
        Language = article.Language,
        BaseRevision = revision,
    };

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    /// <summary>A rule's problem (<see cref="ArticleRules"/>) in the newsroom's words.</summary>
    public static string Message(ArticleProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var field = problem.Field switch
        {
            ArticleField.Title => Ui.FieldTitle,
            ArticleField.Summary => NewsroomText.FieldSummary,
            ArticleField.Body => NewsroomText.FieldBody,
            ArticleField.Author => Ui.Author,
            _ => Ui.Tags,
        };
        return (problem.Field, problem.Kind) switch
        {
            (ArticleField.Title, ArticleProblemKind.Required) => NewsroomText.ErrorTitleRequired,
            (ArticleField.Body, ArticleProblemKind.Required) => NewsroomText.ErrorBodyRequired,
            (_, ArticleProblemKind.TooDeep) => Phrase.Count(NewsroomText.ErrorBodyTooDeep, NewsroomText.ErrorBodyTooDeepOne, problem.Limit),
            (_, ArticleProblemKind.NoTextLeft) => NewsroomText.ErrorBodyEmptyAfterCleaning,
            (_, ArticleProblemKind.TooMany) => Phrase.Count(NewsroomText.ErrorTooManyTags, NewsroomText.ErrorTooManyTagsOne, problem.Limit),
            (ArticleField.Tags, ArticleProblemKind.TooLong) => Phrase.Format(problem.Limit == 1 ? NewsroomText.ErrorTagTooLongOne : NewsroomText.ErrorTagTooLong, problem.Value ?? string.Empty, problem.Limit),
            (_, ArticleProblemKind.TooLong) => Phrase.Format(Ui.ErrorTooLong, field, problem.Limit, problem.Actual),
            (_, ArticleProblemKind.NoLettersOrDigits) => Phrase.Format(NewsroomText.ErrorNoLettersOrDigits, field, problem.Value ?? string.Empty),
            _ => NewsroomText.ErrorFixFields,
        };
    }
}
