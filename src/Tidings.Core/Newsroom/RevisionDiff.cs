using DiffPlex;
using DiffPlex.Chunkers;

namespace Tidings.Core.Newsroom;

public enum DiffKind
{
    Same,
    Removed,
    Added,
}

public sealed record DiffSpan(DiffKind Kind, string Text);

/// <summary>
/// A readable diff between two versions of an article's text. Lines (paragraphs) are compared first; a changed
/// paragraph is then compared character by character, because Chinese has no spaces to split words on and a
/// one-character fix should show as one character, not as a whole paragraph replaced.
/// </summary>
public static class RevisionDiff
{
    // Character diffs are quadratic in the worst case; beyond this a changed block shows as removed + added.
    private const int MaxCharacterDiff = 20_000;

    public static IReadOnlyList<DiffSpan> Compute(string oldText, string newText)
    {
        ArgumentNullException.ThrowIfNull(oldText);
        ArgumentNullException.ThrowIfNull(newText);
        var spans = new List<DiffSpan>();
        var lines = Differ.Instance.CreateDiffs(Normalize(oldText), Normalize(newText), ignoreWhiteSpace: false, ignoreCase: false, new LineEndingsPreservingChunker());
        var a = 0;
        foreach (var block in lines.DiffBlocks)
        {
            for (; a < block.DeleteStartA; a++)
            {
                Add(spans, DiffKind.Same, lines.PiecesOld[a]);
            }

            var removed = string.Concat(lines.PiecesOld.Skip(block.DeleteStartA).Take(block.DeleteCountA));
            var added = string.Concat(lines.PiecesNew.Skip(block.InsertStartB).Take(block.InsertCountB));
            if (removed.Length > 0 && added.Length > 0 && removed.Length + added.Length <= MaxCharacterDiff)
            {
                CharacterDiff(spans, removed, added);
            }
            else
            {
                Add(spans, DiffKind.Removed, removed);
                Add(spans, DiffKind.Added, added);
            }

            a = block.DeleteStartA + block.DeleteCountA;
        }

        for (; a < lines.PiecesOld.Count; a++)
        {
            Add(spans, DiffKind.Same, lines.PiecesOld[a]);
        }

        return spans;
    }

    /// <summary>How many characters were removed and added.</summary>
    public static (int Removed, int Added) Count(IReadOnlyList<DiffSpan> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        return (spans.Where(s => s.Kind == DiffKind.Removed).Sum(s => s.Text.Length), spans.Where(s => s.Kind == DiffKind.Added).Sum(s => s.Text.Length));
    }

    private static void CharacterDiff(List<DiffSpan> spans, string removed, string added)
    {
        var chars = Differ.Instance.CreateDiffs(removed, added, ignoreWhiteSpace: false, ignoreCase: false, new CharacterChunker());
        var a = 0;
        foreach (var block in chars.DiffBlocks)
        {
            if (block.DeleteStartA > a)
            {
                Add(spans, DiffKind.Same, removed[a..block.DeleteStartA]);
            }

            Add(spans, DiffKind.Removed, removed.Substring(block.DeleteStartA, block.DeleteCountA));
            Add(spans, DiffKind.Added, added.Substring(block.InsertStartB, block.InsertCountB));
            a = block.DeleteStartA + block.DeleteCountA;
        }

        if (a < removed.Length)
        {
            Add(spans, DiffKind.Same, removed[a..]);
        }
    }

    private static void Add(List<DiffSpan> spans, DiffKind kind, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (spans.Count > 0 && spans[^1].Kind == kind)
        {
            spans[^1] = spans[^1] with { Text = spans[^1].Text + text };
            return;
        }

        spans.Add(new DiffSpan(kind, text));
    }

    private static string Normalize(string text)
    {
        var s = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        return s.Length == 0 || s.EndsWith('\n') ? s : s + "\n";
    }

    /// <summary>Splits after each newline and keeps it, so concatenating the pieces gives the text back.</summary>
    private sealed class LineEndingsPreservingChunker : IChunker
    {
        public IReadOnlyList<string> Chunk(string text)
        {
            var pieces = new List<string>();
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n')
                {
                    pieces.Add(text[start..(i + 1)]);
                    start = i + 1;
                }
            }

            if (start < text.Length)
            {
                pieces.Add(text[start..]);
            }

            return pieces;
        }
    }
}
