namespace Tidings.Core.Text;

public static class Excerpt
{
    /// <summary>Shortens reader or operator input for echoing in a message or title, marking the cut with "…".</summary>
    public static string Clip(string value, int maxLength = 40)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= maxLength ? value : UnicodeText.Prefix(value, maxLength) + "…";
    }
}
