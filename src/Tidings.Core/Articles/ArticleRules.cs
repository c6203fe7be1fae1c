using Tidings.Core.Sources;
using Tidings.Core.Text;

namespace Tidings.Core.Articles;

/// <summary>The text fields every door writes (the newsroom form, JSONL import, and partner feeds after them).</summary>
public enum ArticleField
{
    Title,
    Summary,
    Body,
    Author,
    Tags,
}

public enum ArticleProblemKind
{
    Required,
    TooLong,
    TooDeep,
    NoTextLeft,
    TooMany,
    NoLettersOrDigits,
}

/// <summary>
/// Why a field cannot be stored, with what a message needs (the limit, the length found, the offending value). Each
/// door words it for its readers: <see cref="Describe"/> in English for import and the CLI, the newsroom in Chinese.
/// </summary>
public sealed record ArticleProblem(ArticleField Field, ArticleProblemKind Kind, int Limit = 0, int Actual = 0, string? Value = null)
{
    public string Describe()
    {
        var field = Field.ToString().ToLowerInvariant();
        return Kind switch
        {
            ArticleProblemKind.Required => $"{field} is required",
            ArticleProblemKind.TooLong when Field == ArticleField.Tags => $"tag '{Excerpt.Clip(Value ?? string.Empty)}' is longer than {Limit} characters",
            ArticleProblemKind.TooLong => $"{field} is {Actual} characters; the limit is {Limit}",
            ArticleProblemKind.TooDeep => $"body nests deeper than {Limit} levels (elements, quotes or lists); flatten it",
            ArticleProblemKind.NoTextLeft => "body has no text left after removing unsafe HTML",
            ArticleProblemKind.TooMany => $"{Actual} tags given; the limit is {Limit}",
            ArticleProblemKind.NoLettersOrDigits when Field == ArticleField.Tags => $"tag '{Excerpt.Clip(Value ?? string.Empty)}' has no letters or digits",
            ArticleProblemKind.NoLettersOrDigits => $"{field} '{Excerpt.Clip(Value ?? string.Empty)}' has no letters or digits",
            _ => $"{field} is not valid",
        };
    }
}

/// <summary>
/// What an article's text must be, whichever door it comes through: one set of limits and checks, so an article the
/// newsroom refuses cannot arrive by import and the other way round. Checks take cleaned values (<see cref="Line"/>
/// for one-line fields), report every problem, and never throw.
/// </summary>
public static class ArticleRules
{
    /// <summary>
    /// The longest body source (Markdown or HTML) before cleaning: a very long article is a tenth of it, and the work
    /// of cleaning, segmenting and diffing a body grows with it. The stored HTML may be up to <see cref="Article.BodyMaxLength"/>.
    /// </summary>
    public const int BodySourceMaxLength = 200_000;

    /// <summary>A one-line field as stored: runs of white space (newlines and tabs included) become one space, ends trimmed.</summary>
    public static string Line(string? value) =>
        value is null ? string.Empty : string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A body source as stored: Windows line ends made plain, ends trimmed.</summary>
    public static string Body(string? value) => (value ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    /// <summary>Tag names as given: each a <see cref="Line"/>, empty ones dropped, duplicates once.</summary>
    public static IReadOnlyList<string> Tags(IEnumerable<string?>? names) =>
        names is null ? [] : [.. names.Select(Line).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)];

    /// <summary>Every problem of the text fields, before the body is cleaned. <paramref name="summary"/>: empty when derived.</summary>
    public static IReadOnlyList<ArticleProblem> CheckFields(string title, string summary, string body, string? author, IReadOnlyList<string> tags)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(tags);
        var problems = new List<ArticleProblem>();
        if (title.Length == 0)
        {
            problems.Add(new(ArticleField.Title, ArticleProblemKind.Required));
        }
        else if (title.Length > Article.TitleMaxLength)
        {
            problems.Add(new(ArticleField.Title, ArticleProblemKind.TooLong, Article.TitleMaxLength, title.Length));
        }

        if (summary.Length > Article.SummaryMaxLength)
        {
            problems.Add(new(ArticleField.Summary, ArticleProblemKind.TooLong, Article.SummaryMaxLength, summary.Length));
        }

        if (CheckBodySource(body) is { } bodyProblem)
        {
            problems.Add(bodyProblem);
        }

        if (author is { Length: > 0 })
        {
            if (author.Length > Author.NameMaxLength)
            {
                problems.Add(new(ArticleField.Author, ArticleProblemKind.TooLong, Author.NameMaxLength, author.Length));
            }
            else if (!HasLettersOrDigits(author))
            {
                problems.Add(new(ArticleField.Author, ArticleProblemKind.NoLettersOrDigits, Value: author));
            }
        }

        if (tags.Count > Article.MaxTags)
        {
            problems.Add(new(ArticleField.Tags, ArticleProblemKind.TooMany, Article.MaxTags, tags.Count));
        }
        else if (tags.FirstOrDefault(t => t.Length > Tag.NameMaxLength) is { } longTag)
        {
            problems.Add(new(ArticleField.Tags, ArticleProblemKind.TooLong, Tag.NameMaxLength, longTag.Length, longTag));
        }
        else if (tags.FirstOrDefault(t => !HasLettersOrDigits(t)) is { } empty)
        {
            // A tag is reached by its slug; one without letters or digits would have none.
            problems.Add(new(ArticleField.Tags, ArticleProblemKind.NoLettersOrDigits, Value: empty));
        }

        return problems;
    }

    /// <summary>The body source alone (a preview needs no title): present, within the limit, not nested too deep to clean.</summary>
    public static ArticleProblem? CheckBodySource(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length == 0)
        {
            return new(ArticleField.Body, ArticleProblemKind.Required);
        }

        if (body.Length > BodySourceMaxLength)
        {
            return new(ArticleField.Body, ArticleProblemKind.TooLong, BodySourceMaxLength, body.Length);
        }

        return MarkupDepth.Exceeds(body) ? new(ArticleField.Body, ArticleProblemKind.TooDeep, MarkupDepth.MaxDepth) : null;
    }

    /// <summary>The body after cleaning: something left to read (text, or a picture), within the stored limit.</summary>
    public static ArticleProblem? CheckCleanBody(string bodyHtml)
    {
        ArgumentNullException.ThrowIfNull(bodyHtml);
        if (ArticleHtml.ToPlainText(bodyHtml).Length == 0 && !bodyHtml.Contains("<img", StringComparison.Ordinal))
        {
            return new(ArticleField.Body, ArticleProblemKind.NoTextLeft);
        }

        return bodyHtml.Length > Article.BodyMaxLength
            ? new(ArticleField.Body, ArticleProblemKind.TooLong, Article.BodyMaxLength, bodyHtml.Length)
            : null;
    }

    private static bool HasLettersOrDigits(string value) => Slugs.Normalize(value, value.Length).Length > 0;
}
