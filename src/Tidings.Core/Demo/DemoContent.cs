using System.Reflection;
using System.Text.Json;

namespace Tidings.Core.Demo;

/// <summary>The demo portal's site description and articles, embedded in this assembly (original writing).</summary>
internal static class DemoContent
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static readonly IReadOnlyDictionary<string, string> CoverDescriptions = new Dictionary<string, string>
    {
        ["skyline"] = "城市天际线插画：高低错落的楼群",
        ["chart"] = "插画：上升的柱状图与折线",
        ["football"] = "插画：绿茵场上的足球",
        ["basketball"] = "插画：篮球与篮筐",
        ["film"] = "插画：电影胶片与放映机",
        ["chip"] = "插画：电路板上的芯片",
        ["phone"] = "插画：一部智能手机",
        ["car"] = "插画：行驶在路上的汽车",
        ["train"] = "插画：驶过高架桥的列车",
        ["family"] = "插画：牵着手的一家三口",
        ["book"] = "插画：一本翻开的书",
        ["airplane"] = "插画：蓝天中的客机",
        ["waves"] = "插画：起伏的海浪",
        ["mountain"] = "插画：连绵的山峰与太阳",
        ["wheat"] = "插画：金色的麦穗",
        ["lantern"] = "插画：悬挂的红灯笼",
    };

    public static SiteDefinition LoadSite()
    {
        using var stream = Open("Tidings.Demo.site.json");
        return JsonSerializer.Deserialize<SiteDefinition>(stream, Json)
            ?? throw new InvalidOperationException("The embedded demo site.json is empty.");
    }

    public static IEnumerable<DemoArticle> LoadArticles()
    {
        var assembly = typeof(DemoContent).Assembly;
        var names = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Tidings.Demo.articles-", StringComparison.Ordinal) && n.EndsWith(".jsonl", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            using var reader = new StreamReader(Open(name));
            var lineNumber = 0;
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                if (line.Length == 0)
                {
                    continue;
                }

                yield return JsonSerializer.Deserialize<DemoArticle>(line, Json)
                    ?? throw new InvalidOperationException($"{name}:{lineNumber} is empty.");
            }
        }
    }

    public static IEnumerable<DemoComment> LoadComments()
    {
        using var reader = new StreamReader(Open("Tidings.Demo.comments.jsonl"));
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length > 0)
            {
                yield return JsonSerializer.Deserialize<DemoComment>(line, Json)
                    ?? throw new InvalidOperationException($"comments.jsonl:{lineNumber} is empty.");
            }
        }
    }

    private static Stream Open(string name) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
}

internal sealed record SiteDefinition(
    string SiteName,
    string SiteNameEn,
    string Tagline,
    IReadOnlyList<ChannelDefinition> Channels,
    IReadOnlyList<RegionDefinition> Regions,
    IReadOnlyList<SourceDefinition> Sources,
    IReadOnlyList<string> Editors,
    IReadOnlyList<PartnerFeedDefinition>? PartnerFeeds = null);

/// <summary>
/// A demo partner subscription: the source's demo articles show as taken from it (阅读原文 to
/// <paramref name="ArticleUrl"/> with {key} replaced). The partner's address is fictional, so the feed starts paused.
/// </summary>
internal sealed record PartnerFeedDefinition(string Source, string Url, string ArticleUrl, int EveryMinutes, bool FullText);

internal sealed record ChannelDefinition(string Slug, string Name, string NameEn, string ListTitle);

internal sealed record RegionDefinition(string Slug, string Name, string SiteName, string Description);

internal sealed record SourceDefinition(string Slug, string Name, string Kind, string Bio);

internal sealed record DemoArticle(
    string Key,
    string Title,
    string Summary,
    string Channel,
    string? Region,
    string Source,
    string? Author,
    string? Editor,
    bool Original,
    IReadOnlyList<string> Tags,
    double HoursAgo,
    string? Cover,
    IReadOnlyList<string> Paragraphs,
    string? Language = null);

internal sealed record DemoComment(
    string Article,
    string Key,
    string Nickname,
    string Body,
    string? ReplyTo,
    int MinutesAfter,
    int Up,
    int Down,
    string Address);
