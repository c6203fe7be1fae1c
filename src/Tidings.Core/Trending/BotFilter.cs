using System.Text.RegularExpressions;

namespace Tidings.Core.Trending;

/// <summary>
/// Recognises crawlers, monitors and automation by their user agent, from a pattern list (one case-insensitive
/// regular expression a line, # for comments) that the operator can extend. A missing user agent counts as a bot:
/// browsers always send one.
/// </summary>
public sealed partial class BotFilter
{
    /// <summary>The built-in list: search and social crawlers, HTTP libraries, headless and automated browsers.</summary>
    public static readonly IReadOnlyList<string> DefaultPatterns =
    [
        @"bot\b", "bot/", "spider", "crawl", "slurp", "bingpreview", "mediapartners", "facebookexternalhit", "embedly",
        "baiduspider", "sogou", "360spider", "yisouspider", "bytespider", "petalbot",
        "headlesschrome", "phantomjs", "puppeteer", "playwright", "selenium", "webdriver", "electron",
        "curl/", "wget/", "python-requests", "python-urllib", "aiohttp", "go-http-client", "okhttp", "java/",
        "libwww", "httpclient", "axios", "node-fetch", "scrapy", "postman", "insomnia", "wrk", "apachebench", "k6/",
        "uptime", "pingdom", "monitor", "lighthouse", "pagespeed",
    ];

    /// <summary>
    /// Linear-time matching: no operator pattern can make a hostile user agent expensive. A backtracking engine needed a
    /// short timeout for that, and on a loaded machine the first match (compiling the matcher) outlasted it, so real
    /// browsers were counted as bots. The timeout stays only as a bound; hitting it still counts as a bot.
    /// </summary>
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private readonly Regex _pattern;

    public BotFilter(IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var list = Text.OperatorLists.Entries(patterns).Select(e => e.Text).ToList();
        foreach (var p in list)
        {
            // A broken line is reported with the line, not as an obscure failure at the first request.
            try
            {
                _ = new Regex(p, Options, Timeout);
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"Bot pattern '{p}' is not a valid regular expression: {e.Message}", e);
            }
        }

        _pattern = list.Count == 0
            ? NothingRegex()
            : new Regex(string.Join('|', list.Select(p => $"(?:{p})")), Options, Timeout);
    }

    public static BotFilter Default { get; } = new(DefaultPatterns);

    /// <summary>Reads the operator's list (defaults plus the file's lines); the defaults alone when there is no file.</summary>
    public static BotFilter FromFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return File.Exists(path) ? new BotFilter(DefaultPatterns.Concat(File.ReadAllLines(path))) : Default;
    }

    public bool IsBot(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent) || userAgent.Length > 1_000)
        {
            return true;
        }

        try
        {
            return _pattern.IsMatch(userAgent);
        }
        catch (RegexMatchTimeoutException)
        {
            return true;
        }
    }

    [GeneratedRegex("(?!)")]
    private static partial Regex NothingRegex();
}
