using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tidings.IntegrationTests.Postgres;

namespace Tidings.IntegrationTests.Newsroom;

/// <summary>滚动直播, the desk's side and the page readers load: entries newest first, 要点 on top, LiveBlogPosting, an end.</summary>
public abstract class LiveCoverageTests(NewsroomPortal portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, int id, string handler, Dictionary<string, string> fields, (string, byte[], string)? file = null) =>
        NewsroomPortal.PostFormAsync(client, $"/newsroom/articles/{id}/live", $"/newsroom/articles/{id}/live?handler={handler}", fields, file);

    [Fact]
    public async Task APhotographEntry_IsStoredLikeACover_DescribedForScreenReaders_AndTheCoverageFeedCarriesIt()
    {
        using var editor = await portal.SignInAsync("editor");
        using var reader = portal.Anonymous();
        var id = await portal.CreateDraftAsync(editor, "滚动直播：跨海大桥合龙", "大桥今日合龙，本站图文直播。");
        (await NewsroomPortal.ActAsync(editor, id, "publish")).Dispose();
        (await PostAsync(editor, id, "Start", [])).Dispose();
        var photo = Picture(1200, 800);

        using (var noPicture = await PostAsync(editor, id, "Entry", new() { ["Kind"] = "Image", ["ImageAlt"] = "合龙段吊装" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noPicture.StatusCode);
            Assert.Contains("请选择一张图片", await noPicture.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using (var noAlt = await PostAsync(editor, id, "Entry", new() { ["Kind"] = "Image", ["Body"] = "合龙时刻" }, ("ImageFile", photo, "bridge.png")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noAlt.StatusCode);
            Assert.Contains("替代文字", await noAlt.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using (var notAPicture = await PostAsync(editor, id, "Entry", new() { ["Kind"] = "Image", ["ImageAlt"] = "x" }, ("ImageFile", "<svg onload=alert(1)>"u8.ToArray(), "x.png")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, notAPicture.StatusCode);
        }

        Assert.Equal(0, await portal.WithDbAsync(db => db.LiveEntries.CountAsync(e => e.ArticleId == id, Ct)));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(editor, id, "Entry",
            new() { ["Kind"] = "Image", ["Body"] = "**10:18** 最后一节钢箱梁落位，大桥合龙。", ["ImageAlt"] = "吊机把最后一节钢箱梁放进桥面缺口" },
            ("ImageFile", photo, "bridge.png"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(editor, id, "Entry", new() { ["Kind"] = "Text", ["Body"] = "现场响起掌声 & 汽笛。" })).StatusCode);

        var page = await NewsroomPortal.PageAsync(reader, $"/article/{id}");
        var figure = page.QuerySelector(".live-stream .live-entry__figure")!;
        var img = figure.QuerySelector("img")!;
        Assert.Equal("吊机把最后一节钢箱梁放进桥面缺口", img.GetAttribute("alt"));
        Assert.StartsWith("/media/covers/", img.GetAttribute("src"), StringComparison.Ordinal);
        Assert.Equal("1200", img.GetAttribute("width"));
        Assert.Contains("最后一节钢箱梁落位", figure.QuerySelector("figcaption")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(figure.QuerySelector("source[type='image/webp']"));
        using (var picture = await reader.GetAsync(img.GetAttribute("src"), Ct))
        {
            Assert.Equal("image/jpeg", picture.Content.Headers.ContentType!.MediaType);
        }

        // The picture is in the database too, so a node that did not take the upload serves it.
        Assert.True(await portal.WithDbAsync(db => db.MediaFiles.AnyAsync(m => "/media/" + m.Path == img.GetAttribute("src"), Ct)));
        using (var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent))
        {
            var update = json.RootElement.GetProperty("@graph")[0].GetProperty("liveBlogUpdate")[1];
            Assert.EndsWith(img.GetAttribute("src")!, update.GetProperty("image").GetString(), StringComparison.Ordinal);
        }

        var feedLink = page.QuerySelector("link[rel=alternate][type='application/atom+xml'][href*='/live/feed']")!.GetAttribute("href")!;
        Assert.EndsWith($"/article/{id}/live/feed.atom", feedLink, StringComparison.Ordinal);
        using (var feed = await reader.GetAsync(feedLink, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
            var atom = System.Xml.Linq.XDocument.Parse(await feed.Content.ReadAsStringAsync(Ct));
            System.Xml.Linq.XNamespace ns = "http://www.w3.org/2005/Atom";
            var items = atom.Root!.Elements(ns + "entry").ToList();
            Assert.Equal(["现场响起掌声 & 汽笛。", "10:18 最后一节钢箱梁落位，大桥合龙。"], items.Select(e => e.Element(ns + "title")!.Value));
            var content = items[1].Element(ns + "content")!.Value;
            Assert.Contains("src=\"http", content, StringComparison.Ordinal);
            Assert.Contains("alt=\"吊机把最后一节钢箱梁放进桥面缺口\"", content, StringComparison.Ordinal);
            Assert.EndsWith("#live-" + items[1].Element(ns + "id")!.Value.Split("#live-")[1], items[1].Element(ns + "link")!.Attribute("href")!.Value, StringComparison.Ordinal);
        }

        using (var rss = await reader.GetAsync($"/article/{id}/live/feed.rss", Ct))
        {
            var xml = System.Xml.Linq.XDocument.Parse(await rss.Content.ReadAsStringAsync(Ct));
            Assert.Equal(2, xml.Descendants("item").Count());
            Assert.Contains("钢箱梁", xml.Descendants("item").Last().Element("description")!.Value, StringComparison.Ordinal);
        }

        // An ordinary article, or one readers may not see, has no coverage feed.
        var plain = await portal.CreateDraftAsync(editor, "普通稿件", "没有直播。");
        (await NewsroomPortal.ActAsync(editor, plain, "publish")).Dispose();
        using (var none = await reader.GetAsync($"/article/{plain}/live/feed.rss", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        }

        Assert.Null((await NewsroomPortal.PageAsync(reader, $"/article/{plain}")).QuerySelector("link[rel=alternate][href*='/live/feed']"));
    }

    private static byte[] Picture(int width, int height)
    {
        using var bitmap = new SkiaSharp.SKBitmap(width, height);
        using (var canvas = new SkiaSharp.SKCanvas(bitmap))
        {
            // Not one flat colour: a plausible photograph's bytes per pixel (a flat canvas is refused as a bomb).
            canvas.Clear(SkiaSharp.SKColors.SteelBlue);
            using var paint = new SkiaSharp.SKPaint { Color = SkiaSharp.SKColors.Orange };
            for (var x = 0; x < width; x += 37)
            {
                canvas.DrawRect(x, (x * 7) % height, 19, 23, paint);
            }
        }

        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    [Fact]
    public async Task TheDeskRunsALiveCoverage_ReadersGetEveryEntry_AndItEndsAsAnArticle()
    {
        using var editor = await portal.SignInAsync("editor");
        using var writer = await portal.SignInAsync("writer");
        using var reader = portal.Anonymous();
        var id = await portal.CreateDraftAsync(editor, "滚动直播：台风“海燕”登陆", "台风今日登陆，本站持续报道。");
        var embedded = await portal.CreateDraftAsync(editor, "台风防御指南", "做好五项准备。");
        (await NewsroomPortal.ActAsync(editor, id, "publish")).Dispose();
        (await NewsroomPortal.ActAsync(editor, embedded, "publish")).Dispose();

        using (var early = await PostAsync(editor, id, "Entry", new() { ["Kind"] = "Text", ["Body"] = "还没开始" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        }

        (await PostAsync(editor, id, "Start", [])).Dispose();
        using (var refused = await writer.GetAsync($"/newsroom/articles/{id}/live", Ct))
        {
            NewsroomPortal.AssertDenied(refused);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(editor, id, "Entry", new() { ["Kind"] = "Text", ["Body"] = "**08:00** 气象台发布台风红色预警。<script>alert(1)</script>" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(editor, id, "Entry", new() { ["Kind"] = "Quote", ["Body"] = "请市民非必要不外出。", ["Attribution"] = "市防汛办" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(editor, id, "Entry", new() { ["Kind"] = "Embed", ["Embed"] = $"/article/{embedded}" })).StatusCode);
        using (var empty = await PostAsync(editor, id, "Entry", new() { ["Kind"] = "Text", ["Body"] = "  " }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        }

        using (var sensitive = await PostAsync(editor, id, "Entry", new() { ["Kind"] = "Text", ["Body"] = "有人借机推广网络赌场。" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, sensitive.StatusCode);
            Assert.Contains("网络赌场", await sensitive.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        var entries = await portal.WithDbAsync(db => db.LiveEntries.Where(e => e.ArticleId == id).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(Ct));
        Assert.Equal(3, entries.Count);
        (await PostAsync(editor, id, "Pin", new() { ["entry"] = entries[0].ToString(System.Globalization.CultureInfo.InvariantCulture), ["pinned"] = "true" })).Dispose();

        var page = await NewsroomPortal.PageAsync(reader, $"/article/{id}");
        Assert.Equal("直播中", page.QuerySelector(".live-badge")!.TextContent.Trim());
        Assert.Equal(entries.AsEnumerable().Reverse().Select(e => $"live-{e}"), page.QuerySelectorAll(".live-stream [data-live-entry]").Select(e => e.Id));
        Assert.Contains("气象台发布台风红色预警", page.QuerySelector(".live-keypoints")!.TextContent, StringComparison.Ordinal);
        // A 要点 appears twice (above the stream and in it), its anchor once.
        Assert.Null(page.QuerySelector(".live-keypoints [data-live-entry][id]"));
        Assert.Equal(2, page.QuerySelectorAll($"[data-live-entry='{entries[0]}']").Length);
        Assert.Null(page.QuerySelector(".live-stream script"));
        Assert.Equal("——市防汛办", page.QuerySelector(".live-entry__quote footer")!.TextContent.Trim());
        Assert.Equal($"/article/{embedded}", page.QuerySelector(".live-entry__embed a")!.GetAttribute("href")!.Split('/').Take(3).Aggregate((x, y) => x + "/" + y));
        using (var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent))
        {
            var posting = json.RootElement.GetProperty("@graph")[0];
            Assert.Equal("LiveBlogPosting", posting.GetProperty("@type").GetString());
            Assert.Equal(3, posting.GetProperty("liveBlogUpdate").GetArrayLength());
            Assert.False(posting.TryGetProperty("coverageEndTime", out _));
        }

        (await PostAsync(editor, id, "Remove", new() { ["entry"] = entries[1].ToString(System.Globalization.CultureInfo.InvariantCulture) })).Dispose();
        (await PostAsync(editor, id, "End", [])).Dispose();
        page = await NewsroomPortal.PageAsync(reader, $"/article/{id}");
        Assert.Equal("直播已结束", page.QuerySelector(".live-badge")!.TextContent.Trim());
        Assert.Equal(2, page.QuerySelectorAll(".live-stream [data-live-entry]").Length);
        using (var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent))
        {
            Assert.True(json.RootElement.GetProperty("@graph")[0].TryGetProperty("coverageEndTime", out _));
        }

        using (var late = await PostAsync(editor, id, "Entry", new() { ["Kind"] = "Text", ["Body"] = "结束之后" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        }

        var audit = await portal.WithDbAsync(db => db.AuditLog.Where(a => a.ArticleId == id && a.Action.StartsWith("live")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Ct));
        Assert.Equal(["live-on", "live-entry", "live-entry", "live-entry", "live-pin", "live-entry-remove", "live-end"], audit);
    }
}

[Collection(NewsroomGroup.Name)]
public sealed class LiveCoverageTestsOnSqlite(NewsroomPortal portal) : LiveCoverageTests(portal);

[Collection(PostgresNewsroomGroup.Name)]
[OnPostgres]
public sealed class LiveCoverageTestsOnPostgres(PostgresNewsroomPortal portal) : LiveCoverageTests(portal);
