using Tidings.Core.Demo;

namespace Tidings.Tests.Demo;

public sealed class DemoContentTests
{
    private static readonly SiteDefinition Site = DemoContent.LoadSite();
    private static readonly List<DemoArticle> Articles = DemoContent.LoadArticles().ToList();

    [Fact]
    public void Demo_HasTheScaleOfARealPortal()
    {
        Assert.True(Articles.Count >= 120, $"{Articles.Count} demo articles");
        Assert.True(Site.Sources.Count >= 20);
        Assert.True(Site.Regions.Count >= 2);
        Assert.Contains(Articles, a => a.Original);
    }

    [Fact]
    public void Demo_EveryChannelAndRegionHasArticles()
    {
        foreach (var channel in Site.Channels)
        {
            Assert.True(Articles.Count(a => a.Channel == channel.Slug) >= 5, $"channel {channel.Slug}");
        }

        foreach (var region in Site.Regions)
        {
            Assert.True(Articles.Count(a => a.Region == region.Slug) >= 5, $"region {region.Slug}");
        }
    }

    [Fact]
    public void Demo_ArticlesReferOnlyToDefinedThings()
    {
        var channels = Site.Channels.Select(c => c.Slug).ToHashSet();
        var regions = Site.Regions.Select(r => r.Slug).ToHashSet();
        var sources = Site.Sources.Select(s => s.Slug).ToHashSet();
        foreach (var a in Articles)
        {
            Assert.Contains(a.Channel, channels);
            Assert.True(a.Region is null || regions.Contains(a.Region), a.Key);
            Assert.Contains(a.Source, sources);
            Assert.True(a.Cover is null || DemoContent.CoverDescriptions.ContainsKey(a.Cover), a.Key);
            Assert.True(a.Editor is null || Site.Editors.Contains(a.Editor), a.Key);
        }
    }

    [Fact]
    public void Demo_ArticlesAreCompleteAndUnique()
    {
        Assert.Equal(Articles.Count, Articles.Select(a => a.Key).Distinct().Count());
        Assert.Equal(Articles.Count, Articles.Select(a => a.Title).Distinct().Count());
        foreach (var a in Articles)
        {
            Assert.True(a.Paragraphs.Count >= 3, a.Key);
            Assert.InRange(a.HoursAgo, 0, 24 * 7);
            Assert.InRange(a.Title.Length, 6, 200);
        }
    }
}
