using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using JiebaNet.Segmenter;

namespace Tidings.Core.Text;

/// <summary>
/// Chinese word segmentation on jieba.NET, with the folding search needs: full-width letters and digits become
/// ASCII, control characters go, Latin is lower-cased in tokens. One instance per process; it is thread-safe
/// (each thread gets its own jieba segmenter over the shared, read-only dictionary).
/// </summary>
public sealed class ChineseSegmenter : IDisposable
{
    private static readonly Lock InitLock = new();
    private static bool _configured;

    private readonly ThreadLocal<JiebaSegmenter> _jieba;
    private readonly FrozenSet<string> _stopWords;

    /// <param name="userDictionaryPath">jieba user dictionary (one "word [frequency] [tag]" a line); optional.</param>
    public ChineseSegmenter(string? userDictionaryPath = null)
    {
        lock (InitLock)
        {
            if (!_configured)
            {
                // jieba resolves "Resources" against the working directory unless told otherwise; the build copies
                // its dictionaries next to our assemblies.
                ConfigManager.ConfigFileBaseDir = Path.Combine(AppContext.BaseDirectory, "Resources");
                _configured = true;
            }

            var loader = new JiebaSegmenter();
            if (userDictionaryPath is not null && File.Exists(userDictionaryPath))
            {
                // jieba keeps its dictionary process-wide, so this also serves every other instance.
                loader.LoadUserDict(userDictionaryPath);
            }

            // jieba loads its dictionaries on first use; pay that here, where callers can overlap it with other work.
            _ = loader.Cut("预热").ToList();
        }

        _jieba = new ThreadLocal<JiebaSegmenter>(() => new JiebaSegmenter());
        _stopWords = LoadStopWords();
    }

    /// <summary>Adds words at run time (e.g. names the portal knows); indexed text changes only after a reindex.</summary>
    public void AddWords(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        foreach (var word in words.Select(w => w.Trim()).Where(w => w.Length > 1))
        {
            _jieba.Value!.AddWord(word);
        }
    }

    /// <summary>
    /// Accurate-mode segmentation of folded text, keeping every character (spaces and punctuation are segments too),
    /// so joining the segments gives the folded text back.
    /// </summary>
    public IEnumerable<string> Cut(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = Fold(text);
        return folded.Length == 0 ? [] : _jieba.Value!.Cut(folded, cutAll: false, hmm: true);
    }

    /// <summary>The words of a text: accurate-mode segments that hold a letter or digit, lower-cased.</summary>
    public IEnumerable<string> Words(string text) => Cut(text).Where(IsWord).Select(w => w.ToLowerInvariant());

    /// <summary>The shorter dictionary words inside one long word (search mode), for recall on partial queries.</summary>
    public IEnumerable<string> SubWords(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.Length < 3
            ? []
            : _jieba.Value!.CutForSearch(word, hmm: false).Where(w => w.Length < word.Length && IsWord(w)).Select(w => w.ToLowerInvariant());
    }

    public bool IsStopWord(string word) => _stopWords.Contains(word);

    /// <summary>A segment is a word when it contains a letter or digit (not only spaces or punctuation).</summary>
    public static bool IsWord(string segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        foreach (var c in segment)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Full-width ASCII letters, digits and space become half-width; control characters and separators
    /// that break matching (zero-width spaces, soft hyphens) go. Chinese punctuation stays as written.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var mapped = c switch
            {
                >= '０' and <= '９' => (char)(c - '０' + '0'),
                >= 'Ａ' and <= 'Ｚ' => (char)(c - 'Ａ' + 'A'),
                >= 'ａ' and <= 'ｚ' => (char)(c - 'ａ' + 'a'),
                '\u3000' or '\t' or '\r' or '\n' => ' ',
                _ when char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format => '\0',
                _ => c,
            };
            if (mapped == c && sb is null)
            {
                continue;
            }

            sb ??= new StringBuilder(text.Length).Append(text, 0, i);
            if (mapped != '\0')
            {
                sb.Append(mapped);
            }
        }

        return sb?.ToString() ?? text;
    }

    public void Dispose() => _jieba.Dispose();

    private static FrozenSet<string> LoadStopWords()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Resources", "stopwords.txt");
        var words = File.Exists(path)
            ? File.ReadLines(path).Select(l => l.Trim().TrimStart('\uFEFF').ToLowerInvariant()).Where(l => l.Length > 0)
            : [];
        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
