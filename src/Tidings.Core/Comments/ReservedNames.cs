using Tidings.Core.Text;

namespace Tidings.Core.Comments;

/// <summary>
/// Names a reader may not post or register under, because readers would take them for the site speaking: the site's
/// own name anywhere in the nickname ("潮讯网官方"), and the exact name of a staff account or of a source (a media or
/// self-media account). Names are compared folded as the word filter folds them, so "陈 编 辑", full-width letters or
/// traditional variants do not slip through.
/// </summary>
public sealed class ReservedNames
{
    private readonly SensitiveTextNormalizer _normalizer;
    private readonly string _site;
    private readonly string _siteFolded;
    private readonly Dictionary<string, string> _exact = new(StringComparer.Ordinal);

    public ReservedNames(string siteName, IEnumerable<string> names, SensitiveTextNormalizer normalizer)
    {
        ArgumentNullException.ThrowIfNull(siteName);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(normalizer);
        _normalizer = normalizer;
        _site = siteName;
        _siteFolded = Fold(siteName);
        foreach (var name in names)
        {
            var folded = Fold(name);
            if (folded.Length > 0)
            {
                _exact.TryAdd(folded, name);
            }
        }
    }

    /// <summary>The reserved name <paramref name="nickname"/> would pass for, or null when it is free to use.</summary>
    public string? Imitates(string nickname)
    {
        ArgumentNullException.ThrowIfNull(nickname);
        var folded = Fold(nickname);
        if (folded.Length == 0)
        {
            return null;
        }

        if (_siteFolded.Length > 0 && folded.Contains(_siteFolded, StringComparison.Ordinal))
        {
            return _site;
        }

        return _exact.TryGetValue(folded, out var name) ? name : null;
    }

    private string Fold(string text) => _normalizer.Normalize(text).Replace(SensitiveTextNormalizer.SentenceBreak.ToString(), string.Empty, StringComparison.Ordinal);
}
