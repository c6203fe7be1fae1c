using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Accessibility;

/// <summary>The reading preferences as a page of its own, for readers without JavaScript (the toolbar posts here).</summary>
public sealed class PreferencesModel : PageModel
{
    public ReaderPreferences Preferences { get; private set; } = null!;

    public void OnGet()
    {
        Preferences = ReaderPreferences.From(HttpContext);
        ViewData.SetMeta(new PageMeta { Title = Ui.A11yToolbar, CanonicalPath = "/preferences", NoIndex = true });
    }
}
