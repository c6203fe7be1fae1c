using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Accessibility;

/// <summary>无障碍声明: the standards the site follows, what it does, its known limits and whom to tell.</summary>
public sealed class StatementModel(SiteContext site) : PageModel
{
    public void OnGet() => ViewData.SetMeta(new PageMeta
    {
        Title = Ui.AccessibilityStatement,
        Description = Phrase.Format(Ui.AccessibilityDescription, site.SiteName),
        CanonicalPath = "/accessibility",
    });
}
