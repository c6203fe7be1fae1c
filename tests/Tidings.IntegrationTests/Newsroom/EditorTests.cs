using System.Net;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using Tidings.IntegrationTests.Postgres;

namespace Tidings.IntegrationTests.Newsroom;

public abstract class EditorTests(NewsroomPortal portal)
{
    private async Task<HttpResponseMessage> SaveAsync(HttpClient client, int id, Dictionary<string, string> fields, (string, byte[], string)? file = null) =>
        await NewsroomPortal.PostFormAsync(client, $"/newsroom/articles/{id}", $"/newsroom/articles/{id}?handler=Save", fields, file);

    private async Task<int> RevisionAsync(int id) =>
        await portal.WithDbAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == id).MaxAsync(r => (int?)r.Number)) ?? 0;

    [Fact]
    public async Task Save_KeepsRevisions_DiffShowsTheChange_RestoreBringsItBack()
    {
        using var editor = await portal.SignInAsync("editor");
        var id = await portal.CreateDraftAsync(editor, "市政府召开经济工作会议", "会议由王市长主持。\n\n会议部署明年工作。");
        var fields = await portal.ArticleFieldsAsync("市政府召开经济工作会议", "会议由李市长主持。\n\n会议部署明年工作。");
        fields["Form.BaseRevision"] = "1";
        using (var saved = await SaveAsync(editor, id, fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Equal(2, await RevisionAsync(id));
        var diff = await NewsroomPortal.PageAsync(editor, $"/newsroom/articles/{id}/revisions?n=2");
        // The body changed one character (and the summary, taken from the body, with it); the title not at all.
        Assert.Equal(["王", "王"], diff.QuerySelectorAll(".diff del").Select(e => e.TextContent).ToList());
        Assert.Equal(["李", "李"], diff.QuerySelectorAll(".diff ins").Select(e => e.TextContent).ToList());

        using (var restored = await NewsroomPortal.PostFormAsync(editor, $"/newsroom/articles/{id}/revisions", $"/newsroom/articles/{id}/revisions?handler=Restore", new() { ["number"] = "1" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        }

        var article = await portal.WithDbAsync(db => db.Articles.FirstAsync(a => a.Id == id));
        Assert.Contains("王市长", article.BodyHtml, StringComparison.Ordinal);
        Assert.Equal(3, await RevisionAsync(id));
        Assert.Equal("恢复第 1 版", await portal.WithDbAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == id && r.Number == 3).Select(r => r.Note).FirstAsync()));
    }

    [Fact]
    public async Task EditPage_EveryFormPostsToThisArticle_NotToANewOne()
    {
        using var editor = await portal.SignInAsync("editor");
        var id = await portal.CreateDraftAsync(editor, "表单地址测试", "正文。");
        var page = await NewsroomPortal.PageAsync(editor, $"/newsroom/articles/{id}");
        var actions = page.QuerySelectorAll("main form[method=post]").Select(f => f.GetAttribute("action")).ToList();
        Assert.NotEmpty(actions);
        Assert.All(actions, a => Assert.StartsWith($"/newsroom/articles/{id}?handler=", a, StringComparison.Ordinal));
        Assert.All(page.QuerySelectorAll("main form[method=post]"), f => Assert.NotNull(f.QuerySelector("input[name=__RequestVerificationToken]")));
        Assert.Equal($"/newsroom/articles/{id}?handler=Preview", page.QuerySelector("button[formaction]")!.GetAttribute("formaction"));
    }

    [Fact]
    public async Task Save_OnTopOfSomeoneElsesNewerRevision_IsRefusedAndKeepsTheirText()
    {
        using var editor = await portal.SignInAsync("editor");
        using var other = await portal.SignInAsync("editor2");
        var id = await portal.CreateDraftAsync(editor, "两位编辑同时修改", "原始正文。");
        var first = await portal.ArticleFieldsAsync("两位编辑同时修改", "林编辑的改动。");
        first["Form.BaseRevision"] = "1";
        (await SaveAsync(other, id, first)).Dispose();

        var stale = await portal.ArticleFieldsAsync("两位编辑同时修改", "陈编辑基于旧版的改动。");
        stale["Form.BaseRevision"] = "1";
        using var response = await SaveAsync(editor, id, stale);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("已被 林编辑", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("林编辑的改动", await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.BodyHtml).FirstAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_ScriptInMarkdown_IsRemovedBeforeReadersSeeIt()
    {
        using var editor = await portal.SignInAsync("editor");
        var id = await portal.CreateDraftAsync(editor, "带脚本的稿件", "正文第一段。\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n[链接](javascript:alert(2))");
        (await NewsroomPortal.ActAsync(editor, id, "publish")).Dispose();
        using var reader = portal.Anonymous();
        using var response = await reader.GetAsync($"/article/{id}", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var body = NewsroomPortal.Parse(html).QuerySelector(".article__body")!.InnerHtml;
        Assert.Contains("正文第一段。", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Save_InvalidFields_ExplainsEachAndStoresNothing()
    {
        using var editor = await portal.SignInAsync("editor");
        var before = await portal.WithDbAsync(db => db.Articles.CountAsync());
        var fields = await portal.ArticleFieldsAsync(new string('长', 201), "");
        fields["Form.Slug"] = "Not A Slug!";
        fields["Form.Tags"] = string.Join("，", Enumerable.Range(1, 21).Select(i => "标签" + i));
        fields["Form.ChannelId"] = "99999";
        using var response = await NewsroomPortal.PostFormAsync(editor, "/newsroom/articles/new", "/newsroom/articles/new?handler=Save", fields);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = NewsroomPortal.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("标题最多 200 字，现在是 201 字", page.QuerySelector("#title-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("请填写正文", page.QuerySelector("#body-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("网址别名", page.QuerySelector("#slug-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("标签最多 20 个", page.QuerySelector("#tags-error")!.TextContent, StringComparison.Ordinal);
        // What the user typed is still there.
        Assert.Equal(new string('长', 201), page.QuerySelector("#Form_Title")!.GetAttribute("value"));
        Assert.Equal(before, await portal.WithDbAsync(db => db.Articles.CountAsync()));
    }

    [Fact]
    public async Task Save_BodyThatIsOnlyScript_IsRefused()
    {
        using var editor = await portal.SignInAsync("editor");
        var fields = await portal.ArticleFieldsAsync("只有脚本", "<script>alert(1)</script>");
        using var response = await NewsroomPortal.PostFormAsync(editor, "/newsroom/articles/new", "/newsroom/articles/new?handler=Save", fields);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("去掉不安全的代码后是空的", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cover_NonImageUpload_IsRefusedAndNothingChanges()
    {
        using var editor = await portal.SignInAsync("editor");
        var id = await portal.CreateDraftAsync(editor, "封面测试：伪装成图片的文件", "正文。");
        var fields = await portal.ArticleFieldsAsync("封面测试：改过的标题", "正文。");
        fields["Form.BaseRevision"] = "1";
        fields["Form.CoverAlt"] = "一张图";
        using var response = await SaveAsync(editor, id, fields, ("CoverFile", "<?php echo 1; ?>"u8.ToArray(), "photo.jpg"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("不是可以识别的图片", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var article = await portal.WithDbAsync(db => db.Articles.FirstAsync(a => a.Id == id));
        Assert.Equal("封面测试：伪装成图片的文件", article.Title);
        Assert.Null(article.CoverUrl);
    }

    [Fact]
    public async Task Cover_WithoutAltText_IsRefused_WithAlt_ServesWebpAndJpegVariants()
    {
        using var editor = await portal.SignInAsync("editor");
        var id = await portal.CreateDraftAsync(editor, "封面测试：海边的清晨", "正文。");
        var picture = Picture(1800, 1000);
        var fields = await portal.ArticleFieldsAsync("封面测试：海边的清晨", "正文。");
        fields["Form.BaseRevision"] = "1";
        using (var noAlt = await SaveAsync(editor, id, fields, ("CoverFile", picture, "sea.png")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noAlt.StatusCode);
            Assert.Contains("请填写替代文字", await noAlt.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        fields["Form.CoverAlt"] = "清晨的海边，几条渔船停在岸边";
        using (var saved = await SaveAsync(editor, id, fields, ("CoverFile", picture, "sea.png")))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        (await NewsroomPortal.ActAsync(editor, id, "publish")).Dispose();
        using var reader = portal.Anonymous();
        var page = await NewsroomPortal.PageAsync(reader, $"/article/{id}");
        var img = page.QuerySelector(".article__cover img")!;
        Assert.Equal("清晨的海边，几条渔船停在岸边", img.GetAttribute("alt"));
        Assert.Equal("1600", img.GetAttribute("width"));
        var webp = page.QuerySelector(".article__cover source[type='image/webp']")!.GetAttribute("srcset")!;
        var first = webp.Split(',')[0].Trim().Split(' ')[0];
        using var image = await reader.GetAsync(first, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/webp", image.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", image.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        using var jpeg = await reader.GetAsync(img.GetAttribute("src"), TestContext.Current.CancellationToken);
        Assert.Equal("image/jpeg", jpeg.Content.Headers.ContentType!.MediaType);

        // A node that never received the upload (here: this one without its media directory) serves it from the
        // database, the same bytes, and keeps a copy on its disk.
        var bytes = await image.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Directory.Delete(Path.Combine(portal.Base.DataDirectory, "media"), recursive: true);
        using var fromDatabase = await reader.GetAsync(first, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, fromDatabase.StatusCode);
        Assert.Equal("image/webp", fromDatabase.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", fromDatabase.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal(bytes, await fromDatabase.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.True(File.Exists(Path.Combine(portal.Base.DataDirectory, first.TrimStart('/').Replace('/', Path.DirectorySeparatorChar))));
        using var missing = await reader.GetAsync("/media/covers/0000000000-960.webp", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Preview_RendersSanitizedHtmlWithoutSaving()
    {
        using var editor = await portal.SignInAsync("editor");
        var fields = await portal.ArticleFieldsAsync("预览稿件", "## 小标题\n\n**加粗**的文字<script>alert(1)</script>");
        var before = await portal.WithDbAsync(db => db.Articles.CountAsync());
        using var response = await NewsroomPortal.PostFormAsync(editor, "/newsroom/articles/new", "/newsroom/articles/new?handler=Preview", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = NewsroomPortal.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).QuerySelector(".preview")!;
        Assert.Equal("小标题", preview.QuerySelector("h2:not(#preview-title)")!.TextContent);
        Assert.Equal("加粗", preview.QuerySelector("strong")!.TextContent);
        Assert.Null(preview.QuerySelector("script"));
        Assert.Equal(before, await portal.WithDbAsync(db => db.Articles.CountAsync()));
    }

    [Fact]
    public async Task Editor_SuggestsAChannelFromTheText()
    {
        using var editor = await portal.SignInAsync("editor");
        // The topic model trains in the background after the demo seed.
        await portal.WaitForTopicModelAsync();
        var fields = await portal.ArticleFieldsAsync("央行下调存款准备金率，股市债市应声上涨", "央行宣布下调金融机构存款准备金率，释放长期资金，银行股领涨。", channelSlug: null);
        using var response = await NewsroomPortal.PostFormAsync(editor, "/newsroom/articles/new", "/newsroom/articles/new?handler=Preview", fields);
        var hint = NewsroomPortal.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).QuerySelector("#channel-hint")!.TextContent;
        Assert.Contains("自动分类建议：财经", hint, StringComparison.Ordinal);
    }

    private static byte[] Picture(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}

[Collection(NewsroomGroup.Name)]
public sealed class EditorTestsOnSqlite(NewsroomPortal portal) : EditorTests(portal);

[Collection(PostgresNewsroomGroup.Name)]
[OnPostgres]
public sealed class EditorTestsOnPostgres(PostgresNewsroomPortal portal) : EditorTests(portal);
