using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tidings.Core.Comments;
using Tidings.Core.Data;

namespace Tidings.BrowserTests;

/// <summary>The JavaScript side of 跟贴, as a keyboard user meets it in Chromium.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class CommentsBrowserTests(BrowserPortal portal)
{
    /// <summary>A quiet demo article given <paramref name="count"/> comments, the last <paramref name="chain"/> of them a reply chain.</summary>
    private async Task<(int Id, string Url, long LastId)> ThreadAsync(int skip, int count, int chain)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
        var article = await db.Articles.Where(a => a.CommentCount == 0 && a.Channel!.Slug != "mil").OrderBy(a => a.Id).Skip(skip).Select(a => new { a.Id, a.Slug }).FirstAsync();
        Comment? parent = null;
        var start = DateTime.UtcNow.AddHours(-2);
        for (var i = 0; i < count; i++)
        {
            var (path, floors) = parent is not null && i >= count - chain ? CommentChain.ReplyTo(parent) : (null, 0);
            var c = new Comment
            {
                ArticleId = article.Id,
                ParentId = path is null ? null : parent!.Id,
                Chain = path,
                Floors = floors,
                Nickname = "读者" + i,
                Body = $"第{i}条跟贴",
                Status = CommentStatus.Published,
                CreatedAt = start.AddMinutes(i),
                PosterKey = "seed",
                Address = "10.0.0.9",
            };
            db.Comments.Add(c);
            await db.SaveChangesAsync();
            parent = c;
        }

        await db.Articles.Where(a => a.Id == article.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.CommentCount, count));
        // Written behind the site's back: drop any copy another test's visit left in the article page cache.
        portal.Services.GetRequiredService<Tidings.Web.Features.Articles.ArticlePageCache>().EvictHere(article.Id);
        return (article.Id, $"/article/{article.Id}/{article.Slug}", parent?.Id ?? 0);
    }

    [Fact]
    public async Task PostingWithoutJavaScript_ReturnsToTheNewComment_OnTheSharedPage()
    {
        var (id, url, _) = await ThreadAsync(3, 0, 0);
        var page = await portal.OpenAsync(url, javaScript: false);
        try
        {
            // The page is the cached copy every reader gets: no form token in it, and Chromium's own Sec-Fetch-Site
            // header is what lets this post through.
            Assert.Equal(0, await page.Locator("#comment-form input[name=__RequestVerificationToken]").CountAsync());
            await page.FillAsync("#comment-nickname", "不开脚本的读者");
            await page.FillAsync("#comment-body", "没有脚本也能发跟贴");
            await page.ClickAsync("#comment-form button[type=submit]");
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex($@"/article/{id}/[^#]+#comment-\d+$"));
            var target = page.Locator(".comment:target");
            await Assertions.Expect(target.Locator(".comment__body")).ToHaveTextAsync("没有脚本也能发跟贴");
            await Assertions.Expect(page.Locator(".article__comments strong")).ToHaveTextAsync("1");
            await Assertions.Expect(page.Locator("#comment-pending")).ToBeHiddenAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task PostingWithJavaScript_AddsTheCommentInPlace_AndFocusesIt()
    {
        var (_, url, _) = await ThreadAsync(0, 3, 0);
        var page = await portal.OpenAsync(url);
        try
        {
            await page.FillAsync("#comment-nickname", "键盘用户");
            await page.FocusAsync("#comment-body");
            await page.Keyboard.TypeAsync("不用鼠标也能发跟贴");
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.Locator("[data-form-status]")).ToHaveTextAsync("跟贴已发表。");
            var first = page.Locator("[data-comment-list] > li").First;
            await Assertions.Expect(first.Locator(".comment__body")).ToHaveTextAsync("不用鼠标也能发跟贴");
            await Assertions.Expect(first).ToBeFocusedAsync();
            Assert.Equal(4, await page.Locator("[data-comment-list] > li").CountAsync());
            Assert.Equal(string.Empty, await page.InputValueAsync("#comment-body"));

            // A refusal names the field and leaves the text for fixing.
            await page.FillAsync("#comment-body", "好");
            await page.ClickAsync("#comment-form button[type=submit]");
            await Assertions.Expect(page.Locator("[data-form-status]")).ToHaveTextAsync("跟贴至少 2 个字。");
            await Assertions.Expect(page.Locator("#comment-body")).ToHaveAttributeAsync("aria-invalid", "true");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task LongChains_OpenWithTheKeyboard_AndLoadMoreAppendsTheNextPage()
    {
        var (_, url, last) = await ThreadAsync(1, 30, 12);
        var page = await portal.OpenAsync(url);
        try
        {
            var comment = page.Locator($"#comment-{last}");
            Assert.Equal(3, await comment.Locator("ol.floors > li.floor").CountAsync());
            await comment.Locator(".floors__more summary").FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(comment.Locator(".floors--inner li.floor")).ToHaveCountAsync(9);
            await Assertions.Expect(comment.Locator(".floors__more summary")).ToBeFocusedAsync();

            Assert.Equal(20, await page.Locator("[data-comment-list] > li").CountAsync());
            await page.Locator("[data-load-more]").FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.Locator("[data-comment-list] > li")).ToHaveCountAsync(30);
            await Assertions.Expect(page.Locator("[data-load-more]")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-comment-list] > li").Nth(20)).ToBeFocusedAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Voting_UpdatesTheCountInPlace_OncePerReader()
    {
        var (_, url, last) = await ThreadAsync(2, 2, 0);
        var page = await portal.OpenAsync(url);
        try
        {
            var up = page.Locator($"#comment-{last} .vote__up");
            await up.ClickAsync();
            await Assertions.Expect(up.Locator(".vote__count")).ToHaveTextAsync("1");
            await Assertions.Expect(page.Locator("[data-comments-status]")).ToHaveTextAsync("投票成功。");
            await page.Locator($"#comment-{last} .vote__down").ClickAsync();
            await Assertions.Expect(page.Locator("[data-comments-status]")).ToHaveTextAsync("你已经投过票了。");
            await Assertions.Expect(page.Locator($"#comment-{last} .vote__down .vote__count")).ToHaveTextAsync("0");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
