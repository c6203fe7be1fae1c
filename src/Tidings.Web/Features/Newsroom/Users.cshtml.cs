using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Accounts;
using Tidings.Core.Data;
using Tidings.Core.Sources;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Newsroom;

public sealed record UserRow(int Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, string? Source, bool Locked, DateTime CreatedAt);

/// <summary>Accounts: admins create staff accounts, change roles and lock or unlock sign-in. Every change is audited.</summary>
public sealed class UsersModel(
    TidingsDbContext db,
    UserManager<TidingsUser> users,
    AccountAdmin admin,
    SiteContext site,
    SessionCheck sessions,
    [FromKeyedServices(Throttle.Newsroom)] Throttle throttle) : PageModel
{
    public const int PageSize = 100;

    public IReadOnlyList<UserRow> Rows { get; private set; } = [];
    public IReadOnlyList<Choice> SelfMedia { get; private set; } = [];
    public string? Error { get; private set; }

    [TempData]
    public string? Flash { get; set; }

    [BindProperty]
    public string? NewUserName { get; set; }

    [BindProperty]
    public string? NewDisplayName { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public List<string> NewRoles { get; set; } = [];

    [BindProperty]
    public string? NewSource { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!User.Can(Permission.ManageUsers))
        {
            return Forbid();
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (await GuardAsync(ct) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(NewUserName) || string.IsNullOrWhiteSpace(NewPassword) || NewUserName.Length > TidingsUser.UserNameMaxLength)
        {
            Error = NewsroomText.ErrorNewAccount;
            await LoadAsync(ct);
            return this.Refused(StatusCodes.Status400BadRequest);
        }

        var (user, errors) = await admin.CreateAsync(NewUserName, string.IsNullOrWhiteSpace(NewDisplayName) ? NewUserName : NewDisplayName, NewPassword, NewRoles, string.IsNullOrEmpty(NewSource) ? null : NewSource, ct);
        if (user is null)
        {
            Error = string.Join(' ', errors);
            await LoadAsync(ct);
            return this.Refused(StatusCodes.Status400BadRequest);
        }

        db.Audit(User, site.UtcNow, "user-create", detail: $"{user.UserName} ({string.Join(",", NewRoles)})");
        await db.SaveChangesAsync(ct);
        Flash = Phrase.Format(NewsroomText.AccountCreated, user.UserName);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRolesAsync(int id, List<string>? roles, CancellationToken ct)
    {
        if (await GuardAsync(ct) is { } refused)
        {
            return refused;
        }

        var user = await users.FindByIdAsync(id.ToString(CultureInfo.InvariantCulture));
        if (user is null)
        {
            return NotFound();
        }

        var wanted = roles ?? [];
        // An admin cannot lock the site out of its own account page by removing the last admin.
        if (!wanted.Contains(Roles.Admin) && (await users.IsInRoleAsync(user, Roles.Admin)) && (await users.GetUsersInRoleAsync(Roles.Admin)).Count == 1)
        {
            Error = NewsroomText.ErrorLastAdmin;
            await LoadAsync(ct);
            return this.Refused(StatusCodes.Status409Conflict);
        }

        var errors = await admin.SetRolesAsync(user, wanted);
        if (errors.Count > 0)
        {
            Error = string.Join(' ', errors);
            await LoadAsync(ct);
            return this.Refused(StatusCodes.Status400BadRequest);
        }

        sessions.Forget(user.Id);
        db.Audit(User, site.UtcNow, "user-roles", detail: $"{user.UserName}: {string.Join(",", wanted)}");
        await db.SaveChangesAsync(ct);
        Flash = Phrase.Format(NewsroomText.RolesChanged, user.UserName);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostLockAsync(int id, bool locked, CancellationToken ct)
    {
        if (await GuardAsync(ct) is { } refused)
        {
            return refused;
        }

        var user = await users.FindByIdAsync(id.ToString(CultureInfo.InvariantCulture));
        if (user is null)
        {
            return NotFound();
        }

        if (locked && user.Id == User.UserId())
        {
            Error = NewsroomText.ErrorLockSelf;
            await LoadAsync(ct);
            return this.Refused(StatusCodes.Status409Conflict);
        }

        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        // Signed-in sessions of a locked account end at once here, within Tidings:Accounts:SessionCheckSeconds elsewhere.
        await users.UpdateSecurityStampAsync(user);
        sessions.Forget(user.Id);
        db.Audit(User, site.UtcNow, locked ? "user-lock" : "user-unlock", detail: user.UserName);
        await db.SaveChangesAsync(ct);
        Flash = Phrase.Format(locked ? NewsroomText.AccountLocked : NewsroomText.AccountUnlocked, user.UserName);
        return RedirectToPage();
    }


    private async Task<IActionResult?> GuardAsync(CancellationToken ct)
    {
        if (!User.Can(Permission.ManageUsers))
        {
            return Forbid();
        }

        if (await throttle.TryAcquireAsync("user:" + User.UserId()) is { } wait)
        {
            await LoadAsync(ct);
            return this.TooFast(wait);
        }

        return null;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        ViewData["Section"] = "users";
        ViewData.SetMeta(new PageMeta { Title = Ui.Users, NoIndex = true });
        var now = site.UtcNow;
        var roles = (await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct))
            .ToLookup(r => r.UserId, r => r.Name!);
        var sources = await db.Sources.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        // All staff (they have roles), then the newest readers; reader accounts can be many.
        var staff = await db.Users.AsNoTracking().Where(u => db.UserRoles.Any(r => r.UserId == u.Id)).OrderBy(u => u.Id).ToListAsync(ct);
        var readers = await db.Users.AsNoTracking().Where(u => !db.UserRoles.Any(r => r.UserId == u.Id)).OrderByDescending(u => u.Id).Take(PageSize).ToListAsync(ct);
        Rows = staff.Concat(readers)
            .Select(u => new UserRow(u.Id, u.UserName!, u.DisplayName, roles[u.Id].ToList(), u.SourceId is { } s ? sources.GetValueOrDefault(s) : null, u.LockoutEnd > new DateTimeOffset(now), u.CreatedAt))
            .ToList();
        SelfMedia = await db.Sources.AsNoTracking().Where(s => s.Kind == SourceKind.SelfMedia).OrderBy(s => s.Id).Select(s => new Choice(s.Id, s.Slug + "|" + s.Name)).ToListAsync(ct);
    }
}
