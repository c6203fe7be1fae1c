using System.Globalization;
using System.Text.RegularExpressions;

namespace Tidings.Core.Specials;

/// <summary>
/// 专题: an editor's page on one story — title, lead, cover, sections of ordered articles, and optionally a live
/// coverage at the top — at /topic/{slug}. An article may be in several 专题; its page links back to each.
/// </summary>
public sealed class Special
{
    public const int SlugMaxLength = 80;
    public const int TitleMaxLength = 100;
    public const int LeadMaxLength = 1000;

    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public required string Lead { get; set; }
    public string? CoverUrl { get; set; }
    public string? CoverAlt { get; set; }
    public int? CoverWidth { get; set; }
    public int? CoverHeight { get; set; }

    /// <summary>The live coverage (滚动直播) shown at the top, if any.</summary>
    public int? LiveArticleId { get; set; }

    /// <summary>Readers see it (and its feed and sitemap entry) only once an editor publishes it.</summary>
    public bool Published { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

public sealed class SpecialSection
{
    public const int TitleMaxLength = 60;

    public int Id { get; set; }
    public int SpecialId { get; set; }
    public required string Title { get; set; }
    public int Position { get; set; }
}

public sealed class SpecialArticle
{
    public int SectionId { get; set; }
    public int ArticleId { get; set; }
    public int Position { get; set; }
}

/// <summary>One section of an outline as the editor wrote it.</summary>
public sealed record OutlineSection(string Title, IReadOnlyList<int> ArticleIds);

/// <summary>
/// The editor's outline of a 专题: "# 小标题" starts a section, each following line names one article by id or by its
/// URL (/article/123/slug, or the full address). Lines before the first heading form an untitled first section.
/// Problems are reported by line, and nothing is stored until there are none.
/// </summary>
public static partial class SpecialOutline
{
    public const int MaxSections = 20;
    public const int MaxArticlesPerSection = 50;
    public const int MaxChars = 20_000;

    public static IReadOnlyList<OutlineSection> Parse(string? text, out IReadOnlyList<string> problems)
    {
        var errors = new List<string>();
        var sections = new List<(string Title, List<int> Ids)>();
        if ((text ?? string.Empty).Length > MaxChars)
        {
            problems = [$"too-long:{MaxChars}"];
            return [];
        }

        var number = 0;
        foreach (var raw in (text ?? string.Empty).Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                var title = line.TrimStart('#').Trim();
                if (title.Length is 0 or > SpecialSection.TitleMaxLength)
                {
                    errors.Add($"{number}:heading");
                    continue;
                }

                if (sections.Count == MaxSections)
                {
                    errors.Add($"{number}:sections");
                    continue;
                }

                sections.Add((title, []));
                continue;
            }

            if (ArticleId(line) is not { } id)
            {
                errors.Add($"{number}:line");
                continue;
            }

            if (sections.Count == 0)
            {
                sections.Add((string.Empty, []));
            }

            var current = sections[^1].Ids;
            if (current.Contains(id))
            {
                errors.Add($"{number}:duplicate");
            }
            else if (current.Count == MaxArticlesPerSection)
            {
                errors.Add($"{number}:articles");
            }
            else
            {
                current.Add(id);
            }
        }

        problems = errors;
        return sections.Select(s => new OutlineSection(s.Title, s.Ids)).ToList();
    }

    /// <summary>The outline back as text, for the editor's field.</summary>
    public static string Format(IEnumerable<OutlineSection> sections) =>
        string.Join("\n\n", sections.Select(s =>
            (s.Title.Length > 0 ? "# " + s.Title + "\n" : string.Empty) + string.Join("\n", s.ArticleIds.Select(i => i.ToString(CultureInfo.InvariantCulture)))));

    /// <summary>An article id, or the id in an article URL; null for anything else.</summary>
    public static int? ArticleId(string line)
    {
        var m = ArticleLine().Match(line);
        return m.Success && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
    }

    public static bool IsValidSlug(string? slug) => slug is { Length: > 0 and <= Special.SlugMaxLength } && SlugPattern().IsMatch(slug);

    [GeneratedRegex(@"^(?:(?:https?://[^/\s]+)?/article/)?(\d{1,9})(?:[/?#]\S*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ArticleLine();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
