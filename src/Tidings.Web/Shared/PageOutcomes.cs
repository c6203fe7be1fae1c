using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tidings.Web.Shared;

/// <summary>How a form page answers a refused post: the same page, what the user typed kept, the reason in words.</summary>
internal static class PageOutcomes
{
    public static IActionResult TooFast(this PageModel page, int retryAfterSeconds)
    {
        ArgumentNullException.ThrowIfNull(page);
        page.ModelState.AddModelError(string.Empty, Phrase.Count(Ui.ErrorTooFast, Ui.ErrorTooFastOne, retryAfterSeconds));
        page.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return page.Refused(StatusCodes.Status429TooManyRequests);
    }

    /// <summary>A page that costs work, asked for too often: a plain 429 page with the wait, nothing computed.</summary>
    public static IActionResult TooBusy(this PageModel page, int retryAfterSeconds)
    {
        ArgumentNullException.ThrowIfNull(page);
        page.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return new ContentResult
        {
            StatusCode = StatusCodes.Status429TooManyRequests,
            ContentType = "text/plain; charset=utf-8",
            Content = Phrase.Count(Ui.ErrorTooBusy, Ui.ErrorTooBusyOne, retryAfterSeconds),
        };
    }

    /// <summary>Re-renders the page with <paramref name="status"/> (400, 403, 409 ...) so tools and tests see the refusal.</summary>
    public static IActionResult Refused(this PageModel page, int status)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = page.Page();
        page.Response.StatusCode = status;
        return result;
    }
}
