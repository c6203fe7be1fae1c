using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tidings.Core.Articles;
using Tidings.Core.Data;
using Tidings.Core.Importing;
using Tidings.Core.Related;
using Tidings.Core.Search;
using Tidings.IntegrationTests.Postgres;
using Tidings.Web.Features.Newsroom;
using Tidings.Web.Infrastructure;

namespace Tidings.IntegrationTests.Newsroom;

/// <summary>
/// 禁发 at every door: an embargoed article is out of every reader-facing list and page, and no newsroom action,
/// import or scheduler publishes it early; when the embargo ends it appears everywhere without anyone acting.
/// </summary>
public abstract class EmbargoTests(NewsroomPortal portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<ImportSummary> ImportAsync(string jsonl)
    {
        await using var scope = portal.App.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var importer = new ArticleImporter(
            services.GetRequiredService<TidingsDbContext>(), services.GetRequiredService<IDatabaseDialect>(), TimeProvider.System,
            services.GetRequiredService<SearchTextBuilder>(), related: services.GetRequiredService<RelatedArticles>());
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(jsonl));
        return await importer.ImportAsync(stream);
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>What a reader can find about the word, door by door; each entry names the door that showed it.</summary>
    private async Task<List<string>> DoorsShowingAsync(HttpClient reader, int id, int neighbour, string word)
    {
        var shown = new List<string>();
        using (var page = await reader.GetAsync($"/article/{id}", Ct))
        {
            if (page.StatusCode != HttpStatusCode.NotFound)
            {
                shown.Add("page " + (int)page.StatusCode);
            }
        }

        using (var api = await reader.GetAsync($"/api/v1/articles/{id}", Ct))
        {
            if (api.StatusCode != HttpStatusCode.NotFound)
            {
                shown.Add("api " + (int)api.StatusCode);
            }
        }

        using (var qr = await reader.GetAsync($"/article/{id}/qr", Ct))
        {
            if (qr.StatusCode != HttpStatusCode.NotFound)
            {
                shown.Add("qr " + (int)qr.StatusCode);
            }
        }

        // The live coverage's own doors: the stream, the polling answer and the coverage's feed.
        foreach (var (door, path) in new[] { ("live events", $"/article/{id}/live/events"), ("live updates", $"/article/{id}/live/updates?after=0"), ("live feed", $"/article/{id}/live/feed.atom") })
        {
            using var live = await reader.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, Ct);
            if (live.StatusCode != HttpStatusCode.NotFound)
            {
                shown.Add(door + " " + (int)live.StatusCode);
            }
        }

        var doors = new Dictionary<string, string>
        {
            ["list api"] = "/api/v1/articles?pageSize=50",
            ["home"] = "/",
            ["channel"] = "/channel/finance",
            ["rss"] = "/feeds/rss.xml",
            ["channel atom"] = "/feeds/channel/finance.atom",
            ["news sitemap"] = "/sitemaps/news.xml",
            ["search page"] = "/search?q=" + Uri.EscapeDataString(word),
            ["search api"] = "/api/v1/search?q=" + Uri.EscapeDataString(word),
            ["related api"] = $"/api/v1/articles/{neighbour}/related",
            ["topic"] = "/topic/emb-" + word[^4..],
            ["corrections"] = "/corrections",
            ["corrections rss"] = "/feeds/corrections.rss",
        };
        foreach (var (door, path) in doors)
        {
            var text = await reader.GetStringAsync(path, Ct);
            // A search page repeats the query; there only a link to the article or its id count.
            var linked = System.Text.RegularExpressions.Regex.IsMatch(text, $@"/article/{id}[""/]|""id"":{id}[,}}]");
            if (linked || (!door.StartsWith("search", StringComparison.Ordinal) && text.Contains(word, StringComparison.Ordinal)))
            {
                shown.Add(door);
            }
        }

        return shown;
    }

    [Fact]
    public async Task AnImportedEmbargoedStory_ReachesNoDoor_UntilTheEmbargoEnds()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var word = "禁发测试" + tag[..4];
        var until = DateTime.UtcNow.AddHours(3);
        var body = $"{word}：港口管理局将宣布新航线。{word}涉及三条远洋航线与两座码头的扩建计划。";
        var summary = await ImportAsync(string.Join('\n',
            $$"""{"externalId":"emb-{{tag}}","title":"{{word}}新航线明日公布","body":"{{body}}","channel":"finance","source":"通讯社","publishedAt":"{{Iso(DateTime.UtcNow.AddSeconds(-2))}}","embargoUntil":"{{Iso(until)}}"}""",
            $$"""{"externalId":"nb-{{tag}}","title":"港口管理局谈远洋航线与码头扩建","body":"港口管理局介绍远洋航线与码头扩建计划的进展，其余航线照常。","channel":"finance","source":"通讯社","publishedAt":"{{Iso(DateTime.UtcNow.AddSeconds(-3))}}"}"""));
        Assert.Equal(2, summary.Added);
        var (id, neighbour) = await portal.WithDbAsync(async db => (
            await db.Articles.Where(a => a.ExternalId == "emb-" + tag).Select(a => a.Id).FirstAsync(Ct),
            await db.Articles.Where(a => a.ExternalId == "nb-" + tag).Select(a => a.Id).FirstAsync(Ct)));
        Assert.Equal(until, (await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.EmbargoUntil).FirstAsync(Ct)))!.Value, TimeSpan.FromSeconds(1));

        // The held story is also a live coverage with an entry, in a published 专题, and has a 更正: none of those
        // doors may show it either.
        await portal.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            await db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.LiveStatus, Tidings.Core.Live.LiveStatus.Live), Ct);
            db.LiveEntries.Add(new Tidings.Core.Live.LiveEntry { ArticleId = id, At = now, BodyMarkdown = word, BodyHtml = $"<p>{word}</p>", AuthorName = "陈编辑", UpdatedAt = now });
            db.ArticleCorrections.Add(new Tidings.Core.Newsroom.ArticleCorrection { ArticleId = id, At = now, Text = word + "的航线数更正为三条。", EditorName = "陈编辑" });
            var special = db.Specials.Add(new Tidings.Core.Specials.Special { Slug = "emb-" + word[^4..], Title = "远洋航线专题", Lead = "航线与码头。", Published = true, CreatedAt = now, UpdatedAt = now, UpdatedBy = "陈编辑" }).Entity;
            await db.SaveChangesAsync(Ct);
            var section = db.SpecialSections.Add(new Tidings.Core.Specials.SpecialSection { SpecialId = special.Id, Title = "最新", Position = 0 }).Entity;
            await db.SaveChangesAsync(Ct);
            db.SpecialArticles.AddRange(
                new Tidings.Core.Specials.SpecialArticle { SectionId = section.Id, ArticleId = id, Position = 0 },
                new Tidings.Core.Specials.SpecialArticle { SectionId = section.Id, ArticleId = neighbour, Position = 1 });
            return await db.SaveChangesAsync(Ct);
        });

        using var reader = portal.Anonymous();
        await portal.App.Services.GetRequiredService<ContentChanges>().ChangedAsync(Ct);
        Assert.Empty(await DoorsShowingAsync(reader, id, neighbour, word));

        // A later file never embargoes what readers already see (taking a story down is the desk's act).
        await ImportAsync($$"""{"externalId":"nb-{{tag}}","title":"港口管理局谈远洋航线与码头扩建","body":"港口管理局介绍远洋航线与码头扩建计划的进展，其余航线照常。","channel":"finance","source":"通讯社","embargoUntil":"{{Iso(until)}}"}""");
        Assert.Null(await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == neighbour).Select(a => a.EmbargoUntil).FirstAsync(Ct)));

        // A later file without the field neither lifts nor shortens it.
        await ImportAsync($$"""{"externalId":"emb-{{tag}}","title":"{{word}}新航线明日公布","body":"{{body}}更新。","channel":"finance","source":"通讯社","embargoUntil":"{{Iso(DateTime.UtcNow.AddMinutes(1))}}"}""");
        Assert.Equal(until, (await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.EmbargoUntil).FirstAsync(Ct)))!.Value, TimeSpan.FromSeconds(1));

        // The embargo ends (time is data here: moved back rather than waited for); every door shows it at once.
        await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.EmbargoUntil, DateTime.UtcNow.AddSeconds(-1)), Ct));
        await portal.App.Services.GetRequiredService<RelatedArticles>().UpdateAsync([neighbour], DateTime.UtcNow, Ct);
        await portal.App.Services.GetRequiredService<ContentChanges>().ChangedAsync(Ct);
        var shown = await DoorsShowingAsync(reader, id, neighbour, word);
        Assert.Equal(
            ["page 200", "api 200", "qr 200", "live events 200", "live updates 200", "live feed 200", "list api", "home", "channel", "rss", "channel atom", "news sitemap",
                "search page", "search api", "related api", "topic", "corrections", "corrections rss"],
            shown);
    }

    [Fact]
    public async Task TheNewsroom_CannotPublishOrScheduleInsideAnEmbargo_AndOnlyTheDeskShortensIt()
    {
        using var writer = await portal.SignInAsync("writer");
        using var editor = await portal.SignInAsync("editor");
        using var admin = await portal.SignInAsync("admin");
        var title = "禁发稿：央行利率决议" + Guid.NewGuid().ToString("N")[..4];
        var fields = await portal.ArticleFieldsAsync(title, "利率决议将于明日公布，此前禁发。");
        var local = DateTime.UtcNow.AddHours(8 + 3);
        fields["Form.Embargo"] = local.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        int id;
        using (var created = await NewsroomPortal.PostFormAsync(writer, "/newsroom/articles/new", "/newsroom/articles/new?handler=Save", fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            id = int.Parse(created.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
        }

        // The writer's page shows the embargo and keeps it on the next save (the field posts it back at minute precision).
        var page = await NewsroomPortal.PageAsync(writer, $"/newsroom/articles/{id}");
        Assert.NotNull(page.QuerySelector("[data-embargo]"));
        fields["Form.Body"] = "利率决议将于明日公布，此前禁发。补充一句。";
        fields["Form.BaseRevision"] = "1";
        using (var saved = await NewsroomPortal.PostFormAsync(writer, $"/newsroom/articles/{id}", $"/newsroom/articles/{id}?handler=Save", fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        // Lifting it is not the writer's call.
        fields["Form.Embargo"] = string.Empty;
        fields["Form.BaseRevision"] = "2";
        using (var lifted = await NewsroomPortal.PostFormAsync(writer, $"/newsroom/articles/{id}", $"/newsroom/articles/{id}?handler=Save", fields))
        {
            Assert.Equal(HttpStatusCode.BadRequest, lifted.StatusCode);
            Assert.Contains("提前解除或缩短禁发", await lifted.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        (await NewsroomPortal.ActAsync(writer, id, "submit")).Dispose();

        // Nobody publishes it: not the editor, not the admin, not by a hand-made request for a button the page hides.
        var editorPage = await NewsroomPortal.PageAsync(editor, $"/newsroom/articles/{id}");
        Assert.Null(editorPage.QuerySelector("button[type=submit]:is([value=publish])"));
        Assert.DoesNotContain(editorPage.QuerySelectorAll("input[name=action]"), i => i.GetAttribute("value") == "publish");
        foreach (var desk in new[] { editor, admin })
        {
            using var refused = await NewsroomPortal.ActAsync(desk, id, "publish");
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("禁发时间未到", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using (var early = await NewsroomPortal.ActAsync(editor, id, "schedule", new() { ["scheduleAt"] = DateTime.UtcNow.AddHours(8 + 1).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) }))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        }

        Assert.Equal(ArticleStatus.InReview, await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Status).FirstAsync(Ct)));

        // Scheduled at the embargo's end it goes out; the scheduler does not publish before (the embargo is checked there too).
        using (var onTime = await NewsroomPortal.ActAsync(editor, id, "schedule", new() { ["scheduleAt"] = local.AddMinutes(1).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, onTime.StatusCode);
        }

        await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.PublishedAt, DateTime.UtcNow.AddSeconds(-1)), Ct));
        await portal.App.Services.GetRequiredService<ScheduledPublisher>().PublishDueAsync(Ct);
        Assert.Equal(ArticleStatus.Scheduled, await portal.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Status).FirstAsync(Ct)));

        // The editor may end it early; that is audited as its own decision, and then the article can go out.
        (await NewsroomPortal.ActAsync(editor, id, "unschedule")).Dispose();
        var form = await NewsroomPortal.PageAsync(editor, $"/newsroom/articles/{id}");
        fields["Form.Embargo"] = string.Empty;
        fields["Form.BaseRevision"] = form.QuerySelector("input[name='Form.BaseRevision']")!.GetAttribute("value")!;
        using (var lifted = await NewsroomPortal.PostFormAsync(editor, $"/newsroom/articles/{id}", $"/newsroom/articles/{id}?handler=Save", fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, lifted.StatusCode);
        }

        using (var published = await NewsroomPortal.ActAsync(editor, id, "publish"))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        var audit = await portal.WithDbAsync(db => db.AuditLog.Where(a => a.ArticleId == id && a.Action == "embargo").OrderBy(a => a.Id).Select(a => a.Actor + ":" + a.Detail).ToListAsync(Ct));
        Assert.Equal(2, audit.Count);
        Assert.StartsWith("李记者:禁发至 ", audit[0], StringComparison.Ordinal);
        Assert.Equal("陈编辑:解除禁发", audit[1]);
    }
}

[Collection(NewsroomGroup.Name)]
public sealed class EmbargoTestsOnSqlite(NewsroomPortal portal) : EmbargoTests(portal);

[Collection(PostgresNewsroomGroup.Name)]
[OnPostgres]
public sealed class EmbargoTestsOnPostgres(PostgresNewsroomPortal portal) : EmbargoTests(portal);
