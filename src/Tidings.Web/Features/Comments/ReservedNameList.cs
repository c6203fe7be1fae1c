using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Tidings.Core.Comments;
using Tidings.Core.Data;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Comments;

/// <summary>
/// The site's current <see cref="ReservedNames"/>: its name, every staff account's display name and every source's
/// name, read from the database at most every half minute per node (a new editor's name is protected within that).
/// </summary>
public sealed class ReservedNameList(IServiceScopeFactory scopes, IMemoryCache cache, ModerationLists lists, SiteContext site)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>The reserved name <paramref name="nickname"/> would pass for, or null.</summary>
    public async Task<string?> ImitatesAsync(string nickname, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(nickname);
        if (nickname.Length == 0)
        {
            return null;
        }

        var names = await cache.GetOrCreateAsync("reserved-names", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TidingsDbContext>();
            var staff = await db.Users.Where(u => db.UserRoles.Any(r => r.UserId == u.Id)).Select(u => u.DisplayName).ToListAsync(ct);
            var sources = await db.Sources.Select(s => s.Name).ToListAsync(ct);
            return new ReservedNames(site.SiteName, staff.Concat(sources), lists.Words.Normalizer);
        });
        return names!.Imitates(nickname);
    }
}
