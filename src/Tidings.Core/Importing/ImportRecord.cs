using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Tidings.Core.Articles;
using Tidings.Core.Channels;
using Tidings.Core.Sources;
using Tidings.Core.Text;

namespace Tidings.Core.Importing;

/// <summary>One line of an import file, as written by its producer.</summary>
internal sealed class ImportRecord
{
    public string? ExternalId { get; set; }
    public string? Title { get; set; }
    public string? Body { get; set; }
    public string? Channel { get; set; }
    public string? Region { get; set; }
    public string? Source { get; set; }
    public string? Author { get; set; }
    public string? PublishedAt { get; set; }

    /// <summary>禁发: an agency's embargo; the article reaches no reader before it.</summary>
    public string? EmbargoUntil { get; set; }

    /// <summary>zh-CN or en (zh, zh-Hans, en-GB… are read as these); absent: a new article takes the site's language.</summary>
    public string? Language { get; set; }

    public List<string>? Tags { get; set; }
}

/// <summary>A line that passed validation, cleaned and ready to store.</summary>
internal sealed record ValidRecord(
    string ExternalId,
    string Title,
    string Summary,
    string BodyHtml,
    string? Channel,
    string? Region,
    string Source,
    string? Author,
    DateTime? PublishedAt,
    IReadOnlyList<string> Tags)
{
    /// <summary>Set for an article taken from a partner feed.</summary>
    public ArticleOrigin? Origin { get; init; }

    public DateTime? EmbargoUntil { get; init; }

    /// <summary>The article's language when the record names one; null keeps the article's (or the site's, for a new one).</summary>
    public string? Language { get; init; }
}

/// <summary>
/// Where a partner's article came from: its feed, its original page (阅读原文), and whether a new one waits for review.
/// </summary>
internal sealed record ArticleOrigin(int FeedId, string? OriginalUrl, bool HeldForReview);

internal static class ImportRecordParser
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    /// <summary>Parses and validates one line; returns null and the reason when the line cannot be stored.</summary>
    public static ValidRecord? Parse(string line, DateTime utcNow, out string? error)
    {
        ImportRecord? record;
        try
        {
            // The importer's reader turns bytes that are not UTF-8 into U+FFFD; a line handed in as a string gets the
            // same, because System.Text.Json refuses a lone surrogate with an ArgumentException, not a JsonException.
            record = JsonSerializer.Deserialize<ImportRecord>(UnicodeText.Repair(line), Json);
        }
        catch (JsonException ex)
        {
            error = ex.Path is { Length: > 1 } path
                ? $"invalid JSON at {path}: expected {(path.EndsWith("tags", StringComparison.OrdinalIgnoreCase) ? "an array of strings" : "a string")}"
                : "invalid JSON: " + FirstSentence(ex.Message);
            return null;
        }

        if (record is null)
        {
            error = "expected a JSON object, got null";
            return null;
        }

        var externalId = record.ExternalId?.Trim();
        if (string.IsNullOrEmpty(externalId))
        {
            error = "externalId is required";
            return null;
        }

        if (externalId.Length > Article.ExternalIdMaxLength || externalId.Any(char.IsControl))
        {
            error = $"externalId must be at most {Article.ExternalIdMaxLength} characters without control characters";
            return null;
        }

        // The text fields follow the same rules as the newsroom's (ArticleRules); the first problem is the reason.
        var title = ArticleRules.Line(record.Title);
        var body = ArticleRules.Body(record.Body);
        var author = ArticleRules.Line(record.Author);
        var tags = ArticleRules.Tags(record.Tags);
        if (ArticleRules.CheckFields(title, string.Empty, body, author, tags) is [var problem, ..])
        {
            error = problem.Describe();
            return null;
        }

        var bodyHtml = ArticleHtml.ToSafeHtml(body);
        if (ArticleRules.CheckCleanBody(bodyHtml) is { } cleaned)
        {
            error = cleaned.Describe();
            return null;
        }

        var summary = ArticleHtml.Summarize(bodyHtml);
        if (!TryOptionalName(record.Channel, Channel.SlugMaxLength, "channel", out var channel, out error)
            || !TryOptionalName(record.Region, Region.SlugMaxLength, "region", out var region, out error)
            || !TryOptionalName(record.Source, Source.NameMaxLength, "source", out var source, out error))
        {
            return null;
        }

        if (!TryTime(record.PublishedAt, "publishedAt", utcNow, out var publishedAt, out error)
            || !TryTime(record.EmbargoUntil, "embargoUntil", utcNow, out var embargoUntil, out error))
        {
            return null;
        }

        var language = ContentLanguage.Normalize(record.Language);
        if (!string.IsNullOrWhiteSpace(record.Language) && language is null)
        {
            error = $"language '{Excerpt.Clip(record.Language)}' is not one of the site's languages ({string.Join(", ", ContentLanguage.Supported)})";
            return null;
        }

        error = null;
        return new ValidRecord(
            externalId,
            title,
            summary,
            bodyHtml,
            channel,
            region,
            source ?? Catalog.UnknownSourceName,
            author.Length == 0 ? null : author,
            publishedAt,
            tags)
        {
            EmbargoUntil = embargoUntil,
            Language = language,
        };
    }

    private static bool TryTime(string? value, string field, DateTime utcNow, out DateTime? utc, out string? error)
    {
        utc = null;
        error = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            error = $"{field} '{Excerpt.Clip(value)}' is not an ISO 8601 date-time (e.g. 2026-11-20T08:30:00+08:00)";
            return false;
        }

        if (parsed.UtcDateTime.Year < 1990 || parsed.UtcDateTime > utcNow.AddYears(1))
        {
            error = $"{field} {parsed:O} is outside 1990 .. one year from now";
            return false;
        }

        utc = parsed.UtcDateTime;
        return true;
    }

    private static bool TryOptionalName(string? value, int max, string field, out string? result, out string? error)
    {
        result = null;
        error = null;
        var trimmed = ArticleRules.Line(value);
        if (trimmed.Length == 0)
        {
            return true;
        }

        if (trimmed.Length > max)
        {
            error = $"{field} is longer than {max} characters";
            return false;
        }

        if (Slugs.Normalize(trimmed, max).Length == 0)
        {
            error = $"{field} '{Excerpt.Clip(trimmed)}' has no letters or digits";
            return false;
        }

        result = trimmed;
        return true;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
