using System.Security.Cryptography;
using System.Text;

namespace Tidings.Web.Shared;

/// <summary>
/// Until the newsroom brings accounts, editorial and moderation endpoints need the operator token
/// (<c>Tidings:OperatorToken</c>, sent as <c>Authorization: Bearer …</c>); with none configured they are closed.
/// </summary>
internal static class OperatorToken
{
    public static async ValueTask<object?> RequireAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var configured = context.HttpContext.RequestServices.GetRequiredService<IConfiguration>()["Tidings:OperatorToken"];
        if (string.IsNullOrEmpty(configured))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Set Tidings:OperatorToken to use the editorial API.");
        }

        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        var given = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : string.Empty;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(configured)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "Send the operator token as 'Authorization: Bearer <token>'.");
        }

        return await next(context);
    }
}
