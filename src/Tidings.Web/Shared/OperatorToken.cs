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

        if (!IsPresented(context.HttpContext))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "Send the operator token as 'Authorization: Bearer <token>'.");
        }

        return await next(context);
    }

    /// <summary>Whether the request carries the configured operator token (false when none is configured).</summary>
    public static bool IsPresented(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var configured = http.RequestServices.GetRequiredService<IConfiguration>()["Tidings:OperatorToken"];
        var header = http.Request.Headers.Authorization.ToString();
        var given = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : string.Empty;
        return !string.IsNullOrEmpty(configured) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(configured));
    }
}
