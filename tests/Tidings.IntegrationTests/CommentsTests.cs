using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tidings.Core.Comments;
using Tidings.Core.Trending;
using Tidings.IntegrationTests.Postgres;
using Tidings.Web.Features.Comments;
using Tidings.Web.Features.Trending;

namespace Tidings.IntegrationTests;

public abstract class CommentsTests(CommentsPortal portal)
{
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string articleUrl, Dictionary<string, string> fields, string handler = "")
    {
        // Like a browser without JavaScript: the form comes from the (cached, token-free) article page, and the post
        // says where it comes from as every current browser does.
        var page = await CommentsPortal.PageAsync(client, articleUrl);
        var form = page.QuerySelector("#comment-form")!;
        Assert.Null(form.QuerySelector("input[name=__RequestVerificationToken]"));
        var action = form.GetAttribute("action")! + handler;
        using var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> PostApiAsync(HttpClient client, int articleId, object body, HttpStatusCode expected)
    {
        var token = await CommentsPortal.TokenAsync(client);
        using var response = await CommentsPortal.PostJsonAsync(client, $"/api/v1/articles/{articleId}/comments", body, token);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {json}");
        return json;
    }

    private Task<int> StoredCountAsync(int articleId) =>
        portal.WithDbAsync(db => db.Comments.CountAsync(c => c.ArticleId == articleId));

    [Fact]
    public async Task TheDemoThread_ShowsHotThenLatest_WithOneCountEverywhere()
    {
        var (id, url, count) = await portal.WithDbAsync(async db =>
        {
            // The demo's busiest thread, whatever other tests of the class have posted elsewhere before this one.
            var a = await db.Articles
                .Where(a => !db.Comments.Any(c => c.ArticleId == a.Id && !c.PosterKey.StartsWith("demo:")))
                .OrderByDescending(a => a.CommentCount).ThenBy(a => a.Id)
                .Select(a => new { a.Id, a.Slug, a.CommentCount, Channel = a.Channel!.Slug }).FirstAsync();
            return (a.Id, $"/article/{a.Id}/{a.Slug}", a.CommentCount);
        });
        Assert.True(count > 10);
        using var reader = portal.Reader();
        var page = await CommentsPortal.PageAsync(reader, url);
        Assert.Equal(count.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector(".article__comments strong")!.TextContent);
        Assert.Contains($"{count} 条跟贴", page.QuerySelector("#comments-title")!.TextContent, StringComparison.Ordinal);
        var headings = page.QuerySelectorAll(".comments__heading").Select(h => h.TextContent).ToList();
        Assert.Equal(["热门跟贴", "最新跟贴"], headings);
        Assert.Equal(Math.Min(count, 20), page.QuerySelectorAll("[data-comment-list] > li.comment").Length);

        var api = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/articles/{id}/comments?sort=latest", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(count, api.GetProperty("total").GetInt32());
        var latestIds = api.GetProperty("items").EnumerateArray().Select(i => "comment-" + i.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(latestIds, page.QuerySelectorAll("[data-comment-list] > li.comment").Select(li => li.Id!).ToList());

        // The chain of a deep reply: floor 1, the middle behind 展开 (a native details element), the last two.
        var deep = page.QuerySelectorAll("li.comment").First(li => li.QuerySelector(".floors__more") is not null);
        var outer = deep.QuerySelector("ol.floors")!.Children.Where(f => f.ClassList.Contains("floor")).ToList();
        Assert.Equal("1楼", outer[0].QuerySelector(".floor__number")!.TextContent);
        Assert.Equal(2, outer.Count - 1);
        Assert.StartsWith("展开中间", deep.QuerySelector(".floors__more summary")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostingWithoutJavaScript_RedirectsBack_AndShowsTheCommentAsText()
    {
        var (id, url) = await portal.QuietArticleAsync(0);
        using var reader = portal.Reader("203.0.113.50");
        using var response = await PostFormAsync(reader, url, new() { ["nickname"] = "<b>小王</b>", ["body"] = "第一行<script>alert(1)</script>\n第二行 https://example.com/x" });
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(url + "#comment-", location, StringComparison.Ordinal);

        // The article page is the same for everyone, so it says nothing to this reader: the comment, evicting the
        // cached copy, is simply there, and the address bar's #comment-N brings it into view.
        var page = await CommentsPortal.PageAsync(reader, url);
        Assert.Null(page.QuerySelector("#comments .notice:not(.notice--target)"));
        var item = page.QuerySelector("#" + location.Split('#')[1])!;
        Assert.Equal("<b>小王</b>", item.QuerySelector(".comment__author")!.TextContent);
        Assert.Null(item.QuerySelector("script"));
        Assert.Contains("<script>alert(1)</script>", item.QuerySelector(".comment__body")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(item.QuerySelector(".comment__body br"));
        Assert.Equal("nofollow ugc noopener", item.QuerySelector(".comment__body a")!.GetAttribute("rel"));
        Assert.Equal("1", page.QuerySelector(".article__comments strong")!.TextContent);

        // The same count on the API and on list cards.
        var api = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/articles/{id}/comments", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1, api.GetProperty("total").GetInt32());
        var detail = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/articles/{id}", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1, detail.GetProperty("commentCount").GetInt32());
    }

    [Fact]
    public async Task ARefusedFormPost_KeepsTheText_AndSaysWhatToFix()
    {
        var (id, url) = await portal.QuietArticleAsync(1);
        using var reader = portal.Reader();
        var tooLong = new string('长', Comment.BodyMaxLength + 1);
        using var response = await PostFormAsync(reader, url, new() { ["nickname"] = "读者", ["body"] = tooLong });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = CommentsPortal.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("跟贴最多 1000 字，现在是 1001 字", page.QuerySelector("#comment-body-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("#comment-body")!.GetAttribute("aria-invalid"));
        Assert.Equal(tooLong, page.QuerySelector("#comment-body")!.TextContent);
        Assert.Equal("读者", page.QuerySelector("#comment-nickname")!.GetAttribute("value"));
        Assert.Equal(0, await StoredCountAsync(id));
    }

    [Fact]
    public async Task TheApi_NeedsTheAntiforgeryToken()
    {
        var (id, _) = await portal.QuietArticleAsync(2);
        using var reader = portal.Reader();
        using var missing = await CommentsPortal.PostJsonAsync(reader, $"/api/v1/articles/{id}/comments", new { body = "没有令牌的跟贴" }, token: null);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("/api/v1/antiforgery", await missing.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var posted = await PostApiAsync(reader, id, new { nickname = "", body = "有令牌就可以发" }, HttpStatusCode.Created);
        Assert.Equal("published", posted.GetProperty("status").GetString());
        Assert.Equal("潮讯网友", posted.GetProperty("comment").GetProperty("nickname").GetString());
        Assert.Equal(1, await StoredCountAsync(id));
    }

    [Theory]
    [InlineData("""{"body": ""}""", "body")]
    [InlineData("""{"body": "x"}""", "body")]
    [InlineData("""{"body": "好的好的", "nickname": "一二三四五六七八九十一二三四五六七八九十一"}""", "nickname")]
    [InlineData("""{"body": "好的好的", "replyTo": 999999999}""", "replyTo")]
    [InlineData("""not json""", "body")]
    public async Task BadPosts_Get400sThatNameTheField_AndStoreNothing(string json, string field)
    {
        var (id, _) = await portal.QuietArticleAsync(3);
        using var reader = portal.Reader();
        var token = await CommentsPortal.TokenAsync(reader);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/articles/{id}/comments")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("RequestVerificationToken", token);
        using var response = await reader.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0, await StoredCountAsync(id));
    }

    [Fact]
    public async Task AnArticleSluggedComments_KeepsBothItsPageAndItsThread()
    {
        var (id, _) = await portal.QuietArticleAsync(15);
        await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Slug, "comments")));
        using var reader = portal.Reader();
        var article = await CommentsPortal.PageAsync(reader, $"/article/{id}");
        Assert.NotNull(article.QuerySelector("article[data-article-id]"));
        var thread = await CommentsPortal.PageAsync(reader, $"/article/{id}/comments");
        Assert.EndsWith("的跟贴", thread.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonJsonBodies_GetA415_NotAServerError()
    {
        var (id, _) = await portal.QuietArticleAsync(3);
        using var reader = portal.Reader();
        var token = await CommentsPortal.TokenAsync(reader);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/articles/{id}/comments")
        {
            Content = new StringContent("--x\r\ngarbage", System.Text.Encoding.UTF8, "multipart/form-data"),
        };
        request.Content.Headers.ContentType!.Parameters.Add(new System.Net.Http.Headers.NameValueHeaderValue("boundary", "x"));
        request.Headers.Add("RequestVerificationToken", token);
        using var response = await reader.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(0, await StoredCountAsync(id));
    }

    /// <summary>A reader cannot post as the site or as one of its media accounts, however the name is disguised.</summary>
    [Fact]
    public async Task Nickname_ThatPassesForTheSiteOrASource_IsRefused()
    {
        var (id, _) = await portal.QuietArticleAsync(5);
        var source = await portal.WithDbAsync(db => db.Sources.OrderBy(s => s.Id).Select(s => s.Name).FirstAsync());
        using var reader = portal.Reader();
        foreach (var nickname in new[] { "潮讯网 官方客服", string.Join(' ', source.ToCharArray()) })
        {
            var refused = await PostApiAsync(reader, id, new { nickname, body = "这条跟贴冒充了官方账号。" }, HttpStatusCode.UnprocessableEntity);
            Assert.Contains("读者不能使用", refused.GetProperty("errors").GetProperty("nickname")[0].GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, await StoredCountAsync(id));
        using var honest = portal.Reader();
        await PostApiAsync(honest, id, new { nickname = "潮讯的老读者", body = "这条跟贴用的是自己的昵称。" }, HttpStatusCode.Created);
    }

    [Fact]
    public async Task BannedWords_AreRefused_SuspectOnesHeld_ThenApprovedWithAnAuditTrail()
    {
        var (id, url) = await portal.QuietArticleAsync(4);
        using var reader = portal.Reader();
        var refused = await PostApiAsync(reader, id, new { body = "本店长期代 开·发 票，欢迎咨询" }, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("代 开·发 票", refused.GetProperty("errors").GetProperty("body")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await StoredCountAsync(id));

        var held = await PostApiAsync(reader, id, new { body = "想了解的朋友加 微\u200B信 聊" }, HttpStatusCode.Accepted);
        Assert.Equal("pending", held.GetProperty("status").GetString());
        var heldId = held.GetProperty("id").GetInt64();
        var page = await CommentsPortal.PageAsync(reader, url);
        Assert.Null(page.QuerySelector($"#comment-{heldId}"));
        Assert.Equal("0", page.QuerySelector(".article__comments strong")!.TextContent);

        using var moderator = portal.Moderator();
        var queue = await moderator.GetFromJsonAsync<JsonElement>("/api/v1/moderation/comments?queue=pending", cancellationToken: TestContext.Current.CancellationToken);
        var item = queue.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == heldId);
        Assert.Equal("加微信", item.GetProperty("matchedTerm").GetString());

        using var approve = await moderator.PostAsJsonAsync($"/api/v1/moderation/comments/{heldId}/approve", new { note = "正常交流" }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        page = await CommentsPortal.PageAsync(reader, url);
        Assert.NotNull(page.QuerySelector($"#comment-{heldId}"));
        Assert.Equal("1", page.QuerySelector(".article__comments strong")!.TextContent);

        var audit = await moderator.GetFromJsonAsync<JsonElement>($"/api/v1/moderation/audit?commentId={heldId}", cancellationToken: TestContext.Current.CancellationToken);
        var entry = Assert.Single(audit.EnumerateArray());
        Assert.Equal("王编辑", entry.GetProperty("actor").GetString());
        Assert.Equal("approve", entry.GetProperty("action").GetString());
        Assert.Contains("加微信", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var anonymous = portal.Reader();
        using var closed = await anonymous.GetAsync("/api/v1/moderation/comments", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, closed.StatusCode);
    }

    [Fact]
    public async Task TheOperatorsWordList_TakesEffectWithoutARestart()
    {
        var (id, _) = await portal.QuietArticleAsync(5);
        using var reader = portal.Reader();
        var lists = portal.App.Services.GetRequiredService<ModerationLists>();
        _ = lists.Words;
        await File.AppendAllTextAsync(lists.BannedFile, "\n潮讯违禁测试词\n", TestContext.Current.CancellationToken);
        await PostApiAsync(reader, id, new { body = "这里有个潮讯违 禁测试词哦" }, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task RepliesBuildA盖楼Chain_ThatCollapsesToTheFirstAndLastTwoFloors()
    {
        var (id, url) = await portal.QuietArticleAsync(6);
        long? parent = null;
        var ids = new List<long>();
        for (var floor = 1; floor <= 6; floor++)
        {
            using var reader = portal.Reader();
            var posted = await PostApiAsync(reader, id, new { nickname = $"楼主{floor}", body = $"第{floor}层的看法", replyTo = parent }, HttpStatusCode.Created);
            parent = posted.GetProperty("id").GetInt64();
            ids.Add(parent.Value);
        }

        using var viewer = portal.Reader();
        var api = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/articles/{id}/comments", cancellationToken: TestContext.Current.CancellationToken);
        var last = api.GetProperty("items")[0];
        Assert.Equal(ids[^1], last.GetProperty("id").GetInt64());
        Assert.Equal(ids[..^1], last.GetProperty("chain").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()).ToList());
        Assert.Equal([1, 2, 3, 4, 5], last.GetProperty("chain").EnumerateArray().Select(f => f.GetProperty("floor").GetInt32()).ToList());

        var page = await CommentsPortal.PageAsync(viewer, url);
        var item = page.QuerySelector($"#comment-{ids[^1]}")!;
        var visible = item.QuerySelector("ol.floors")!.Children.Where(f => f.ClassList.Contains("floor")).Select(f => f.QuerySelector(".floor__number")!.TextContent).ToList();
        Assert.Equal(["1楼", "4楼", "5楼"], visible);
        Assert.Equal(["2楼", "3楼"], item.QuerySelectorAll(".floors__more details li.floor .floor__number").Select(f => f.TextContent).ToList());
        Assert.Equal("展开中间 2 层", item.QuerySelector(".floors__more summary")!.TextContent);

        // A floor taken down stays in the chain as a marked gap.
        using var moderator = portal.Moderator();
        using var reject = await moderator.PostAsJsonAsync($"/api/v1/moderation/comments/{ids[0]}/reject", new { note = "测试" }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, reject.StatusCode);
        page = await CommentsPortal.PageAsync(viewer, url);
        Assert.Equal("该楼层已被删除", page.QuerySelector($"#comment-{ids[^1]} ol.floors > li.floor .floor__body--deleted")!.TextContent);
        Assert.Equal("5", page.QuerySelector(".article__comments strong")!.TextContent);
    }

    [Fact]
    public async Task ALongChain_SendsOnlyItsEnds_AndFetchesTheMiddleWhenOpened()
    {
        var (id, url) = await portal.QuietArticleAsync(14);
        long? parent = null;
        await portal.WithDbAsync(async db =>
        {
            // Twelve floors written directly: the posting path is covered above, this is about reading.
            for (var floor = 1; floor <= 12; floor++)
            {
                var p = parent is null ? null : await db.Comments.AsNoTracking().FirstAsync(c => c.Id == parent);
                var (chain, floors) = p is null ? (null, 0) : CommentChain.ReplyTo(p);
                var c = new Comment
                {
                    ArticleId = id,
                    ParentId = parent,
                    Chain = chain,
                    Floors = floors,
                    Nickname = "楼" + floor,
                    Body = $"第{floor}楼",
                    Status = CommentStatus.Published,
                    CreatedAt = DateTime.UtcNow.AddMinutes(floor - 30),
                    PosterKey = "chain",
                    Address = "10.0.0.2",
                };
                db.Comments.Add(c);
                await db.SaveChangesAsync();
                parent = c.Id;
            }

            return await db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.CommentCount, 12));
        });

        using var reader = portal.Reader();
        var page = await CommentsPortal.PageAsync(reader, url);
        var item = page.QuerySelector($"#comment-{parent}")!;
        var visible = item.QuerySelector("ol.floors")!.Children.Where(f => f.ClassList.Contains("floor")).Select(f => f.QuerySelector(".floor__number")!.TextContent).ToList();
        Assert.Equal(["1楼", "10楼", "11楼"], visible);
        var details = item.QuerySelector(".floors__more details")!;
        Assert.Equal("展开中间 8 层", details.QuerySelector("summary")!.TextContent);
        Assert.Empty(details.QuerySelectorAll("li.floor"));

        var middle = CommentsPortal.Parse(await reader.GetStringAsync(details.GetAttribute("data-floors"), TestContext.Current.CancellationToken));
        Assert.Equal(Enumerable.Range(2, 8).Select(n => n + "楼").ToList(), middle.QuerySelectorAll("li.floor .floor__number").Select(f => f.TextContent).ToList());

        // Without JavaScript the link inside leads to the comment's own page, whole chain included.
        var permalink = await CommentsPortal.PageAsync(reader, details.QuerySelector("a")!.GetAttribute("href")!);
        Assert.Equal(11, permalink.QuerySelectorAll($"#comment-{parent} li.floor").Length);
        await CommentsPortal.PageAsync(reader, "/comment/999999999", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Votes_CountOncePerReader_AndReorderHotComments()
    {
        var (id, _) = await portal.QuietArticleAsync(7);
        using var author = portal.Reader();
        var first = (await PostApiAsync(author, id, new { body = "先发的一条" }, HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var second = (await PostApiAsync(author, id, new { body = "后发的一条" }, HttpStatusCode.Created)).GetProperty("id").GetInt64();

        for (var i = 0; i < 3; i++)
        {
            using var fan = portal.Reader();
            var token = await CommentsPortal.TokenAsync(fan);
            using var vote = await CommentsPortal.PostJsonAsync(fan, $"/api/v1/comments/{first}/votes", new { direction = "up" }, token);
            Assert.Equal(HttpStatusCode.OK, vote.StatusCode);
            using var again = await CommentsPortal.PostJsonAsync(fan, $"/api/v1/comments/{first}/votes", new { direction = "down" }, token);
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        // Fresh cookies from one address: only the first few count.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < CommentVote.MaxPerAddress + 2; i++)
        {
            using var sockPuppet = portal.Reader("203.0.113.200");
            var token = await CommentsPortal.TokenAsync(sockPuppet);
            using var vote = await CommentsPortal.PostJsonAsync(sockPuppet, $"/api/v1/comments/{second}/votes", new { direction = "down" }, token);
            statuses.Add(vote.StatusCode);
        }

        Assert.Equal(CommentVote.MaxPerAddress, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.Conflict, statuses[^1]);

        using var viewer = portal.Reader();
        var hot = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/articles/{id}/comments?sort=hot", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([first, second], hot.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList());
        Assert.Equal(3, hot.GetProperty("items")[0].GetProperty("up").GetInt32());
        var latest = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/articles/{id}/comments?sort=latest", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([second, first], latest.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList());

        using var bad = await viewer.GetAsync($"/api/v1/articles/{id}/comments?sort=best", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task FormVotes_WorkWithoutJavaScript()
    {
        var (id, url) = await portal.QuietArticleAsync(8);
        using var reader = portal.Reader();
        var commentId = (await PostApiAsync(reader, id, new { body = "给我投一票" }, HttpStatusCode.Created)).GetProperty("id").GetInt64();
        using var voter = portal.Reader();
        var page = await CommentsPortal.PageAsync(voter, url);
        var form = page.QuerySelector($"#comment-{commentId} form.vote")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!);
        fields["direction"] = "up";
        using var response = await voter.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        // The cached article page cannot carry a message for one voter: the comment's own page does, with the count.
        Assert.Equal($"/comment/{commentId}#comment-{commentId}", response.Headers.Location!.ToString());
        page = await CommentsPortal.PageAsync(voter, $"/comment/{commentId}");
        Assert.Equal("1", page.QuerySelector($"#comment-{commentId} .vote__up .vote__count")!.TextContent);
        Assert.Equal("投票成功。", page.QuerySelector("#comments .notice")!.TextContent);
    }

    [Fact]
    public async Task DuplicatesAndFloods_AreRefused_WithRetryAfter()
    {
        var (id, url) = await portal.QuietArticleAsync(9);
        using var reader = portal.Reader();
        await PostApiAsync(reader, id, new { body = "同样的话说一遍" }, HttpStatusCode.Created);
        var duplicate = await PostApiAsync(reader, id, new { body = "同样的话，说一遍！" }, HttpStatusCode.Conflict);
        Assert.Contains("重复", duplicate.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The burst is 3 per poster: the duplicate took the second token, this the third.
        await PostApiAsync(reader, id, new { body = "第三条不一样的话" }, HttpStatusCode.Created);
        var token = await CommentsPortal.TokenAsync(reader);
        using var flood = await CommentsPortal.PostJsonAsync(reader, $"/api/v1/articles/{id}/comments", new { body = "第四条又不一样" }, token);
        Assert.Equal(HttpStatusCode.TooManyRequests, flood.StatusCode);
        Assert.True(int.Parse(flood.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Contains("发得太快了", await flood.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        using var form = await PostFormAsync(reader, url, new() { ["body"] = "表单也一样受限" });
        Assert.Equal(HttpStatusCode.TooManyRequests, form.StatusCode);
        Assert.True(form.Headers.Contains("Retry-After"));
        Assert.Contains("发得太快了", CommentsPortal.Parse(await form.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).QuerySelector("#comments .notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, await StoredCountAsync(id));
    }

    [Fact]
    public async Task BannedPostersAndNetworks_CannotPost()
    {
        var (id, _) = await portal.QuietArticleAsync(10);
        using var troll = portal.Reader("192.0.2.77");
        var commentId = (await PostApiAsync(troll, id, new { body = "我就是来捣乱的" }, HttpStatusCode.Created)).GetProperty("id").GetInt64();

        using var moderator = portal.Moderator();
        using var ban = await moderator.PostAsJsonAsync("/api/v1/moderation/bans", new { commentId, kind = "poster", hours = 24, reason = "刷屏" }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, ban.StatusCode);
        var refused = await PostApiAsync(troll, id, new { body = "换个说法再来" }, HttpStatusCode.Forbidden);
        Assert.Contains("禁止", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // A fresh cookie from the same network gets through until the network is banned.
        using var sameNetwork = portal.Reader("192.0.2.78");
        await PostApiAsync(sameNetwork, id, new { body = "换了个身份" }, HttpStatusCode.Created);
        using var networkBan = await moderator.PostAsJsonAsync("/api/v1/moderation/bans", new { kind = "network", range = "192.0.2.0/24" }, cancellationToken: TestContext.Current.CancellationToken);
        var banned = await networkBan.Content.ReadFromJsonAsync<JsonElement>(cancellationToken: TestContext.Current.CancellationToken);
        await PostApiAsync(sameNetwork, id, new { body = "还想再来一次" }, HttpStatusCode.Forbidden);

        using var lift = await moderator.DeleteAsync($"/api/v1/moderation/bans/{banned.GetProperty("id").GetInt32()}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, lift.StatusCode);
        await PostApiAsync(sameNetwork, id, new { body = "解封之后说句好话" }, HttpStatusCode.Created);

        using var badRange = await moderator.PostAsJsonAsync("/api/v1/moderation/bans", new { kind = "network", range = "not-a-cidr" }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, badRange.StatusCode);
    }

    [Fact]
    public async Task Reports_FromEnoughReaders_HoldTheComment()
    {
        var (id, url) = await portal.QuietArticleAsync(11);
        using var author = portal.Reader();
        var commentId = (await PostApiAsync(author, id, new { body = "一条有争议的跟贴" }, HttpStatusCode.Created)).GetProperty("id").GetInt64();
        for (var i = 0; i < 2; i++)
        {
            using var reporter = portal.Reader();
            var token = await CommentsPortal.TokenAsync(reporter);
            using var report = await CommentsPortal.PostJsonAsync(reporter, $"/api/v1/comments/{commentId}/reports", new { reason = "人身攻击" }, token);
            Assert.Equal(HttpStatusCode.Accepted, report.StatusCode);
            using var twice = await CommentsPortal.PostJsonAsync(reporter, $"/api/v1/comments/{commentId}/reports", new { reason = "再举报" }, token);
            Assert.True(twice.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound, twice.StatusCode.ToString());
        }

        // A fresh cookie from an address that already reported counts for nothing.
        using var sameAddress = portal.Reader("198.18.250.1");
        using var first = portal.Reader("198.18.250.1");
        var firstToken = await CommentsPortal.TokenAsync(first);
        var otherId = (await PostApiAsync(author, id, new { body = "另一条跟贴，内容不同" }, HttpStatusCode.Created)).GetProperty("id").GetInt64();
        using var once = await CommentsPortal.PostJsonAsync(first, $"/api/v1/comments/{otherId}/reports", new { reason = "广告" }, firstToken);
        Assert.Equal(HttpStatusCode.Accepted, once.StatusCode);
        using var again = await CommentsPortal.PostJsonAsync(sameAddress, $"/api/v1/comments/{otherId}/reports", new { }, await CommentsPortal.TokenAsync(sameAddress));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        using var viewer = portal.Reader();
        var page = await CommentsPortal.PageAsync(viewer, url);
        Assert.Null(page.QuerySelector($"#comment-{commentId}"));
        Assert.NotNull(page.QuerySelector($"#comment-{otherId}"));
        Assert.Equal("1", page.QuerySelector(".article__comments strong")!.TextContent);
        using var moderator = portal.Moderator();
        var queue = await moderator.GetFromJsonAsync<JsonElement>("/api/v1/moderation/comments?queue=pending", cancellationToken: TestContext.Current.CancellationToken);
        var item = queue.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == commentId);
        Assert.Equal(["人身攻击", "人身攻击"], item.GetProperty("reportReasons").EnumerateArray().Select(r => r.GetString()).ToList());
    }

    [Fact]
    public async Task PreModeratedChannels_HoldEveryComment()
    {
        var (id, url) = await portal.QuietArticleAsync(0, channel: "mil");
        using var reader = portal.Reader();
        using var response = await PostFormAsync(reader, url, new() { ["body"] = "军事频道先审后发" });
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(url + "#comment-pending", response.Headers.Location!.ToString());
        var page = await CommentsPortal.PageAsync(reader, url);
        Assert.Equal("跟贴已提交，审核通过后显示。", page.QuerySelector("#comment-pending.notice--target")!.TextContent);
        Assert.Equal("0", page.QuerySelector(".article__comments strong")!.TextContent);
        Assert.Equal(CommentStatus.Pending, await portal.WithDbAsync(db => db.Comments.Where(c => c.ArticleId == id).Select(c => c.Status).SingleAsync()));
    }

    [Fact]
    public async Task LongThreads_LoadAPageAtATime()
    {
        var (id, url) = await portal.QuietArticleAsync(12);
        await portal.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            for (var i = 0; i < 45; i++)
            {
                db.Comments.Add(new Comment
                {
                    ArticleId = id,
                    Nickname = "读者" + i,
                    Body = "第" + i + "条",
                    Status = CommentStatus.Published,
                    CreatedAt = now.AddMinutes(i - 60),
                    PosterKey = "seed" + i,
                    Address = "10.0.0.1",
                    Up = i % 7,
                    HotKey = CommentRanking.HotKey(i % 7, 0, now.AddMinutes(i - 60), 24),
                });
            }

            await db.SaveChangesAsync();
            return await db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.CommentCount, 45));
        });

        using var reader = portal.Reader();
        var page = await CommentsPortal.PageAsync(reader, url);
        Assert.Equal(20, page.QuerySelectorAll("[data-comment-list] > li").Length);
        Assert.Equal(5, page.QuerySelectorAll("#comments > ol.comment-list:not([data-comment-list]) > li").Length);
        var more = page.QuerySelector("[data-load-more]")!;
        Assert.Equal($"/article/{id}/comments?page=2#latest-comments", more.GetAttribute("href"));

        var fragment = CommentsPortal.Parse(await reader.GetStringAsync(more.GetAttribute("data-fragment"), TestContext.Current.CancellationToken));
        Assert.Equal(20, fragment.QuerySelectorAll("ol > li.comment").Length);
        Assert.Equal($"/article/{id}/comments?page=3&fragment=1", fragment.QuerySelector("ol")!.GetAttribute("data-next"));
        var last = CommentsPortal.Parse(await reader.GetStringAsync($"/article/{id}/comments?page=3&fragment=1", TestContext.Current.CancellationToken));
        Assert.Equal(5, last.QuerySelectorAll("ol > li.comment").Length);
        Assert.True(string.IsNullOrEmpty(last.QuerySelector("ol")!.GetAttribute("data-next")));

        var full = await CommentsPortal.PageAsync(reader, $"/article/{id}/comments?page=2");
        Assert.Equal("第 2 / 3 页", full.QuerySelector(".pager span")!.TextContent);
        await CommentsPortal.PageAsync(reader, $"/article/{id}/comments?page=abc", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheRegionLabel_ComesFromTheOperatorsTable_AndCommentsFeedTrending()
    {
        var (id, url) = await portal.QuietArticleAsync(13);
        var lists = portal.App.Services.GetRequiredService<ModerationLists>();
        _ = lists.Regions;
        await File.AppendAllTextAsync(lists.RegionsFile, "\n198.51.100.0/24 山东\n", TestContext.Current.CancellationToken);

        using var reader = portal.Reader("198.51.100.9");
        using var view = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events") { Content = new StringContent($$"""[{"type":"view","articleId":{{id}}}]""") };
        using var viewed = await reader.SendAsync(view, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, viewed.StatusCode);
        var posted = await PostApiAsync(reader, id, new { body = "济南这两天也冷" }, HttpStatusCode.Created);
        Assert.Equal("山东", posted.GetProperty("comment").GetProperty("region").GetString());
        var page = await CommentsPortal.PageAsync(reader, url);
        Assert.Equal("IP属地：山东", page.QuerySelector($"#comment-{posted.GetProperty("id").GetInt64()} .comment__region")!.TextContent);

        var trending = portal.App.Services.GetRequiredService<TrendingIngestion>();
        await trending.DrainAsync(CancellationToken.None);
        await portal.App.Services.GetRequiredService<ITrendingStore>().FlushAsync(CancellationToken.None);
        Assert.True(await portal.WithDbAsync(db => db.TrendingBuckets.AnyAsync(b => b.ArticleId == id && b.Signal == ReaderSignal.Comment)));
    }
}

public sealed class CommentsTestsOnSqlite(CommentsPortal portal) : CommentsTests(portal), IClassFixture<CommentsPortal>;

[OnPostgres]
public sealed class CommentsTestsOnPostgres(PostgresCommentsPortal portal) : CommentsTests(portal), IClassFixture<PostgresCommentsPortal>;
