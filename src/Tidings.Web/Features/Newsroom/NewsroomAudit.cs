using System.Security.Claims;
using Tidings.Core.Data;
using Tidings.Core.Newsroom;
using Tidings.Core.Text;
using Tidings.Web.Features.Accounts;

namespace Tidings.Web.Features.Newsroom;

/// <summary>The one way newsroom pages write the audit log: the signed-in person's name, clipped to the columns.</summary>
internal static class NewsroomAudit
{
    /// <summary>The name an action is recorded under.</summary>
    public static string ActorName(ClaimsPrincipal user) => Clip(user.DisplayName(), AuditEntry.ActorMaxLength);

    /// <summary>Adds the line to the context; it commits with the change it describes.</summary>
    public static void Audit(this TidingsDbContext db, ClaimsPrincipal user, DateTime at, string action, int? articleId = null, string? detail = null) =>
        db.AuditLog.Add(new AuditEntry
        {
            At = at,
            Actor = ActorName(user),
            Action = action,
            ArticleId = articleId,
            Detail = detail is null ? null : Clip(detail, AuditEntry.DetailMaxLength),
        });

    private static string Clip(string value, int max) => UnicodeText.Prefix(value, max);
}
