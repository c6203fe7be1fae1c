using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tidings.IntegrationTests.Newsroom;

namespace Tidings.IntegrationTests;

/// <summary>A portal of its own: the suite posts as an admin, and must not disturb the newsroom tests' accounts.</summary>
public sealed class HostilePortal : NewsroomPortal;

[CollectionDefinition(Name)]
public sealed class HostileGroup : ICollectionFixture<HostilePortal>
{
    public const string Name = "hostile";
}

/// <summary>
/// Every route the app maps, found from its endpoint table rather than listed by hand (a new endpoint is covered the
/// day it is added), sent malformed route values, query strings, JSON, forms, encodings, numbers and headers, as a
/// stranger, a reader and an admin. Whatever comes in, the answer is never a 5xx: bad input is the client's mistake and
/// gets a 4xx (or is ignored), never an exception page.
/// </summary>
[Collection(HostileGroup.Name)]
public sealed class HostileInputTests(HostilePortal portal)
{
    private static readonly string[] RouteValues = ["0", "-1", "99999999999", "%FF%FE", "..%2F..%2Fdata", new string('长', 600), "<script>x</script>"];

    private static readonly string HostileQuery = string.Join('&', new[] { "page", "n", "q", "from", "to", "size", "format", "queue", "status", "owner", "window", "scope", "id", "action", "handler", "returnUrl", "limit", "channel", "region", "sort" }
        .Select((key, i) => key + "=" + (i % 4) switch { 0 => "-99999999999", 1 => "%FF%FE%00", 2 => "9999-99-99T99:99", _ => Uri.EscapeDataString(new string('字', 2000)) }));

