using System.Text;
using System.Text.Json;
using Tidings.Core.Aggregation;

namespace Tidings.Tests.Aggregation;

public sealed class FeedParserTests
{
    private static readonly Uri Location = new("https://partner.example/news/feed.xml");

    internal const string Rss = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <channel>
            <title>鲁中晨报 · 要闻</title>
            <link>https://partner.example/</link>
            <item>
              <title>淄博烧烤季开幕，外地游客排队两小时</title>
              <link>/news/2026/1205/a1.html</link>
              <guid isPermaLink="false">luzhong-2026-1205-a1</guid>
              <pubDate>Sat, 05 Dec 2026 09:30:00 +0800</pubDate>
              <dc:creator>王晓</dc:creator>
              <description><![CDATA[<p>摘要：周末客流 & 城市服务</p>]]></description>
              <content:encoded><![CDATA[<p>正文第一段。</p><p><a href="/more">更多</a></p>]]></content:encoded>
            </item>
            <item>
              <title>没有编号也没有日期的一条</title>
              <link>https://partner.example/news/b2.html</link>
              <description>只有摘要</description>
            </item>
          </channel>
        </rss>
        """;

    private static FeedDocument Parse(string text, string? charset = null) => FeedParser.Parse(Encoding.UTF8.GetBytes(text), charset, Location);

    [Fact]
    public void Rss_ItemsCarryTheirIdLinkTimeAuthorAndText()
    {
        var feed = Parse(Rss);
        Assert.Equal(FeedFormat.Rss, feed.Format);
        Assert.Equal("鲁中晨报 · 要闻", feed.Title);
        Assert.Equal(2, feed.Entries.Count);
        var first = feed.Entries[0];
        Assert.Equal("luzhong-2026-1205-a1", first.Key);
        Assert.Equal("淄博烧烤季开幕，外地游客排队两小时", first.Title);
        Assert.Equal(new Uri("https://partner.example/news/2026/1205/a1.html"), first.Link);
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 9, 30, 0, TimeSpan.FromHours(8)), first.Published);
        Assert.Equal("王晓", first.Author);
        Assert.Contains("正文第一段", first.ContentHtml, StringComparison.Ordinal);
        Assert.Contains("周末客流 & 城市服务", first.SummaryHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Rss_AnItemWithoutGuidOrDate_IsKeyedByItsLink_AndHasNoDate()
    {
        var second = Parse(Rss).Entries[1];
        Assert.Equal("https://partner.example/news/b2.html", second.Key);
        Assert.Null(second.Published);
        Assert.Null(second.ContentHtml);
        Assert.Equal("只有摘要", second.SummaryHtml);
    }

    [Fact]
    public void Atom_EntriesResolveAgainstXmlBase_AndReadHtmlContent()
    {
        var feed = Parse("""
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://wire.example/zh/">
              <title type="text">环球快讯</title>
              <id>urn:wire</id>
              <updated>2026-12-05T02:00:00Z</updated>
              <entry>
                <title type="html">港口吞吐量&amp;lt;新高&amp;gt;</title>
                <id>urn:wire:1</id>
                <link rel="alternate" href="stories/1"/>
                <published>2026-12-05T01:00:00Z</published>
                <updated>2026-12-05T01:30:00+08:00</updated>
                <author><name>记者 陈一</name></author>
                <content type="html">&lt;p&gt;青岛港……&lt;/p&gt;</content>
              </entry>
            </feed>
            """);
        Assert.Equal(FeedFormat.Atom, feed.Format);
        var entry = Assert.Single(feed.Entries);
        Assert.Equal("urn:wire:1", entry.Key);
        Assert.Equal("港口吞吐量<新高>", entry.Title);
        Assert.Equal(new Uri("https://wire.example/zh/stories/1"), entry.Link);
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 1, 0, 0, TimeSpan.Zero), entry.Published);
        Assert.Equal("<p>青岛港……</p>", entry.ContentHtml);
        Assert.Equal("记者 陈一", entry.Author);
    }

    [Fact]
    public void JsonFeed_ItemsReadWithTextContentTurnedIntoParagraphs()
    {
        var feed = Parse("""
            {"version": "https://jsonfeed.org/version/1.1", "title": "极目快报", "home_page_url": "https://jimu.example/",
             "items": [
               {"id": "7", "url": "https://jimu.example/a/7", "title": "长江水位回落", "content_text": "第一行\n第二行",
                "date_published": "2026-12-05T08:00:00+08:00", "authors": [{"name": "刘洋"}]},
               {"id": 8, "title": "数字编号", "content_html": "<p>正文</p>"},
               {"id": "9", "content_html": "<p>没有标题</p>"}
             ]}
            """);
        Assert.Equal(FeedFormat.JsonFeed, feed.Format);
        Assert.Equal(2, feed.Entries.Count);
        Assert.Equal("<p>第一行</p>\n<p>第二行</p>", feed.Entries[0].ContentHtml);
        Assert.Equal("刘洋", feed.Entries[0].Author);
        Assert.Equal("8", feed.Entries[1].Key);
        Assert.Contains(feed.Skipped, s => s.Contains("entry 3", StringComparison.Ordinal) && s.Contains("no title", StringComparison.Ordinal));
    }

    [Fact]
    public void Gbk_DeclaredInTheXml_OrOnlyInHttp_OrNowhere_ReadsAsChinese()
    {
        var gbk = CodePages.Gbk;
        const string title = "济南地铁新线开通，市民试乘";
        string Feed(string declaration) => declaration + $"<rss version=\"2.0\"><channel><title>t</title><item><title>{title}</title><guid>1</guid></item></channel></rss>";

        Assert.Equal(title, FeedParser.Parse(gbk.GetBytes(Feed("<?xml version=\"1.0\" encoding=\"GB2312\"?>")), null, Location).Entries[0].Title);
        Assert.Equal(title, FeedParser.Parse(gbk.GetBytes(Feed("<?xml version=\"1.0\"?>")), "gbk", Location).Entries[0].Title);
        Assert.Equal(title, FeedParser.Parse(gbk.GetBytes(Feed(string.Empty)), null, Location).Entries[0].Title);

        // Declared UTF-8 but written in GBK: the bytes are not UTF-8, so they are read as GB18030.
        Assert.Equal(title, FeedParser.Parse(gbk.GetBytes(Feed("<?xml version=\"1.0\" encoding=\"utf-8\"?>")), "utf-8", Location).Entries[0].Title);

        // The other way round, a CMS template still saying GB2312 over UTF-8 text: Chinese written in GBK is never
        // valid UTF-8 as a whole, so valid UTF-8 with characters beyond ASCII wins over the label.
        Assert.Equal(title, FeedParser.Parse(Encoding.UTF8.GetBytes(Feed("<?xml version=\"1.0\" encoding=\"GB2312\"?>")), null, Location).Entries[0].Title);
        Assert.Equal(title, FeedParser.Parse(Encoding.UTF8.GetBytes(Feed("<?xml version=\"1.0\"?>")), "gbk", Location).Entries[0].Title);
    }

    [Fact]
    public void ByteOrderMarks_AreHonoured()
    {
        var utf8 = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Rss)).ToArray();
        Assert.Equal(2, FeedParser.Parse(utf8, null, Location).Entries.Count);
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Rss.Replace("utf-8", "utf-16", StringComparison.Ordinal))).ToArray();
        Assert.Equal(2, FeedParser.Parse(utf16, null, Location).Entries.Count);
    }

    [Fact]
    public void HtmlEntitiesAndStrayAmpersands_InXml_AreRepaired_NotFatal()
    {
        var feed = Parse("""
            <rss version="2.0"><channel><title>A & B</title>
            <item><title>“两会”&nbsp;观察 &mdash; 民生 & 就业 &amp;amp; 教育</title><guid>x</guid></item>
            </channel></rss>
            """);
        Assert.Equal("A & B", feed.Title);
        Assert.Equal("“两会” 观察 — 民生 & 就业 & 教育", feed.Entries[0].Title);
    }

    [Fact]
    public void ControlCharacters_AreDropped()
    {
        var feed = Parse("<rss version=\"2.0\"><channel><title>t</title><item><title>标\u0001题\u000B</title><guid>1</guid><description><![CDATA[a\u0008b]]></description></item></channel></rss>");
        Assert.Equal("标题", feed.Entries[0].Title);
        Assert.Equal("ab", feed.Entries[0].SummaryHtml);
    }

    [Fact]
    public void ExternalEntities_AreNeverResolved()
    {
        var secret = Path.GetTempFileName();
        File.WriteAllText(secret, "TOP-SECRET");
        try
        {
            var text = $"""
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>
                <rss version="2.0"><channel><title>t</title><item><title>a &xxe; b</title><guid>1</guid></item></channel></rss>
                """;
            var result = Record.Exception(() => Parse(text));
            if (result is null)
            {
                Assert.DoesNotContain("TOP-SECRET", Parse(text).Entries[0].Title, StringComparison.Ordinal);
            }
            else
            {
                Assert.IsType<FeedFormatException>(result);
            }
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Theory]
    [InlineData("<rss version=\"2.0\"><channel><title>t</title><item><title>未闭合</item></channel></rss>", "Malformed XML")]
    [InlineData("<html><body>not a feed</body></html>", "root element is <html>")]
    [InlineData("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"></rdf:RDF>", "RSS 1.0")]
    [InlineData("{\"version\": \"1\", \"items\": []}", "Not a JSON Feed")]
    [InlineData("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [", "Malformed JSON")]
    [InlineData("   ", "empty")]
    public void NotAFeed_IsRefusedWithAReason(string text, string reason)
    {
        var error = Assert.Throws<FeedFormatException>(() => Parse(text));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AHugeFeed_IsReadUpToTheEntryLimit_AndSaysWhatWasLeft()
    {
        var items = string.Concat(Enumerable.Range(1, FeedParser.MaxEntries + 50).Select(i => $"<item><title>第{i}条</title><guid>{i}</guid></item>"));
        var feed = Parse($"<rss version=\"2.0\"><channel><title>t</title>{items}</channel></rss>");
        Assert.Equal(FeedParser.MaxEntries, feed.Entries.Count);
        Assert.Contains(feed.Skipped, s => s.Contains($"more than {FeedParser.MaxEntries}", StringComparison.Ordinal));
    }

    [Fact]
    public void DeeplyNestedMarkup_IsSkippedBeforeAnyHtmlParse_AndTheRestIsRead()
    {
        var nested = string.Concat(Enumerable.Repeat("<div>", 5_000)) + "深" + string.Concat(Enumerable.Repeat("</div>", 5_000));
        var json = JsonSerializer.Serialize(new
        {
            version = "https://jsonfeed.org/version/1.1",
            items = new object[]
            {
                new { id = "1", title = "正常标题", content_html = nested },
                new { id = "2", title = nested },
                new { id = "3", title = new string('长', 5_000) },
                new { id = "4", title = "第二个正常标题", content_html = "<p>正文</p>" },
            },
        });
        var feed = Parse(json);
        Assert.Equal(["第二个正常标题"], feed.Entries.Select(e => e.Title));
        Assert.Equal(3, feed.Skipped.Count);
        Assert.Contains(feed.Skipped, s => s.Contains("nested deeper", StringComparison.Ordinal));
        Assert.Contains(feed.Skipped, s => s.Contains("longer than", StringComparison.Ordinal));
    }

    [Fact]
    public void JsonWithALoneSurrogateEscape_IsRefused_NotThrownThrough()
    {
        var error = Assert.Throws<FeedFormatException>(() => Parse("""{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","title":"a\ud800b"}]}"""));
        Assert.Contains("JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonFeedLinks_RelativeToTheSite_ResolveAgainstTheFeed()
    {
        var feed = Parse("""{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","title":"t","url":"/a/7"},{"id":"2","title":"u","url":"//cdn.partner.example/b"}]}""");
        Assert.Equal(new Uri("https://partner.example/a/7"), feed.Entries[0].Link);
        Assert.Equal(new Uri("https://cdn.partner.example/b"), feed.Entries[1].Link);
    }

    [Fact]
    public void AnItemWithNeitherIdNorLink_GetsAStableKeyFromItsText()
    {
        const string text = "<rss version=\"2.0\"><channel><title>t</title><item><title>无编号</title><description>正文</description></item></channel></rss>";
        var key = Parse(text).Entries[0].Key;
        Assert.StartsWith("sha256:", key, StringComparison.Ordinal);
        Assert.Equal(key, Parse(text).Entries[0].Key);
    }

    [Fact]
    public void LinksThatAreNotHttp_AreDropped()
    {
        var feed = Parse("<rss version=\"2.0\"><channel><title>t</title><item><title>x</title><link>javascript:alert(1)</link><guid>1</guid></item></channel></rss>");
        Assert.Null(feed.Entries[0].Link);
    }

    [Theory]
    [InlineData("Sat, 05 Dec 2026 09:30:00 +0800", "2026-12-05T09:30:00+08:00")]
    [InlineData("Mon, 05 Dec 2026 09:30:00 GMT", "2026-12-05T09:30:00+00:00")]
    [InlineData("5 Dec 2026 09:30:00 EST", "2026-12-05T09:30:00-05:00")]
    [InlineData("2026-12-05T09:30:00Z", "2026-12-05T09:30:00+00:00")]
    [InlineData("2026-12-05T09:30:00.123+08:00", "2026-12-05T09:30:00.123+08:00")]
    [InlineData("2026-12-05 09:30:00", "2026-12-05T09:30:00+08:00")]
    [InlineData("2026/12/05 09:30", "2026-12-05T09:30:00+08:00")]
    [InlineData("2026年12月05日 09:30", "2026-12-05T09:30:00+08:00")]
    [InlineData("2026-12-05T09:30", "2026-12-05T09:30:00+08:00")]
    [InlineData("Sat, 05 Dec 2026 09:30:00 CST", "2026-12-05T09:30:00+08:00")]
    public void Dates_InTheFormsPartnersWrite_Parse(string text, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), FeedDates.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2026-13-45 99:99")]
    [InlineData("Sat, 05 Dec 2026 09:30:00 XYZ")]
    public void Dates_ThatMakeNoSense_AreNull(string text) => Assert.Null(FeedDates.Parse(text));
}

internal static class CodePages
{
    public static Encoding Gbk { get; } = Load();

    private static Encoding Load()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GBK");
    }
}
