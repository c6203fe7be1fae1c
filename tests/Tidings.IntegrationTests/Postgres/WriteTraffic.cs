using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tidings.IntegrationTests.Postgres;

/// <summary>
/// Writers for the fault and crash tests: each keeps writing through the public doors until stopped, and records
/// exactly what the node acknowledged, so the test can look for every acknowledged write afterwards.
/// </summary>
internal static partial class WriteTraffic
{
    public static HttpClient Client(WebNode node, CookieContainer? cookies = null)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(WebNode.ReaderUserAgent);
        return client;
    }

    /// <summary>One commenter posting unique comments through the JSON API until stopped, keeping what was acknowledged.</summary>
    public static async Task CommentsAsync(WebNode node, int articleId, int n, ConcurrentDictionary<long, string> acknowledged, ConcurrentBag<HttpStatusCode> statuses, CancellationToken stop)
    {
        using var client = Client(node);
        string? token = null;
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            try
            {
                token ??= (await client.GetFromJsonAsync<JsonElement>("/api/v1/antiforgery", stop)).GetProperty("token").GetString();
                var body = $"第{n}号读者的第{i}条跟贴：{Guid.NewGuid():N}";
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/articles/{articleId}/comments") { Content = JsonContent.Create(new { nickname = "压力测试" + n, body }) };
                request.Headers.Add("RequestVerificationToken", token);
                using var response = await client.SendAsync(request, stop);
                statuses.Add(response.StatusCode);
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Accepted)
                {
                    acknowledged[(await response.Content.ReadFromJsonAsync<JsonElement>(stop)).GetProperty("id").GetInt64()] = body;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                // The node or its database went away mid-request; the next round asks for a token again.
                token = null;
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }

    /// <summary>One reader voting up each comment in <paramref name="comments"/> once, keeping the acknowledged votes.</summary>
    public static async Task VotesAsync(WebNode node, ConcurrentDictionary<long, string> comments, ConcurrentDictionary<long, bool> acknowledged, CancellationToken stop)
    {
        using var client = Client(node);
        string? token = null;
        while (!stop.IsCancellationRequested)
        {
            foreach (var id in comments.Keys.Where(id => !acknowledged.ContainsKey(id)).Take(5).ToList())
            {
                try
                {
                    token ??= (await client.GetFromJsonAsync<JsonElement>("/api/v1/antiforgery", stop)).GetProperty("token").GetString();
                    using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/comments/{id}/votes") { Content = JsonContent.Create(new { direction = "up" }) };
                    request.Headers.Add("RequestVerificationToken", token);
                    using var response = await client.SendAsync(request, stop);
                    if (response.IsSuccessStatusCode)
                    {
                        acknowledged[id] = true;
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
                {
                    token = null;
                }
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }

    /// <summary>
    /// An editor signed in with <paramref name="user"/> saving new text into one draft again and again through the
    /// editor form; <paramref name="acknowledged"/> gets each revision number whose save was answered, with its body.
    /// </summary>
    public static async Task SavesAsync(WebNode node, string user, string password, int articleId, Dictionary<string, string> fields, ConcurrentDictionary<int, string> acknowledged, CancellationToken stop)
    {
        var cookies = new CookieContainer();
        var signedIn = false;
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            using var client = Client(node, cookies);
            try
            {
                if (!signedIn)
                {
                    var login = await client.GetStringAsync("/account/login", stop);
                    using var signIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = user, ["Password"] = password, ["__RequestVerificationToken"] = Token(login) }), stop);
                    signedIn = signIn.StatusCode == HttpStatusCode.Redirect;
                    continue;
                }

                var editor = await client.GetStringAsync($"/newsroom/articles/{articleId}", stop);
                var baseRevision = int.Parse(BaseRevision().Match(editor).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                var body = $"第{i}次保存的正文：{Guid.NewGuid():N}";
                var form = new Dictionary<string, string>(fields) { ["Form.Body"] = body, ["Form.BaseRevision"] = baseRevision.ToString(System.Globalization.CultureInfo.InvariantCulture), ["__RequestVerificationToken"] = Token(editor) };
                using var save = await client.PostAsync($"/newsroom/articles/{articleId}?handler=Save", new FormUrlEncodedContent(form), stop);
                if (save.StatusCode == HttpStatusCode.Redirect)
                {
                    acknowledged[baseRevision + 1] = body;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or FormatException)
            {
                // Cut off mid-request; look at the page again.
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }

    /// <summary>Reader events (views) until stopped; returns how many batches the node accepted.</summary>
    public static async Task<int> EventsAsync(WebNode node, int articleId, CancellationToken stop)
    {
        using var client = Client(node);
        var accepted = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await client.PostAsync("/api/v1/events", new StringContent($$"""[{"type":"view","articleId":{{articleId}}}]"""), stop);
                accepted += response.StatusCode == HttpStatusCode.Accepted ? 1 : 0;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(20, CancellationToken.None);
        }

        return accepted;
    }

    public static async Task EventuallyAsync(Func<Task<bool>> condition, string failure, TimeSpan? within = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < (within ?? TimeSpan.FromSeconds(30)), failure);
            await Task.Delay(200);
        }
    }

    private static string Token(string html) => AntiforgeryInput().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();

    [GeneratedRegex("name=\"Form.BaseRevision\" value=\"(\\d+)\"")]
    private static partial Regex BaseRevision();
}
