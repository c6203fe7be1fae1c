namespace Tidings.Core.Text;

/// <summary>
/// The one syntax of the operator's list files (bots.txt, the word lists, variants.txt, ip-regions.txt): one entry a
/// line, surrounding space ignored, blank lines and lines starting with # skipped.
/// </summary>
public static class OperatorLists
{
    /// <summary>The entries, trimmed, each with its 1-based line number for error messages.</summary>
    public static IEnumerable<(int Number, string Text)> Entries(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var text = raw.Trim();
            if (text.Length > 0 && !text.StartsWith('#'))
            {
                yield return (number, text);
            }
        }
    }
}
