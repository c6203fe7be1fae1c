using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tidings.Core.Aggregation;
using Tidings.Core.Articles;
using Tidings.Core.Data;
using Tidings.IntegrationTests.Postgres;
using Tidings.Web.Features.Partners;

namespace Tidings.IntegrationTests.Aggregation;

/// <summary>合作媒体 end to end: a partner's server on loopback, a subscription, polls, and what readers then see.</summary>
public abstract class PartnerFeedsTests(PortalFactory portal) : IAsyncLifetime
{
    private WebApplicationFactory<Program> _site = null!;
    private LocalFeedServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await LocalFeedServer.StartAsync();
        _site = Node();
        _ = _site.Services;
    }

    /// <summary>A node of the site under test: another host on the same database.</summary>
    private WebApplicationFactory<Program> Node() =>
        portal.WithWebHostBuilder(b =>
        {
            b.UseSetting("Tidings:Aggregation:AllowPrivateNetworks", "true");
            // Tests run rounds themselves. A background round at start-up would race them: under load it could read
            // the due list after a test subscribed and claim that test's feeds first.
            b.UseSetting("Tidings:Aggregation:Poll", "false");
            // Rounds store at full speed: pacing is measured by bench/run-partner-reading.sh, and its arithmetic by
            // BackgroundPacerTests on a fake clock.
            b.UseSetting("Tidings:Aggregation:ImportShare", "1");
        });

    public async ValueTask DisposeAsync()
    {
        await _site.DisposeAsync();
        await _server.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private async Task<T> WithFeedsAsync<T>(Func<PartnerFeeds, TidingsDbContext, Task<T>> work)
    {
        await using var scope = _site.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<PartnerFeeds>(), scope.ServiceProvider.GetRequiredService<TidingsDbContext>());
    }

    private Task<PartnerFeed> SubscribeAsync(Uri url, string source, bool review = false, bool fullText = true, string? channel = "local") =>
        WithFeedsAsync((feeds, _) => feeds.SubscribeAsync(new FeedSubscription(url.AbsoluteUri, source, channel, "shandong", 10, review, fullText), Ct));

    private Task<PollOutcome> PollAsync(int id) => WithFeedsAsync(async (feeds, _) => (await feeds.PollAsync(id, Ct))!);

    private Task<List<Article>> ArticlesOfAsync(int feedId) =>
        WithFeedsAsync((_, db) => db.Articles.AsNoTracking().Where(a => a.PartnerFeedId == feedId).OrderBy(a => a.ExternalId).ToListAsync(Ct));

    [Fact]
    public async Task Subscribe_Poll_ItemsBecomeArticles_WithAttributionOnThePageAndInTheApi()
    {
        var url = _server.Serve("luzhong", LocalFeedServer.Feed(("a1", "鲁中晨报：淄博新建三座口袋公园", "城区新增绿地"), ("a2", "鲁中晨报：张店区启动老旧小区改造", "涉及住户两千余户")));
        var feed = await SubscribeAsync(url, "鲁中晨报");

        var outcome = await PollAsync(feed.Id);
        Assert.Null(outcome.Error);
        Assert.Equal(2, outcome.Added);
        var articles = await ArticlesOfAsync(feed.Id);
        Assert.All(articles, a => Assert.Equal(ArticleStatus.Published, a.Status));
        var first = articles.Single(a => a.Title == "鲁中晨报：淄博新建三座口袋公园");
        // Tracking parameters are gone from the original link; the partner's images never reach readers' browsers.
        Assert.Equal(_server.Url("/a/a1?id=1").AbsoluteUri, first.OriginalUrl);
        Assert.Contains("这是全文第一段", first.BodyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", first.BodyHtml, StringComparison.Ordinal);
        Assert.Equal(new DateTime(2026, 12, 5, 1, 30, 0, DateTimeKind.Utc), first.PublishedAt);

        using var client = _site.CreateClient();
        var page = await client.GetStringAsync($"/article/{first.Id}", Ct);
        Assert.Contains("鲁中晨报", page, StringComparison.Ordinal);
        Assert.Contains("阅读原文", page, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(first.OriginalUrl!), page, StringComparison.Ordinal);
        using var api = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/articles/{first.Id}", Ct));
        Assert.Equal(first.OriginalUrl, api.RootElement.GetProperty("originalUrl").GetString());
        Assert.Equal("鲁中晨报", api.RootElement.GetProperty("source").GetProperty("name").GetString());

        var listed = Assert.Single(await WithFeedsAsync((feeds, _) => feeds.ListAsync(Ct)), f => f.Id == feed.Id);
        Assert.Equal(2, listed.ItemsTaken);
        Assert.Equal("合作媒体", listed.Title);
        Assert.NotNull(listed.LastSuccessAt);
        Assert.True(listed.NextPollAt > listed.LastPolledAt);
    }

    [Fact]
    public async Task RePoll_SendsTheValidators_TakesNothingTwice_AndAnEditedItemUpdatesItsArticle()
    {
        var url = _server.Serve("wire", LocalFeedServer.Feed(("w1", "港口吞吐量创新高", "一季度数据")));
        var feed = await SubscribeAsync(url, "环球快讯");
        Assert.Equal(1, (await PollAsync(feed.Id)).Added);

        var again = await PollAsync(feed.Id);
        Assert.True(again.NotModified);
        Assert.False(string.IsNullOrEmpty(_server.Requests.Last(r => r.Path == "/f/wire").Headers.IfNoneMatch.ToString()));

        _server.Serve("wire", LocalFeedServer.Feed(("w1", "港口吞吐量创历史新高（更新）", "一季度数据"), ("w2", "新航线开通", "首航")));
        var edited = await PollAsync(feed.Id);
        Assert.Equal((1, 1, 0), (edited.Added, edited.Updated, edited.Unchanged));
        var articles = await ArticlesOfAsync(feed.Id);
        Assert.Equal(2, articles.Count);
        Assert.Contains(articles, a => a.Title == "港口吞吐量创历史新高（更新）");
    }

    [Fact]
    public async Task AnItemInTwoFeedsOfOnePartner_IsOneArticle_EvenAfterItsFeedIsRemovedAndSubscribedAgain()
    {
        // Known by its URL, the item is the same wherever the partner publishes it.
        var shared = ("https://partner.example/2026/bridge", "跨海大桥合龙", "两岸同时施工");
        var news = _server.Serve("both-news", LocalFeedServer.Feed(shared, ("https://partner.example/2026/port", "要闻独家：新港区规划", "规划公布")));
        var local = _server.Serve("both-local", LocalFeedServer.Feed(shared));
        var first = await SubscribeAsync(news, "双栏目日报", channel: "news");
        var second = await SubscribeAsync(local, "双栏目日报", channel: "local");
        Assert.Equal(2, (await PollAsync(first.Id)).Added);
        var other = await PollAsync(second.Id);
        Assert.Equal((0, 0, 1), (other.Added, other.Updated, other.Unchanged));
        // The first feed owns the item: the second one's channel does not move it.
        var bridge = Assert.Single(await ArticlesOfAsync(first.Id), a => a.Title == "跨海大桥合龙");
        Assert.Empty(await ArticlesOfAsync(second.Id));

        Assert.True(await WithFeedsAsync((f, _) => f.RemoveAsync(first.Id, Ct)));
        var again = await SubscribeAsync(news, "双栏目日报", channel: "news");
        var repoll = await PollAsync(again.Id);
        Assert.Equal(0, repoll.Added);
        var count = await WithFeedsAsync((_, db) => db.Articles.CountAsync(a => a.Title == "跨海大桥合龙", Ct));
        Assert.Equal(1, count);
        Assert.Contains(await ArticlesOfAsync(again.Id), a => a.Id == bridge.Id);
    }

    [Fact]
    public async Task ItemsKnownOnlyByAFeedsOwnIds_StayApart_AcrossThePartnersFeeds()
    {
        // Numeric ids from two columns of one CMS: unique within each feed only, so "1" and "1" are two items.
        var sports = await SubscribeAsync(_server.Serve("ids-sports", LocalFeedServer.Feed(("1", "体育：马拉松报名开启", "名额两万"))), "栏目编号报");
        var culture = await SubscribeAsync(_server.Serve("ids-culture", LocalFeedServer.Feed(("1", "文化：博物馆夜场开放", "每周五"))), "栏目编号报");
        Assert.Equal(1, (await PollAsync(sports.Id)).Added);
        Assert.Equal(1, (await PollAsync(culture.Id)).Added);
    }

    [Fact]
    public async Task AFeedUnderReview_KeepsItsItemsOffTheSite_UntilAnEditorPublishes()
    {
        var url = _server.Serve("review", LocalFeedServer.Feed(("r1", "待审稿件：社区义诊活动", "周末举行")));
        var feed = await SubscribeAsync(url, "青禾日报", review: true);
        Assert.Equal(1, (await PollAsync(feed.Id)).Added);
        var article = Assert.Single(await ArticlesOfAsync(feed.Id));
        Assert.Equal(ArticleStatus.InReview, article.Status);
        using var client = _site.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/article/{article.Id}", Ct)).StatusCode);

        // A later edit of the item never publishes it by itself.
        _server.Serve("review", LocalFeedServer.Feed(("r1", "待审稿件：社区义诊活动（时间调整）", "周日举行")));
        Assert.Equal(1, (await PollAsync(feed.Id)).Updated);
        Assert.Equal(ArticleStatus.InReview, Assert.Single(await ArticlesOfAsync(feed.Id)).Status);
    }

    [Fact]
    public async Task WithoutAFullTextLicence_OnlyTheSummaryIsShown()
    {
        var url = _server.Serve("summary", LocalFeedServer.Feed(("s1", "摘要稿：城市马拉松报名开启", "名额三万个")));
        var feed = await SubscribeAsync(url, "极目快报", fullText: false);
        Assert.Equal(1, (await PollAsync(feed.Id)).Added);
        var article = Assert.Single(await ArticlesOfAsync(feed.Id));
        Assert.Contains("名额三万个", article.BodyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("全文第二段", article.BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABrokenFeed_RecordsItsError_AndBacksOff_WhileOtherFeedsGoOn()
    {
        var bad = await SubscribeAsync(_server.Serve("broken", "<rss version=\"2.0\"><channel><item><title>未闭合</channel>"), "坏源");
        var good = await SubscribeAsync(_server.Serve("fine", LocalFeedServer.Feed(("g1", "正常稿件：图书馆延长开放", "每晚九点"))), "好源");
        var poller = _site.Services.GetRequiredService<FeedPoller>();
        var outcomes = await poller.PollDueAsync(Ct);
        Assert.Contains(outcomes, o => o.FeedId == good.Id && o.Added == 1);
        Assert.Contains(outcomes, o => o.FeedId == bad.Id && o.Error!.Contains("Malformed XML", StringComparison.Ordinal));
        Assert.Empty(await ArticlesOfAsync(bad.Id));

        var feeds = await WithFeedsAsync((f, _) => f.ListAsync(Ct));
        var broken = feeds.Single(f => f.Id == bad.Id);
        Assert.Equal(1, broken.Failures);
        Assert.Contains("Malformed XML", broken.LastError, StringComparison.Ordinal);
        // Backed off: twice the interval, not the interval.
        Assert.True(broken.NextPollAt - broken.LastPolledAt!.Value >= TimeSpan.FromMinutes(19));
        // Neither is due again, so a second round polls nothing.
        Assert.DoesNotContain(await poller.PollDueAsync(Ct), o => o.FeedId == bad.Id || o.FeedId == good.Id);
    }

    [Fact]
    public async Task ThreeOutletsReportingOneStory_ShowAsThreeOnEachReport()
    {
        const string story = "济南市交通运输局今天发布新版公交线网优化方案，新增十二条社区巴士线路，调整三十条既有线路，方便市民在地铁站就近换乘，方案经过两轮公开征求意见，将于下月一日起正式实施";
        var ids = new List<int>();
        foreach (var (outlet, title) in new[] { ("济南日报", "济南公交线网优化方案发布"), ("齐鲁晚报", "济南将新增十二条社区巴士"), ("大众网", "下月起济南三十条公交线路调整") })
        {
            // Dated in the future, so each is taken as "now": the newest stories of the channel, on its first page.
            var document = LocalFeedServer.Feed((outlet + "-1", title, story)).Replace("Sat, 05 Dec 2026 09:30:00 +0800", "Fri, 01 Jan 2100 00:00:00 +0800", StringComparison.Ordinal);
            var feed = await SubscribeAsync(_server.Serve("story-" + ids.Count, document), outlet);
            Assert.Equal(1, (await PollAsync(feed.Id)).Added);
            ids.Add(Assert.Single(await ArticlesOfAsync(feed.Id)).Id);
        }

        using var client = _site.CreateClient();
        var page = await client.GetStringAsync($"/article/{ids[0]}", Ct);
        Assert.Contains("3 家媒体报道", page, StringComparison.Ordinal);
        Assert.Contains("下月起济南三十条公交线路调整", page, StringComparison.Ordinal);
        Assert.Contains("齐鲁晚报", page, StringComparison.Ordinal);
        using var api = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/articles/{ids[2]}", Ct));
        Assert.Equal(3, api.RootElement.GetProperty("cluster").GetProperty("size").GetInt32());

        // Lists show the story once, by its first report.
        var channel = await client.GetStringAsync("/channel/local", Ct);
        Assert.Contains("济南公交线网优化方案发布", channel, StringComparison.Ordinal);
        Assert.DoesNotContain("济南将新增十二条社区巴士", channel, StringComparison.Ordinal);
        Assert.DoesNotContain("下月起济南三十条公交线路调整", channel, StringComparison.Ordinal);
        using var list = JsonDocument.Parse(await client.GetStringAsync("/api/v1/articles?channel=local", Ct));
        var listed = list.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList();
        Assert.Contains(ids[0], listed);
        Assert.DoesNotContain(ids[1], listed);
        Assert.DoesNotContain(ids[2], listed);
    }

    [Fact]
    public async Task TheDemo_HasAPausedPartnerFeed_AndItsArticlesShowWhereTheyCameFrom()
    {
        var feed = Assert.Single(await WithFeedsAsync((f, _) => f.ListAsync(Ct)), f => f.Source!.Name == "蓝湾都市报");
        Assert.True(feed.Paused);
        var article = await WithFeedsAsync((_, db) => db.Articles.AsNoTracking().FirstAsync(a => a.PartnerFeedId == feed.Id, Ct));
        Assert.StartsWith("https://lanwan-metro.example/news/", article.OriginalUrl, StringComparison.Ordinal);
        using var client = _site.CreateClient();
        var page = await client.GetStringAsync($"/article/{article.Id}", Ct);
        Assert.Contains("本文来自合作媒体", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"{article.OriginalUrl}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEditorsDecision_IsNotUndoneByALaterPoll()
    {
        var url = _server.Serve("editor", LocalFeedServer.Feed(("e1", "编辑决定：原标题", "摘要一"), ("e2", "编辑决定：第二条", "摘要二")));
        var feed = await SubscribeAsync(url, "编辑决定源");
        Assert.Equal(2, (await PollAsync(feed.Id)).Added);
        var before = await ArticlesOfAsync(feed.Id);
        var withdrawn = before[0];
        await WithFeedsAsync((_, db) => db.Articles.Where(a => a.Id == withdrawn.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, ArticleStatus.Unpublished), Ct));

        _server.Serve("editor", LocalFeedServer.Feed(("e1", "编辑决定：合作方改过的标题", "摘要一"), ("e2", "编辑决定：第二条（更新）", "摘要二")));
        var outcome = await PollAsync(feed.Id);
        Assert.Equal((0, 1, 1), (outcome.Added, outcome.Updated, outcome.Unchanged));
        var after = await ArticlesOfAsync(feed.Id);
        Assert.Equal(ArticleStatus.Unpublished, after[0].Status);
        Assert.Equal("编辑决定：原标题", after[0].Title);
        Assert.Equal("编辑决定：第二条（更新）", after[1].Title);
        // An update keeps the article where it was in the lists.
        Assert.Equal(before[1].PublishedAt, after[1].PublishedAt);
    }

    [Fact]
    public async Task APartnerThatBreaksMidAnswer_IsRecordedAsAFailure_NotLeftLeased()
    {
        var gzip = await SubscribeAsync(_server.Url("/corrupt-gzip"), "坏压缩源");
        Assert.Contains("decompress", (await PollAsync(gzip.Id)).Error, StringComparison.Ordinal);
        var json = await SubscribeAsync(_server.Serve("surrogate", """{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","title":"a\ud800b"}]}""", "application/feed+json"), "坏JSON源");
        Assert.Contains("JSON", (await PollAsync(json.Id)).Error, StringComparison.Ordinal);

        var feeds = await WithFeedsAsync((f, _) => f.ListAsync(Ct));
        Assert.All(feeds.Where(f => f.Id == gzip.Id || f.Id == json.Id), f =>
        {
            Assert.Equal(1, f.Failures);
            Assert.NotNull(f.LastError);
            Assert.True(f.NextPollAt - f.LastPolledAt!.Value >= TimeSpan.FromMinutes(19));
        });
    }

    [Fact]
    public async Task AClaimedFeed_CannotBeClaimedAgain()
    {
        var feed = await SubscribeAsync(_server.Serve("claimed", LocalFeedServer.Feed("认领测试")), "认领源");
        var due = await WithFeedsAsync((f, _) => f.DueAsync(1000, Ct));
        var seen = due.Single(d => d.Id == feed.Id).NextPollAt;
        Assert.True(await WithFeedsAsync((f, _) => f.ClaimAsync(feed.Id, seen, Ct)));
        Assert.False(await WithFeedsAsync((f, _) => f.ClaimAsync(feed.Id, seen, Ct)));
        Assert.DoesNotContain(await WithFeedsAsync((f, _) => f.DueAsync(1000, Ct)), d => d.Id == feed.Id);

        // An editor's "poll now" while a node holds the feed waits its turn instead of fetching alongside.
        var requests = _server.Requests.Count;
        var busy = await PollAsync(feed.Id);
        Assert.True(busy.Busy);
        Assert.Equal(requests, _server.Requests.Count);

        // The node's poll gives the lease back, so the next "poll now" runs.
        Assert.Equal(1, (await WithFeedsAsync((f, _) => f.PollClaimedAsync(feed.Id, Ct)))!.Added);
        var now = await PollAsync(feed.Id);
        Assert.False(now.Busy);
        Assert.True(now.NotModified);
    }

    [Fact]
    public async Task AnInterruptedPollNow_GivesTheFeedBack_AtOnce()
    {
        var feed = await SubscribeAsync(_server.Url("/slow"), "慢源");
        using (var leaving = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            // The editor leaves the page while the partner is still answering.
            var poll = WithFeedsAsync((f, _) => f.PollAsync(feed.Id, leaving.Token));
            while (!_server.Requests.Any(r => r.Path == "/slow"))
            {
                await Task.Delay(10, Ct);
            }

            await leaving.CancelAsync();
            try
            {
                await poll;
            }
            catch (OperationCanceledException)
            {
                // The request was abandoned: what matters is the lease, below.
            }
        }

        Assert.Null(await WithFeedsAsync((_, db) => db.PartnerFeeds.Where(f => f.Id == feed.Id).Select(f => f.LeasedUntil).SingleAsync(Ct)));
    }

    [Fact]
    public async Task TwoNodesPollingAtOnce_FetchEachFeedOnce()
    {
        var mine = new Dictionary<int, string>();
        for (var i = 0; i < 12; i++)
        {
            var feed = await SubscribeAsync(_server.Serve($"node-{i}", LocalFeedServer.Feed(($"n{i}", $"双节点稿件{i}", $"第{i}篇"))), "双节点源");
            mine[feed.Id] = $"/f/node-{i}";
        }

        await using var second = Node();
        var rounds = await Task.WhenAll(
            _site.Services.GetRequiredService<FeedPoller>().PollDueAsync(Ct),
            second.Services.GetRequiredService<FeedPoller>().PollDueAsync(Ct));

        var polled = rounds.SelectMany(r => r).Where(o => mine.ContainsKey(o.FeedId)).Select(o => o.FeedId).Order().ToList();
        Assert.Equal(mine.Keys.Order(), polled);
        Assert.All(mine.Values, path => Assert.Single(_server.Requests, r => r.Path == path));
        Assert.Equal(12, await WithFeedsAsync((_, db) => db.Articles.CountAsync(a => a.Source!.Name == "双节点源", Ct)));
    }

    [Fact]
    public async Task BadSubscriptions_AreRefusedWithAReason()
    {
        async Task<string> Refused(FeedSubscription s) =>
            (await Assert.ThrowsAsync<FeedSettingsException>(() => WithFeedsAsync((f, _) => f.SubscribeAsync(s, Ct)))).Message;

        Assert.Contains("http(s)", await Refused(new FeedSubscription("ftp://partner.example/feed", "源")), StringComparison.Ordinal);
        Assert.Contains("http(s)", await Refused(new FeedSubscription("not a url", "源")), StringComparison.Ordinal);
        Assert.Contains("password", await Refused(new FeedSubscription("https://user:secret@partner.example/feed", "源")), StringComparison.Ordinal);
        Assert.Contains("5–1440", await Refused(new FeedSubscription("https://partner.example/feed", "源", PollMinutes: 1)), StringComparison.Ordinal);
        Assert.Contains("no channel", await Refused(new FeedSubscription("https://partner.example/feed", "源", Channel: "nonexistent")), StringComparison.Ordinal);
        await WithFeedsAsync((f, _) => f.SubscribeAsync(new FeedSubscription("https://partner.example/once", "重复源"), Ct));
        Assert.Contains("already subscribed", await Refused(new FeedSubscription("https://partner.example/once", "重复源")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrivateTargets_AreRefused_WhenTheSettingIsOff()
    {
        await using var strict = portal.WithWebHostBuilder(b => b.UseSetting("Tidings:Aggregation:Poll", "false"));
        await using var scope = strict.Services.CreateAsyncScope();
        var feeds = scope.ServiceProvider.GetRequiredService<PartnerFeeds>();
        var feed = await feeds.SubscribeAsync(new FeedSubscription(_server.Serve("private", LocalFeedServer.Feed("内网")).AbsoluteUri, "内网源"), Ct);
        var before = _server.Requests.Count;
        var outcome = await feeds.PollAsync(feed.Id, Ct);
        Assert.Contains("not a public address", outcome!.Error, StringComparison.Ordinal);
        Assert.Equal(before, _server.Requests.Count);
    }
}

public sealed class PartnerFeedsTestsOnSqlite(PortalFactory portal) : PartnerFeedsTests(portal), IClassFixture<PortalFactory>;

[OnPostgres]
public sealed class PartnerFeedsTestsOnPostgres(PostgresPortalFactory portal) : PartnerFeedsTests(portal), IClassFixture<PostgresPortalFactory>;
