using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tidings.Web.Features.Articles;
using Tidings.Web.Features.Feeds;
using Tidings.Web.Features.Sitemaps;
using Tidings.Web.Infrastructure;
using Tidings.Web.Shared;

namespace Tidings.Tests.Fuzzing;

/// <summary>
/// Feeds and sitemaps carry titles, summaries, names and slugs that came from imports and writers. Whatever they
/// hold (controls, lone surrogates, U+FFFE/U+FFFF), the writers produce XML that a strict XmlReader parses, with the
/// text intact apart from the characters XML 1.0 cannot carry.
/// </summary>
public sealed class XmlFeedFuzzTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace Sitemap = SitemapEndpoints.SitemapNs;

    private static readonly SiteContext Site = new(
        Options.Create(new TidingsOptions { PublicBaseUrl = "https://news.example" }),
        TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"),
        new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero)));

    private static readonly HttpRequest Request = new DefaultHttpContext().Request;

    private static readonly Gen<string> Text = Hostile.Join(
        Gen.Frequency((8, Hostile.Piece), (1, Gen.OneOf("<", ">", "&", "]]>", "<![CDATA[", "\"", "'", "\r\n", "<script>", "&amp;"))), 80);

    [Fact]
    public void XmlSafeClean_AnyText_KeepsExactlyTheXmlCharacters()
    {
        Text.Sample(
            text =>
            {
                var clean = XmlSafe.Clean(text);
                var expected = new System.Text.StringBuilder();
                for (var i = 0; i < text.Length; i++)
                {
                    if (XmlConvert.IsXmlChar(text[i]))
                    {
                        expected.Append(text[i]);
                    }
                    else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
                    {
                        expected.Append(text, i++, 2);
                    }
                }

                Assert.Equal(expected.ToString(), clean);
                Assert.Equal(clean, XmlSafe.Clean(clean));
            },
            iter: 3000);
    }

    [Fact]
    public void FeedWrite_HostileArticleFields_GivesWellFormedFeedsWithTheCleanText()
    {
        Gen.Select(Text, Text, Text, Text, Text, Text).Sample(
            (title, summary, author, category, body, slug) =>
            {
                foreach (var format in new[] { FeedFormat.Rss, FeedFormat.Atom })
                {
                    var xml = Parse(FeedEndpoints.Write(Feed(format, title, summary, author, category, body, slug), format));
                    var item = format == FeedFormat.Rss ? xml.Descendants("item").Single() : xml.Descendants(Atom + "entry").Single();
                    var ns = format == FeedFormat.Rss ? XNamespace.None : Atom;
                    Assert.Equal(Lines(XmlSafe.Clean(title)), item.Element(ns + "title")!.Value);
                    Assert.Equal(Lines(XmlSafe.Clean(summary)), item.Element(ns + (format == FeedFormat.Rss ? "description" : "summary"))!.Value);
                    if (format == FeedFormat.Rss)
                    {
                        Assert.Equal(Lines(XmlSafe.Clean(author)), item.Element(Dc + "creator")!.Value);
                        Assert.Equal(Lines(XmlSafe.Clean(body)), item.Element(Content + "encoded")!.Value);
                        Assert.Equal(Lines(XmlSafe.Clean(category)), item.Element("category")!.Value);
                    }
                    else
                    {
                        Assert.Equal(XmlSafe.Clean(category), item.Element(Atom + "category")!.Attribute("term")!.Value);
                    }
                }
            },
            iter: 500);
    }

    [Fact]
    public void SitemapWriteEntry_HostileSlugsAndTitles_GiveWellFormedSitemapsWithAbsoluteAsciiUrls()
    {
        Gen.Select(Gen.Int[1, int.MaxValue], Text, Text).Array[1, 5].Sample(
            articles =>
            {
                using var buffer = new MemoryStream();
                using (var xml = XmlWriter.Create(buffer, XmlSafe.Settings))
                {
                    // The article sitemaps' entries, and a Google News entry as the news sitemap writes one.
                    xml.WriteStartDocument();
                    xml.WriteStartElement("urlset", SitemapEndpoints.SitemapNs);
                    xml.WriteAttributeString("xmlns", "news", null, SitemapEndpoints.NewsNs);
                    foreach (var (id, slug, title) in articles)
                    {
                        SitemapEndpoints.WriteEntry(xml, "url", Site.Absolute(Request, ArticleUrls.For(id, slug)), Site.UtcNow, Site);
                        xml.WriteStartElement("news", SitemapEndpoints.NewsNs);
                        xml.WriteElementString("title", SitemapEndpoints.NewsNs, XmlSafe.Clean(title));
                        xml.WriteEndElement();
                    }

                    xml.WriteEndElement();
                    xml.WriteEndDocument();
                }

                var document = Parse(buffer.ToArray());
                foreach (var loc in document.Descendants(Sitemap + "loc"))
                {
                    Assert.True(Uri.TryCreate(loc.Value, UriKind.Absolute, out _), loc.Value);
                    Assert.True(loc.Value.All(char.IsAscii), loc.Value);
                }
            },
            iter: 1000);
    }

    [Fact]
    public void ArticleSitemapsTryParseFile_AnyName_AcceptsOnlyTheNamesItWrites()
    {
        var names = Gen.OneOf(
            Text,
            Gen.Int.Select(n => "articles-" + n + ".xml"),
            Gen.Select(Gen.OneOf("articles-", "Articles-", "articles", ""), Gen.OneOf("0", "01", "1", "+1", "-1", " 1", "١", "2147483648", ""), Gen.OneOf(".xml", ".XML", ".xml ", "")).Select((a, b, c) => a + b + c));
        names.Sample(
            name =>
            {
                if (ArticleSitemaps.TryParseFile(name) is { } number)
                {
                    Assert.True(number >= 1);
                    Assert.Equal(name, SitemapEndpoints.ArticleFile(number)["/sitemaps/".Length..]);
                }
            },
            iter: 3000);
    }

    /// <summary>A feed of one article, its text passed through XmlSafe as FeedEndpoints.BuildAsync does.</summary>
    private static SyndicationFeed Feed(FeedFormat format, string title, string summary, string author, string category, string body, string slug)
    {
        var published = new DateTimeOffset(2026, 11, 20, 8, 30, 0, TimeSpan.FromHours(8));
        var feed = new SyndicationFeed(XmlSafe.Clean(title), XmlSafe.Clean(summary), new Uri("https://news.example/"), "https://news.example/feeds/rss.xml", published);
        var item = new SyndicationItem
        {
            Id = "https://news.example/article/1",
            Title = new TextSyndicationContent(XmlSafe.Clean(title)),
            Summary = new TextSyndicationContent(XmlSafe.Clean(summary)),
            PublishDate = published,
            LastUpdatedTime = published,
        };
        item.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(Site.Absolute(Request, ArticleUrls.For(1, slug))), "text/html"));
        item.Categories.Add(new SyndicationCategory(XmlSafe.Clean(category)));
        if (format == FeedFormat.Rss)
        {
            item.ElementExtensions.Add(new XElement(Dc + "creator", XmlSafe.Clean(author)));
            item.ElementExtensions.Add(new XElement(Content + "encoded", XmlSafe.Clean(body)));
        }
        else
        {
            item.Authors.Add(new SyndicationPerson { Name = XmlSafe.Clean(author) });
            item.Content = new TextSyndicationContent(XmlSafe.Clean(body), TextSyndicationContentKind.Html);
        }

        feed.Items = [item];
        return feed;
    }

    /// <summary>Parses with a strict reader (character checking on, no DTDs), keeping whitespace as written.</summary>
    private static XDocument Parse(byte[] xml)
    {
        using var reader = XmlReader.Create(new MemoryStream(xml), new XmlReaderSettings { CheckCharacters = true, DtdProcessing = DtdProcessing.Prohibit });
        return XDocument.Load(reader, LoadOptions.PreserveWhitespace);
    }

    /// <summary>Line ends as XML reads them back from element text (the writer writes a lone CR as a line feed).</summary>
    private static string Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
}
