using System.Text;
using System.Text.RegularExpressions;

namespace Tidings.Tests.Languages;

/// <summary>
/// Words a person reads come from the resources, not from code: no Chinese in the web project's code, views or
/// scripts, and no English sentence written into a view, outside a short list of files whose text is content (demo
/// data, starter word lists, the statement written once per language) and the lines where words are not interface
/// (log messages, API and CLI descriptions for developers and operators). The scan reads the source tree, so it runs
/// wherever the repository is checked out.
/// </summary>
public sealed partial class LiteralsTests
{
    /// <summary>Files whose words are content, each with why.</summary>
    private static readonly Dictionary<string, string> ContentFiles = new(StringComparer.Ordinal)
    {
        ["Features/Accessibility/_Statement.zh-CN.cshtml"] = "the accessibility statement, written once per language",
        ["Features/Accessibility/_Statement.en.cshtml"] = "the accessibility statement, written once per language",
        ["Features/Accounts/DemoAccounts.cs"] = "demo accounts and their drafts",
        ["Features/Comments/StarterLists.cs"] = "the starter moderation word lists an operator edits",
        ["Features/Newsroom/MiswrittenList.cs"] = "the starter list of commonly miswritten words",
        ["Infrastructure/DataExtensions.cs"] = "the README written into a new data directory",
        ["Infrastructure/TidingsOptions.cs"] = "the demo brand as the default site name",
        ["Features/Comments/CommentsOptions.cs"] = "the demo brand's default commenter name",
    };

    /// <summary>
    /// The CLI is the operator's tool and speaks English, naming the product's parts by their Chinese names
    /// (相关推荐, 原创) as the README does.
    /// </summary>
    private const string CliFolder = "Features/Cli/";

    /// <summary>Words that are the same in both languages (format names).</summary>
    private static readonly string[] SameInBothLanguages = ["RSS", "Atom", "JSON"];

    /// <summary>Lines whose words are for developers, operators or the log, not the interface.</summary>
    [GeneratedRegex(@"LoggerMessage|WithSummary\(|WithDescription\(|new Command\(|new Option<|Description = |GeneratedRegex|ArgumentException|InvalidOperationException")]
    private static partial Regex NotInterface();


    [GeneratedRegex(@"'(?:[^'\\\n]|\\.)'")]
    private static partial Regex CharLiteral();

