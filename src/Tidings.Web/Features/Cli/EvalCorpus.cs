using System.Text.Json;

namespace Tidings.Web.Features.Cli;

/// <summary>
/// A labelled evaluation corpus: a TSV whose header names its columns (title, and optionally category and segmented,
/// as in the NLPCC headline set), or import JSONL (title, channel, and a body, or the demo content's paragraphs).
/// </summary>
internal static class EvalCorpus
{
    public sealed record Row(string Title, string? Category, string? Segmented, string? Body = null);

    /// <summary>Runs an evaluation in the given data directory, or in a throwaway one that is deleted afterwards.</summary>
    public static async Task<int> InDataDirectoryAsync(string? directory, Func<string, Task<int>> run)
    {
        var temporary = directory is null;
        directory ??= Path.Combine(Path.GetTempPath(), "tidings-eval-" + Guid.NewGuid().ToString("N"));
        try
        {
            return await run(directory);
        }
        finally
        {
            if (temporary && Directory.Exists(directory))
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    public static List<Row> Read(FileInfo file)
    {
        var rows = new List<Row>();
        using var reader = file.OpenText();
        var first = reader.ReadLine() ?? string.Empty;
        if (first.TrimStart().StartsWith('{'))
        {
            for (var line = first; line is not null; line = reader.ReadLine())
            {
                if (line.Length == 0)
                {
                    continue;
                }

                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                var body = root.TryGetProperty("body", out var text) ? text.GetString()
                    : root.TryGetProperty("paragraphs", out var paragraphs) ? string.Join('\n', paragraphs.EnumerateArray().Select(p => p.GetString()))
                    : null;
                rows.Add(new Row(
                    root.GetProperty("title").GetString() ?? string.Empty,
                    root.TryGetProperty("channel", out var channel) ? channel.GetString() : null,
                    null,
                    body));
            }

            return rows;
        }

        var header = first.Split('\t');
        var titleColumn = Array.IndexOf(header, "title");
        var categoryColumn = Array.IndexOf(header, "category");
        var segmentedColumn = Array.IndexOf(header, "segmented");
        if (titleColumn < 0)
        {
            throw new InvalidOperationException("The TSV header has no 'title' column.");
        }

        while (reader.ReadLine() is { } line)
        {
            var cells = line.Split('\t');
            if (cells.Length <= titleColumn || cells[titleColumn].Length == 0)
            {
                continue;
            }

            rows.Add(new Row(
                cells[titleColumn],
                categoryColumn >= 0 && categoryColumn < cells.Length ? cells[categoryColumn] : null,
                segmentedColumn >= 0 && segmentedColumn < cells.Length ? cells[segmentedColumn] : null));
        }

        return rows;
    }
}
