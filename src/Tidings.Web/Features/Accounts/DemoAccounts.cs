using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidings.Core.Accounts;
using Tidings.Core.Data;
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
            await admin.CreateAsync(user, name, Password, sourceSlug is null && role == Roles.Creator ? [] : [role], sourceSlug, ct);
        }
    }
}