    private static string WebProject()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tidings.slnx")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        return Path.Combine(dir.FullName, "src", "Tidings.Web");
    }

    private static IEnumerable<(string Path, string Text)> Sources(params string[] patterns)
    {
        var root = WebProject();
        foreach (var pattern in patterns)
        {
            foreach (var file in Directory.EnumerateFiles(root, pattern, SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal) || ContentFiles.ContainsKey(relative) || relative.StartsWith(CliFolder, StringComparison.Ordinal))
                {
                    continue;
                }

                yield return (relative, File.ReadAllText(file));
            }
        }
    }

    /// <summary>Blanks comments (C#, Razor, HTML, JS), keeping line breaks so line numbers still point right.</summary>
    internal static string WithoutComments(string text)
    {
        var b = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var rest = text.AsSpan(i);
            string? end = rest.StartsWith("@*", StringComparison.Ordinal) ? "*@"
                : rest.StartsWith("<!--", StringComparison.Ordinal) ? "-->"
                : rest.StartsWith("/*", StringComparison.Ordinal) ? "*/"
                : rest.StartsWith("//", StringComparison.Ordinal) && (i == 0 || text[i - 1] != ':') ? "\n"
                : null;
            if (end is null)
            {
                // A string literal is kept whole, so "//" inside one (a URL) does not start a comment.
                if (text[i] == '"')
                {
                    var close = i + 1;
                    while (close < text.Length && text[close] != '"' && text[close] != '\n')
                    {
                        close += text[close] == '\\' ? 2 : 1;
                    }

                    close = Math.Min(close + 1, text.Length);
                    b.Append(text, i, close - i);
                    i = close;
                    continue;
                }

                b.Append(text[i]);
                i++;
                continue;
            }

            var stop = text.IndexOf(end, i + 2, StringComparison.Ordinal);
            stop = stop < 0 ? text.Length : stop + (end == "\n" ? 0 : end.Length);
            foreach (var c in text.AsSpan(i, stop - i))
            {
                b.Append(c == '\n' ? '\n' : ' ');
            }

            i = stop;
        }

        return b.ToString();
    }

    [Fact]
    public void CodeViewsAndScripts_HaveNoChineseOutsideResources()
    {
        var found = new List<string>();
        foreach (var (path, text) in Sources("*.cs", "*.cshtml", "*.js"))
        {
            var lines = WithoutComments(text).Split('\n');
            for (var n = 0; n < lines.Length; n++)
            {
                var line = lines[n];
                // A character literal is a separator the code parses ('，' between tags), not a word anyone reads;
                // lang="zh-CN" marks words quoted in Chinese on purpose.
                var words = CharLiteral().Replace(line, " ");
                words = Regex.Replace(words, @"<span lang=""zh-CN"">[^<]*</span>", " ", RegexOptions.None, TimeSpan.FromSeconds(1));
                if (ChineseText.Pattern().IsMatch(words) && !NotInterface().IsMatch(line))
                {
                    found.Add($"{path}:{n + 1}: {line.Trim()}");
                }
            }
        }

        Assert.True(found.Count == 0, "Chinese outside the resources (move it to Shared/Ui.resx and Ui.en.resx):\n" + string.Join('\n', found));
    }

    /// <summary>A Razor expression or code block, with its parentheses or braces balanced, is code, not text.</summary>
    internal static string WithoutRazorCode(string view)
    {
        var b = new StringBuilder(view.Length);
        var i = 0;
        while (i < view.Length)
        {
            if (view[i] == '@' && i + 1 < view.Length && view[i + 1] != '@')
            {
                var j = i + 1;
                // A member chain with its calls and indexers (@a.B[i].C(x)), or a keyword with its parentheses (@if (…)).
                while (j < view.Length)
                {
                    if (char.IsLetterOrDigit(view[j]) || view[j] is '.' or '_' or '?' or '!')
                    {
                        j++;
                        continue;
                    }

                    if (view[j] == ' ' && j + 1 < view.Length && view[j + 1] is '(' or '{')
                    {
                        j++;
                        continue;
                    }

                    if (view[j] is not ('(' or '[' or '{'))
                    {
                        break;
                    }

                    var open = view[j];
                    var close = open switch { '(' => ')', '[' => ']', _ => '}' };
                    if (open == '{')
                    {
                        // A block holds markup too: only its code is skipped, by leaving the braces and scanning on.
                        break;
                    }

                    var depth = 0;
                    do
                    {
                        depth += view[j] == open ? 1 : view[j] == close ? -1 : 0;
                        j++;
                    }
                    while (j < view.Length && depth > 0);
                }

                b.Append(' ');
                i = j;
                continue;
            }

            b.Append(view[i]);
            i++;
        }

        return b.ToString();
    }

    [GeneratedRegex(@">([^<>{}]*)<")]
    private static partial Regex TextBetweenTags();

    [GeneratedRegex(@"\b(?:title|aria-label|placeholder|alt)=""([^""@]*)""")]
    private static partial Regex ReadAttribute();

    [GeneratedRegex(@"[A-Za-z]{3,}")]
    private static partial Regex EnglishWord();

    [Fact]
    public void Views_HaveNoEnglishTextOutsideResources()
    {
        var found = new List<string>();
        foreach (var (path, text) in Sources("*.cshtml"))
        {
            var markup = WithoutRazorCode(WithoutComments(text));
            foreach (var match in TextBetweenTags().Matches(markup).Concat(ReadAttribute().Matches(markup)))
            {
                var words = match.Groups[1].Value;
                // A path shown as it is (/topic/slug) is an address, and quotes or + mean a C# string in a code block.
                var spoken = SameInBothLanguages.Aggregate(words, (t, w) => t.Replace(w, " ", StringComparison.Ordinal));
                if (words.TrimStart().StartsWith('/') || words.Contains('"', StringComparison.Ordinal) || words.Contains('+', StringComparison.Ordinal))
                {
                    continue;
                }

                if (EnglishWord().IsMatch(System.Net.WebUtility.HtmlDecode(spoken).Replace("https", " ", StringComparison.Ordinal)))
                {
                    found.Add($"{path}:{markup[..match.Index].Count(c => c == '\n') + 1}: {words.Trim()}");
                }
            }
        }

        Assert.True(found.Count == 0, "English written into a view (move it to Shared/Ui.resx and Ui.en.resx):\n" + string.Join('\n', found));
    }

    [Fact]
    public void EveryString_IsUsed()
    {
        // A string nothing shows still costs translators time, and hides that its page changed.
        var root = WebProject();
        var code = string.Join('\n', Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));
        var unused = new List<string>();
        foreach (var resx in Directory.EnumerateFiles(root, "*.resx", SearchOption.AllDirectories).Where(f => !f.EndsWith(".en.resx", StringComparison.Ordinal)))
        {
            var texts = Path.GetFileNameWithoutExtension(resx);
            foreach (Match key in ResourceKey().Matches(File.ReadAllText(resx)))
            {
                if (!code.Contains($"{texts}.{key.Groups[1].Value}", StringComparison.Ordinal))
                {
                    unused.Add($"{texts}.{key.Groups[1].Value}");
                }
            }
        }

        Assert.True(unused.Count == 0, "Strings nothing uses:\n" + string.Join('\n', unused));
    }

    [GeneratedRegex(@"<data name=""(\w+)""")]
    private static partial Regex ResourceKey();

    [Fact]
    public void TheScans_FindWhatTheyLookFor()
    {
        // Guards against a scan that silently matches nothing: a comment is blanked, a literal is not.
        Assert.DoesNotContain("老", WithoutComments("var a = 1; // 老\n"), StringComparison.Ordinal);
        Assert.Contains("\"老\"", WithoutComments("var a = \"老\"; /* 新 */"), StringComparison.Ordinal);
        Assert.DoesNotContain("新", WithoutComments("@* 新 *@<p>x</p>"), StringComparison.Ordinal);
        Assert.Contains("http://x", WithoutComments("var u = \"http://x\";"), StringComparison.Ordinal);
        var view = WithoutRazorCode("<p>@Ui.Hello</p><p>@(a > b ? Ui.A : Ui.B)</p><p>Read more</p>@if (x > 1) {<b>@Ui.C</b>}");
        var texts = TextBetweenTags().Matches(view).Select(m => m.Groups[1].Value.Trim()).Where(t => t.Length > 0).ToList();
        Assert.Equal(["Read more"], texts);
    }
}
