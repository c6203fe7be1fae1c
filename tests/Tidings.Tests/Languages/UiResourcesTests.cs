using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using Tidings.Web.Shared;

namespace Tidings.Tests.Languages;

/// <summary>The interface's two languages stay complete and consistent with each other.</summary>
public sealed partial class UiResourcesTests
{
    private static Dictionary<string, string> Strings(CultureInfo culture)
    {
        // tryParents: false, so a key missing from English is missing here instead of falling back to Chinese.
        var set = Ui.ResourceManager.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        Assert.NotNull(set);
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    private static readonly Dictionary<string, string> Chinese = Strings(CultureInfo.InvariantCulture);
    private static readonly Dictionary<string, string> English = Strings(CultureInfo.GetCultureInfo("en"));

    [Fact]
    public void EveryKey_ExistsInBothLanguages()
    {
        Assert.True(Chinese.Count > 700);
        Assert.Empty(Chinese.Keys.Except(English.Keys));
        Assert.Empty(English.Keys.Except(Chinese.Keys));
    }

    [Fact]
    public void EveryKey_HasItsUiProperty_AndEveryPropertyItsKey()
    {
        var properties = typeof(Ui).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(string)).Select(p => p.Name).ToList();
        Assert.Empty(Chinese.Keys.Except(properties));
        Assert.Empty(properties.Except(Chinese.Keys));
    }

    [Fact]
    public void English_HasNoChineseCharacters()
    {
        var leaks = English.Where(p => Cjk().IsMatch(p.Value)).Select(p => p.Key).ToList();
        Assert.Empty(leaks);
    }

    [Fact]
    public void Chinese_IsChinese_WhereItHasWords()
    {
        // A string left in English in the Chinese resources (other than names like RSS or a placeholder) is a miss.
        // The JSON API's problem details are English for every client, as the rest of the API's are.
        var english = Chinese.Where(p => !Cjk().IsMatch(p.Value) && Regex.IsMatch(p.Value, "[A-Za-z]{4,} [A-Za-z]{3,}")).Select(p => p.Key).ToList();
        Assert.Equal(["DatabaseDownApi"], english);
    }

    [Fact]
    public void FormatPlaceholders_AreTheSameInBothLanguages()
    {
        var mismatched = Chinese.Keys.Where(k => !Placeholders(Chinese[k]).SetEquals(Placeholders(English[k]))).ToList();
        Assert.Empty(mismatched);
    }

    [Fact]
    public void SingularForms_HaveTheirPlural()
    {
        // "…One" is the singular of the key without it; Chinese gives both the same text.
        var singulars = Chinese.Keys.Where(k => k.EndsWith("One", StringComparison.Ordinal) && Chinese.ContainsKey(k[..^3])).ToList();
        Assert.True(singulars.Count >= 30);
        foreach (var key in singulars)
        {
            Assert.Equal(Chinese[key[..^3]], Chinese[key]);
            Assert.NotEqual(English[key[..^3]], English[key]);
        }
    }

    [Fact]
    public void Count_PicksTheSingularForOne_InEnglish()
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.Equal("1 comment", Phrase.Count(Ui.CommentsCount, Ui.CommentsCountOne, 1));
            Assert.Equal("3 comments", Phrase.Count(Ui.CommentsCount, Ui.CommentsCountOne, 3));
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            Assert.Equal("1 条跟贴", Phrase.Count(Ui.CommentsCount, Ui.CommentsCountOne, 1));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\{(\d+)[^}]*\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")]
    private static partial Regex Cjk();
}
