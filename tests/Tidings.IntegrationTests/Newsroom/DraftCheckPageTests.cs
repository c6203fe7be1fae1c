using Microsoft.Extensions.DependencyInjection;
using Tidings.Web.Features.Newsroom;

namespace Tidings.IntegrationTests.Newsroom;

/// <summary>发稿前检查 in the editor: each sensitive word and 易错词 shown where it is, from the operator's editable lists.</summary>
public abstract class DraftCheckPageTests(NewsroomPortal portal)
{
    [Fact]
    public async Task TheEditor_MarksEachHitInPlace_AndFollowsTheOperatorsList()
    {
        using var writer = await portal.SignInAsync("writer");
        var id = await portal.CreateDraftAsync(writer, "新设备按装完毕", "工人正在按装新设备。\n\n既使下雨也不停工，有人留言加微信。");
        var page = await NewsroomPortal.PageAsync(writer, $"/newsroom/articles/{id}");
        var hits = page.QuerySelectorAll(".draft-check__hit").Select(h => h.TextContent.Trim()).ToList();
        // The summary was made from the text on the first save and is stored text now: it carries the same slips.
        var title = hits.Where(h => h.StartsWith("标题", StringComparison.Ordinal)).ToList();
        var body = hits.Where(h => h.StartsWith("正文", StringComparison.Ordinal)).ToList();
        Assert.Equal(hits.Count, title.Count + body.Count + hits.Count(h => h.StartsWith("摘要", StringComparison.Ordinal)));
        Assert.Contains("应为「安装」", Assert.Single(title), StringComparison.Ordinal);
        Assert.Equal(3, body.Count);
        Assert.Contains("正文第 1 行", body[0], StringComparison.Ordinal);
        Assert.Contains("正文第 3 行", body[1], StringComparison.Ordinal);
        Assert.Contains("应为「即使」", body[1], StringComparison.Ordinal);
        Assert.Contains("敏感词（待审级）", body[2], StringComparison.Ordinal);
        Assert.Equal(["按装", "既使", "加微信"], page.QuerySelectorAll(".draft-check__hit").Where(h => h.TextContent.Trim().StartsWith("正文", StringComparison.Ordinal)).Select(h => h.QuerySelector("mark")!.TextContent));

        // The operator adds a pair; the next look at the draft uses it (the list is re-read when the file changes).
        var list = portal.App.Services.GetRequiredService<MiswrittenList>();
        _ = list.Words;
        await File.AppendAllTextAsync(list.File, "\n停工 停业\n", TestContext.Current.CancellationToken);
        File.SetLastWriteTimeUtc(list.File, DateTime.UtcNow.AddMinutes(1));
        list.CheckNow();
        page = await NewsroomPortal.PageAsync(writer, $"/newsroom/articles/{id}");
        Assert.Contains("停工", page.QuerySelectorAll(".draft-check__hit mark").Select(m => m.TextContent));
    }
}

[Collection(NewsroomGroup.Name)]
public sealed class DraftCheckPageTestsOnSqlite(NewsroomPortal portal) : DraftCheckPageTests(portal);
