using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Accessibility;

/// <summary>无障碍声明: the standards the site follows, what it does, its known limits and whom to tell.</summary>
public sealed class StatementModel(SiteContext site) : PageModel
{
    public void OnGet() => ViewData.SetMeta(new PageMeta
    {
        Title = Ui.AccessibilityStatement,
        Description = site.SiteName + "的无障碍目标、做法、已知局限与联系方式。",
        CanonicalPath = "/accessibility",
    });
}
