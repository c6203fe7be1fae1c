using System.Text.RegularExpressions;

namespace Tidings.Tests.Languages;

/// <summary>What the language tests count as Chinese: CJK ideographs and CJK or full-width punctuation.</summary>
internal static partial class ChineseText
{
    [GeneratedRegex(@"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")]
    public static partial Regex Pattern();
}
