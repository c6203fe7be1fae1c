using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidings.Core.Accounts;
using Tidings.Core.Data;
using Tidings.Core.Newsroom;
using Tidings.Web.Features.Newsroom;

namespace Tidings.Web.Features.Accounts;

/// <summary>
/// One newsroom account per role for the demo portal, so `dotnet run` shows the newsroom too. Only with
/// <c>Tidings:Newsroom:DemoAccounts</c> (set in appsettings.Development.json) and only on a database without accounts:
/// a production site gets its first admin from the `users add` verb instead.
/// </summary>
internal static class DemoAccounts
{
    /// <summary>Known to everyone who reads the README: never enable demo accounts on a public site.</summary>
    public const string Password = "tidings-demo";

    private static readonly (string User, string Name, string Role, string? Source)[] Accounts =
    [
        ("admin", "王晓岚", Roles.Admin, null),
        ("editor", "陈一舟", Roles.Editor, null),
        ("writer", "李沐", Roles.Writer, null),
        ("moderator", "赵若溪", Roles.Moderator, null),
        ("creator", "老周", Roles.Creator, "laozhou-finance"),
        ("reader", "林间读者", string.Empty, null),
    ];

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        if (!services.GetRequiredService<IOptions<NewsroomOptions>>().Value.DemoAccounts)
        {
            return;
        }

        var db = services.GetRequiredService<TidingsDbContext>();
        if (await db.Users.AnyAsync(ct))
        {
            return;
        }

        var admin = ActivatorUtilities.CreateInstance<AccountAdmin>(services);
        foreach (var (user, name, role, source) in Accounts)
        {
            var sourceSlug = source is not null && await db.Sources.AnyAsync(s => s.Slug == source, ct) ? source : null;
            await admin.CreateAsync(user, name, Password, role.Length == 0 || (sourceSlug is null && role == Roles.Creator) ? [] : [role], sourceSlug, ct);
        }

        await DeskWorkAsync(services, db, ct);
    }

    /// <summary>
    /// Work in progress for the demo desk, written through the newsroom's own code path: the writer's draft, revised
    /// once, and the creator's column sent to review, so 工作台, the lists, a diff and the audit log have something in them.
    /// </summary>
    private static async Task DeskWorkAsync(IServiceProvider services, TidingsDbContext db, CancellationToken ct)
    {
        var users = services.GetRequiredService<UserManager<TidingsUser>>();
        var principals = services.GetRequiredService<IUserClaimsPrincipalFactory<TidingsUser>>();
        var desk = services.GetRequiredService<ArticleDesk>();
        var finance = await db.Channels.Where(c => c.Slug == "finance").Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        var local = await db.Channels.Where(c => c.Slug == "local").Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        var portal = await db.Sources.OrderBy(s => s.Id).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct);
        if (await users.FindByNameAsync("writer") is not { } writer || await users.FindByNameAsync("creator") is not { } creator || portal is null)
        {
            return;
        }

        var writerPrincipal = await principals.CreateAsync(writer);
        var draft = new ArticleForm
        {
            Title = "老城区雨污分流改造进入收尾阶段",
            Body = "记者从市住建部门获悉，老城区雨污分流改造工程已完成九成，剩余的三条背街小巷将在月底前完工。\n\n" +
                "施工期间，部分路段夜间封闭，公交线路临时绕行。住建部门提醒沿线居民留意小区公告。",
            ChannelId = local,
            SourceId = portal,
            Tags = "城建，民生",
        };
        var saved = await desk.SaveAsync(writerPrincipal, null, draft, null, ct);
        if (saved.ArticleId is { } draftId)
        {
            draft.BaseRevision = 1;
            draft.Body = draft.Body.Replace("九成", "九成以上", StringComparison.Ordinal).Replace("月底前", "本月二十五日前", StringComparison.Ordinal);
            await desk.SaveAsync(writerPrincipal, draftId, draft, null, ct);
        }

        var column = new ArticleForm
        {
            Title = "老周聊财经：年底发奖金，先还贷还是先理财？",
            Body = "每到年底，总有读者问我：奖金到手，是提前还房贷，还是拿去理财？\n\n" +
                "我的看法很简单：先看利率。房贷利率高于稳健理财的收益，就优先还贷；反过来，就先留足半年的生活费，再考虑理财。\n\n" +
                "**别忘了**：应急的钱永远排在第一位。",
            ChannelId = finance,
            SourceId = creator.SourceId,
            Tags = "理财，房贷",
        };
        var creatorPrincipal = await principals.CreateAsync(creator);
        if ((await desk.SaveAsync(creatorPrincipal, null, column, null, ct)).ArticleId is { } columnId)
        {
            await desk.ActAsync(creatorPrincipal, columnId, EditorialAction.Submit, null, null, (await desk.CurrentRevisionAsync(columnId, ct)).Number, ct);
        }

        // A reader's 入驻 application waiting in the admins' queue.
        var nature = await db.Channels.Where(c => c.Slug == "local").Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        if (await users.FindByNameAsync("reader") is { } reader && nature is not null)
        {
            var application = new Tidings.Core.Creators.ApplicationForm(
                "城郊观鸟记",
                "chengjiao-birds",
                "周末在城郊湿地观鸟，记录候鸟的来去和湿地的四季，也写写怎样不打扰它们。",
                nature,
                null,
                Tidings.Core.Sources.AccountKind.Personal,
                "birdwatcher@example.org",
                null,
                AcceptTerms: true);
            await services.GetRequiredService<Creators.CreatorApplications>().SubmitAsync(await principals.CreateAsync(reader), application, null, ct);
        }
    }
}
