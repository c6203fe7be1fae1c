using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using Tidings.Web.Shared;

namespace Tidings.Tests.Languages;

/// <summary>
/// The interface's two languages stay complete and consistent with each other, in every resource: the shared one
/// (<see cref="Ui"/>) and each feature's own (NewsroomText, CreatorsText, …).
/// </summary>
public sealed partial class UiResourcesTests
{
    /// <summary>Every strings class of the web project: a static class with a ResourceManager over its .resx pair.</summary>
    private static readonly Type[] TextClasses = typeof(Ui).Assembly.GetTypes()
        .Where(t => t.IsAbstract && t.IsSealed && t.GetProperty("ResourceManager", BindingFlags.Public | BindingFlags.Static)?.PropertyType == typeof(ResourceManager))
        .OrderBy(t => t.FullName, StringComparer.Ordinal).ToArray();

    public static TheoryData<string> TextClassNames() => [.. TextClasses.Select(t => t.FullName!)];

    private static Type Class(string name) => TextClasses.Single(t => t.FullName == name);

    private static Dictionary<string, string> Strings(Type texts, CultureInfo culture)
    {
        // tryParents: false, so a key missing from English is missing here instead of falling back to Chinese.
        var manager = (ResourceManager)texts.GetProperty("ResourceManager", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        Assert.NotNull(set);
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    private static Dictionary<string, string> ChineseOf(Type texts) => Strings(texts, CultureInfo.InvariantCulture);

    private static Dictionary<string, string> EnglishOf(Type texts) => Strings(texts, CultureInfo.GetCultureInfo("en"));

    private static readonly Dictionary<string, string> Chinese = TextClasses.SelectMany(t => ChineseOf(t)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    private static readonly Dictionary<string, string> English = TextClasses.SelectMany(t => EnglishOf(t)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    [Fact]
    public void TheSharedStrings_AndEachFeaturesOwn_AreFound()
    {
        Assert.Contains(typeof(Ui), TextClasses);
        Assert.Contains(TextClasses, t => t.Name == "NewsroomText");
        Assert.True(TextClasses.Length >= 10, string.Join(", ", TextClasses.Select(t => t.Name)));
        // The dictionaries above would have thrown on a key defined in two resources; a translator would not know
        // which one the page shows.
        Assert.True(Chinese.Count > 700);
    }

    [Theory]
    [MemberData(nameof(TextClassNames))]
    public void EveryKey_ExistsInBothLanguages(string texts)
    {
        var chinese = ChineseOf(Class(texts));
        var english = EnglishOf(Class(texts));
        Assert.NotEmpty(chinese);
        Assert.Empty(chinese.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(chinese.Keys));
    }

    [Theory]
    [MemberData(nameof(TextClassNames))]
    public void EveryKey_HasItsProperty_AndEveryPropertyItsKey(string texts)
    {
        var type = Class(texts);
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(string)).Select(p => p.Name).ToList();
        var chinese = ChineseOf(type);
        Assert.Empty(chinese.Keys.Except(properties));
        Assert.Empty(properties.Except(chinese.Keys));
    }

    [Fact]
    public void English_HasNoChineseCharacters()
    {
        var leaks = English.Where(p => ChineseText.Pattern().IsMatch(p.Value)).Select(p => p.Key).ToList();
        Assert.Empty(leaks);
    }

    [Fact]
    public void Chinese_IsChinese_WhereItHasWords()
    {
        // A string left in English in the Chinese resources (other than names like RSS or a placeholder) is a miss.
        // The JSON API's problem details are English for every client, as the rest of the API's are.
        var english = Chinese.Where(p => !ChineseText.Pattern().IsMatch(p.Value) && Regex.IsMatch(p.Value, "[A-Za-z]{4,} [A-Za-z]{3,}")).Select(p => p.Key).ToList();
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
            Assert.Equal("1 comment", Phrase.Count(Tidings.Web.Features.Comments.CommentsText.CommentsCount, Tidings.Web.Features.Comments.CommentsText.CommentsCountOne, 1));
            Assert.Equal("3 comments", Phrase.Count(Tidings.Web.Features.Comments.CommentsText.CommentsCount, Tidings.Web.Features.Comments.CommentsText.CommentsCountOne, 3));
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            Assert.Equal("1 条跟贴", Phrase.Count(Tidings.Web.Features.Comments.CommentsText.CommentsCount, Tidings.Web.Features.Comments.CommentsText.CommentsCountOne, 1));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\{(\d+)[^}]*\}")]
    private static partial Regex Placeholder();

}