    /// <summary>JSON bodies no endpoint should choke on: broken, wrong shapes, huge numbers, deep nesting, bad bytes.</summary>
    private static readonly (string Name, byte[] Body, string ContentType)[] Bodies =
    [
        ("truncated JSON", "{\"body\": \"正文"u8.ToArray(), "application/json"),
        ("wrong shapes", """{"body": 5, "nickname": [], "replyTo": "x", "direction": {}, "reason": true, "events": "view", "articleId": 1e400}"""u8.ToArray(), "application/json"),
        ("array", """[{"type": null, "articleId": -1}, 7, "x", [], {}]"""u8.ToArray(), "application/json"),
        ("deep nesting", Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)), "application/json"),
        ("invalid UTF-8", [.. "{\"body\": \""u8, 0xFF, 0xFE, 0xC3, .. "\", \"type\": \""u8, 0xED, 0xA0, 0x80, .. "\"}"u8], "application/json"),
        ("not JSON at all", "body=1&x=%FF"u8.ToArray(), "application/json"),
        ("text", "hello"u8.ToArray(), "text/plain; charset=bogus"),
        ("broken multipart", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"u8.ToArray(), "multipart/form-data; boundary=x"),
        ("no boundary", "--x--"u8.ToArray(), "multipart/form-data"),
    ];

    private static readonly Dictionary<string, string> HostileForm = new()
    {
        ["Form.Title"] = new string('题', 5000),
        ["Form.Body"] = new string('>', 300) + " 引用",
        ["Form.ChannelId"] = "abc",
        ["Form.RegionId"] = "99999999999",
        ["Form.SourceId"] = "-1",
        ["Form.BaseRevision"] = "1e9",
        ["Form.Tags"] = string.Join(',', Enumerable.Range(0, 500)),
        ["Form.IsOriginal"] = "maybe",
        ["CoverFile"] = "not a file",
        ["id"] = "99999999999",
        ["number"] = "-1",
        ["action"] = "destroy",
        ["revision"] = "x",
        ["scheduleAt"] = "9999-99-99T99:99",
        ["correction"] = new string('改', 5000),
        ["roles"] = "root",
        ["locked"] = "perhaps",
        ["nickname"] = "\u202E\u0000",
        ["body"] = "\uD800",
        ["commentId"] = "1.5",
        ["direction"] = "sideways",
        ["UserName"] = new string('a', 500),
        ["Password"] = string.Empty,
        ["returnUrl"] = "//evil.example/",
        ["position"] = "-3",
        ["hours"] = "1e308",
    };

    private static readonly (string Name, string Value)[] HostileHeaders =
    [
        ("If-None-Match", "\"unterminated, W/, *, \u00ff"),
        ("If-Modified-Since", "yesterday at noon"),
        ("Accept-Encoding", "br;q=x, gzip;q=-1, *;q=2"),
        ("Accept", "text/html;q=abc, */*;;;"),
        ("Accept-Language", "zz-ZZZZZZZZZ;q=9, *"),
        ("Cookie", "tidings.auth=garbage; tidings-prefs=%FF%FE; tidings-mode=care%00; .AspNetCore.Antiforgery.x=@@@; tv=" + new string('x', 3000)),
        ("X-Forwarded-For", "not-an-address, 999.1.1.1, ::ffff:zz"),
        ("X-Forwarded-Proto", "gopher"),
        ("Range", "bytes=garbage"),
        ("User-Agent", new string('M', 8000)),
        ("DNT", "\u00ff"),
        ("Host", "localhost:99999"),
        ("Host", "bad host name:80"),
        ("Referer", "javascript:alert(1)"),
    ];

    [Fact]
    public async Task EveryEndpoint_MalformedInput_NeverAnswers5xx()
    {
        using var stranger = portal.Anonymous();
        using var admin = await portal.SignInAsync("admin");
        using var reader = await portal.SignInAsync("reader");
        var failures = new List<string>();
        var sent = 0;

        async Task SendAsync(HttpClient client, string who, HttpMethod method, string url, HttpContent? content = null, (string Name, string Value)? header = null, string? apiToken = null)
        {
            using var request = new HttpRequestMessage(method, url) { Content = content };
            if (apiToken is not null)
            {
                request.Headers.Add("RequestVerificationToken", apiToken);
            }

            if (header is { } h && !request.Headers.TryAddWithoutValidation(h.Name, h.Value))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(h.Name, h.Value);
            }

            using var response = await client.SendAsync(request);
            sent++;
            if ((int)response.StatusCode >= 500)
            {
                var text = await response.Content.ReadAsStringAsync();
                failures.Add($"{who} {method} {url[..Math.Min(url.Length, 60)]}{(header is { } hh ? " [" + hh.Name + "]" : string.Empty)} {(content is null ? string.Empty : "(body)")} → {(int)response.StatusCode} {text[..Math.Min(text.Length, 120)].ReplaceLineEndings(" ")}");
            }
        }

        var routes = Routes();
        Assert.True(routes.Count > 40, $"only {routes.Count} routes found");
        foreach (var (who, client) in new[] { ("stranger", stranger), ("reader", reader), ("admin", admin) })
        {
            var formToken = await FormTokenAsync(client);
            var apiToken = await ApiTokenAsync(client);
            foreach (var route in routes)
            {
                foreach (var path in Expand(route.Pattern))
                {
                    foreach (var method in route.Methods)
                    {
                        var handlers = route.Handlers.Count == 0 ? [string.Empty] : route.Handlers.Where(h => h.Method == method.Method).Select(h => h.Name).DefaultIfEmpty(string.Empty).ToList();
                        foreach (var handler in handlers)
                        {
                            var url = path + "?" + (handler.Length > 0 ? "handler=" + handler + "&" : string.Empty) + HostileQuery;
                            if (method == HttpMethod.Get || method == HttpMethod.Head)
                            {
                                await SendAsync(client, who, method, url);
                                continue;
                            }

                            var form = new Dictionary<string, string>(HostileForm) { ["__RequestVerificationToken"] = formToken };
                            await SendAsync(client, who, method, url, new FormUrlEncodedContent(form));
                            foreach (var (_, body, type) in Bodies)
                            {
                                var content = new ByteArrayContent(body);
                                content.Headers.TryAddWithoutValidation("Content-Type", type);
                                await SendAsync(client, who, method, url, content, apiToken: apiToken);
                            }
                        }
                    }
                }
            }

            // Headers act before routing: every header on a sample of pages, feeds, API and newsroom routes.
            foreach (var path in new[] { "/", "/article/1", "/channel/finance", "/search?q=港口", "/feeds/channel/finance.rss", "/sitemap.xml", "/api/v1/channels", "/newsroom", "/newsroom/articles/1", "/media/covers/x-480.jpg" })
            {
                foreach (var header in HostileHeaders)
                {
                    await SendAsync(client, who, HttpMethod.Get, path, header: header);
                }

                await SendAsync(client, who, HttpMethod.Post, path, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = formToken, ["x"] = new string('x', 200_000) }));
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests answered 5xx:\n" + string.Join('\n', failures.Take(40)));
    }

    private sealed record Route(string Pattern, IReadOnlyList<HttpMethod> Methods, IReadOnlyList<(string Method, string Name)> Handlers);

    private List<Route> Routes()
    {
        var routes = new Dictionary<string, Route>(StringComparer.Ordinal);
        foreach (var endpoint in portal.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            // Precompressed copies of static files live in the build output, not in the source tree the test host serves
            // from (a published site has them); the uncompressed routes of the same files are covered.
            if (pattern.EndsWith(".gz", StringComparison.Ordinal) || pattern.EndsWith(".br", StringComparison.Ordinal))
            {
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Select(m => HttpMethod.Parse(m)).ToList() ?? [HttpMethod.Get, HttpMethod.Post];
            var handlers = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>()?.HandlerMethods
                .Select(h => (h.HttpMethod.ToUpperInvariant(), h.Name ?? string.Empty)).ToList() ?? [];
            if (handlers.Count > 0)
            {
                methods = [.. handlers.Select(h => HttpMethod.Parse(h.Item1)).Distinct()];
            }

            routes[pattern + string.Join(',', methods)] = new Route(pattern, methods, handlers);
        }

        return [.. routes.Values];
    }

    /// <summary>The route with each parameter filled by every hostile value (and once by a plausible one).</summary>
    private static IEnumerable<string> Expand(string pattern)
    {
        if (!pattern.Contains('{', StringComparison.Ordinal))
        {
            yield return pattern;
            yield break;
        }

        foreach (var value in RouteValues.Prepend("1"))
        {
            var path = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{\*{0,2}([^}:=?]+)[^}]*\}", m => m.Groups[1].Value.Contains("slug", StringComparison.Ordinal) || m.Groups[1].Value.Contains("name", StringComparison.Ordinal) ? "x" + value : value);
            yield return path;
        }
    }

    private static async Task<string> FormTokenAsync(HttpClient client)
    {
        var page = await NewsroomPortal.PageAsync(client, "/account/login");
        return page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    private static async Task<string> ApiTokenAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/v1/antiforgery");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("token").GetString()!;
    }
}
