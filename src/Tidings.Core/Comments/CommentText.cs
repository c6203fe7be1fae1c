using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Tidings.Core.Comments;

/// <summary>Comment bodies and nicknames are plain text: cleaned on the way in, escaped on the way out.</summary>
public static partial class CommentText
{
    /// <summary>
    /// Line endings to \n, control and zero-width characters out (they only hide text), trailing spaces and runs of
    /// blank lines trimmed.
    /// </summary>
    public static string CleanBody(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'))
        {
            if (c == '\n' || c == '\t' || !(char.IsControl(c) || IsInvisible(c)))
            {
                builder.Append(c == '\t' ? ' ' : c);
            }
        }

        var lines = builder.ToString().Split('\n').Select(l => l.TrimEnd());
        var cleaned = ExtraBlankLines().Replace(string.Join('\n', lines), "\n\n");
        return cleaned.Trim();
    }

    /// <summary>One line, no controls or invisible characters, inner whitespace collapsed.</summary>
    public static string CleanNickname(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var kept = new string(text.Where(c => !char.IsControl(c) && !IsInvisible(c)).ToArray());
        return Whitespace().Replace(kept, " ").Trim();
    }

    /// <summary>Escaped HTML with line breaks kept and web addresses linked (rel nofollow ugc: readers' links earn
    /// no ranking and get no window.opener).</summary>
    public static string ToHtml(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var html = new StringBuilder(body.Length + 32);
        var last = 0;
        foreach (Match m in Url().Matches(body))
        {
            var url = m.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', '\'', '"');
            html.Append(Encode(body[last..m.Index]));
            var encoded = WebUtility.HtmlEncode(url);
            html.Append("<a href=\"").Append(encoded).Append("\" rel=\"nofollow ugc noopener\">").Append(encoded).Append("</a>");
            last = m.Index + url.Length;
        }

        html.Append(Encode(body[last..]));
        return html.ToString();
    }

    /// <summary>A 64-bit fingerprint of a body as the sensitive-word normalizer folds it, for duplicate detection.</summary>
    public static long ContentHash(string folded)
    {
        ArgumentNullException.ThrowIfNull(folded);
        return BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(folded)), 0);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text).Replace("\n", "<br>", StringComparison.Ordinal);

    private static bool IsInvisible(char c) =>
        char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format;

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex ExtraBlankLines();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>http(s) addresses up to whitespace, quotes, angle brackets or Chinese punctuation.</summary>
    [GeneratedRegex(@"https?://[^\s<>""'，。！？、；：（）【】《》「」]+", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 100)]
    private static partial Regex Url();
}
