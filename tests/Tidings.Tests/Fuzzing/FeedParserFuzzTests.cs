using System.Text;
using CsCheck;
using Tidings.Core.Aggregation;
using Tidings.Tests.Aggregation;

namespace Tidings.Tests.Fuzzing;

/// <summary>
/// Partner feeds mutated the ways real ones break (bytes flipped, cut short, spliced, encodings mixed, markup
/// inserted): the reader either returns a feed whose entries all have a key and a title, or refuses it with a
/// <see cref="FeedFormatException"/>. Nothing else may escape: one bad feed must not stop the poller.
/// </summary>
public sealed class FeedParserFuzzTests
{
    private static readonly Uri Location = new("https://partner.example/feed");

    private static readonly string[] Seeds =
    [
        FeedParserTests.Rss,
        """
        <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://wire.example/"><title>t</title><id>u</id><updated>2026-12-05T02:00:00Z</updated>
        <entry><title type="html">&lt;b&gt;标题&lt;/b&gt;</title><id>1</id><link href="a/1"/><updated>2026-12-05T02:00:00Z</updated><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>正文</p></div></content></entry></feed>
        """,
        """
        {"version":"https://jsonfeed.org/version/1.1","title":"j","items":[{"id":"1","title":"标题","content_html":"<p>x</p>","date_published":"2026-12-05T08:00:00+08:00"}]}
        """,
    ];

    private static readonly string[] Splices =
    [
        "&", "&nbsp;", "&#0;", "&#xFFFF;", "<![CDATA[", "]]>", "<!--", "<!DOCTYPE x [<!ENTITY a \"b\">]>", "&a;", "\u0000",
        "\uD800", "<item>", "</item>", "<title>", "</channel>", "{", "}", "[", "\"", "\\", "<?xml version=\"1.0\" encoding=\"gbk\"?>",
        "encoding=\"x-unknown\"", "<pubDate>not a date</pubDate>", "<guid></guid>", "<link>::</link>", "xml:base=\"::\"",
    ];

    private static readonly Gen<byte[]> Mutated = Gen.Select(
        Gen.OneOf(Seeds),
        Gen.Int[0, 3],
        Gen.Int[0, int.MaxValue].Array[1, 6],
        Gen.OneOf(Splices).Array[1, 4],
        (seed, kind, positions, splices) =>
        {
            var bytes = (kind == 3 ? CodePages.Gbk : Encoding.UTF8).GetBytes(seed).ToList();
            foreach (var (position, splice) in positions.Zip(splices))
            {
                var at = position % (bytes.Count + 1);
                switch (kind)
                {
                    case 0:
                        bytes.InsertRange(at, Encoding.UTF8.GetBytes(splice));
                        break;
                    case 1 when bytes.Count > 0:
                        bytes[Math.Min(at, bytes.Count - 1)] ^= (byte)(1 << (position % 8));
                        break;
                    case 2:
                        bytes.RemoveRange(at, bytes.Count - at);
                        break;
                    default:
                        bytes.InsertRange(at, CodePages.Gbk.GetBytes(splice + "中文"));
                        break;
                }
            }

            return bytes.ToArray();
        });

    [Fact]
    public void MutatedFeeds_ReadOrAreRefused_NeverCrash() =>
        Gen.Select(Mutated, Gen.OneOf<string?>(null, "utf-8", "gbk", "latin1", "nonsense")).Sample(
            (bytes, charset) =>
            {
                FeedDocument feed;
                try
                {
                    feed = FeedParser.Parse(bytes, charset, Location);
                }
                catch (FeedFormatException e)
                {
                    return e.Message.Length > 0;
                }

                return feed.Entries.All(e => e.Key.Length > 0 && e.Title.Length > 0 && (e.Link is null || e.Link.Scheme is "http" or "https"));
            },
            iter: 3000);
}
