using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Tidings.Core.Live;
using Tidings.Core.Media;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Live;

/// <summary>
/// An entry's markup, one definition for the page (rendered on the server, complete without JavaScript) and for what
/// the stream and the polling answer send to open pages, so an entry looks the same however it arrived.
/// </summary>
public static class LiveEntryHtml
{
    // As the pages encode: markup characters escaped, Chinese left as it is.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <param name="anchor">
    /// Whether the entry carries its <c>id="live-N"</c> anchor: in the stream yes; in the 要点 list above it no, where
    /// the same entry appears a second time (ids are unique in a page; <c>data-live-entry</c> finds both copies).
    /// </param>
    public static string Render(LiveEntryView entry, SiteContext site, bool anchor = true)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(site);
        var html = Encoder;
        var id = entry.Id.ToString(CultureInfo.InvariantCulture);
        var b = new StringBuilder(256 + entry.BodyHtml.Length);
        b.Append("<li class=\"live-entry").Append(entry.Pinned ? " live-entry--pinned" : string.Empty)
            .Append('"');
        if (anchor)
        {
            b.Append(" id=\"live-").Append(id).Append('"');
        }

        b.Append(" data-live-entry=\"").Append(id).Append("\">");
        b.Append("<p class=\"live-entry__time\"><time datetime=\"").Append(html.Encode(site.Iso(entry.At))).Append("\">")
            .Append(html.Encode(site.Local(entry.At).ToString("HH:mm", CultureInfo.InvariantCulture))).Append("</time></p>");
        if (entry.Image is { } image)
        {
            AppendFigure(b, image, entry.BodyHtml);
        }
        else if (entry.Kind == LiveEntryKind.Quote)
        {
            // The body is sanitised HTML (ArticleMarkdown); everything else is encoded here.
            b.Append("<blockquote class=\"live-entry__quote\">").Append(entry.BodyHtml);
            if (entry.Attribution is not null)
            {
                b.Append("<footer>——").Append(html.Encode(entry.Attribution)).Append("</footer>");
            }

            b.Append("</blockquote>");
        }
        else if (entry.BodyHtml.Length > 0)
        {
            b.Append("<div class=\"live-entry__body\">").Append(entry.BodyHtml).Append("</div>");
        }

        if (entry.Embed is { } card)
        {
            b.Append("<p class=\"live-entry__embed\"><a href=\"").Append(html.Encode(card.Url)).Append("\">").Append(html.Encode(card.Title))
                .Append("</a> <span>").Append(html.Encode(card.SourceName)).Append("</span></p>");
        }

        return b.Append("</li>").ToString();
    }

    /// <summary>
    /// An entry for a feed reader: the same parts without the page's classes, responsive variants or lazy loading
    /// (readers show one picture at their own width). Links stay root-relative; the feed makes them absolute.
    /// </summary>
    public static string ForFeed(LiveEntryView entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var html = Encoder;
        var b = new StringBuilder(128 + entry.BodyHtml.Length);
        if (entry.Image is { } image)
        {
            b.Append("<p><img src=\"").Append(html.Encode(image.Url)).Append("\" alt=\"").Append(html.Encode(image.Alt)).Append("\"></p>");
        }

        if (entry.Kind == LiveEntryKind.Quote)
        {
            b.Append("<blockquote>").Append(entry.BodyHtml);
            if (entry.Attribution is not null)
            {
                b.Append("<p>——").Append(html.Encode(entry.Attribution)).Append("</p>");
            }

            b.Append("</blockquote>");
        }
        else
        {
            b.Append(entry.BodyHtml);
        }

        if (entry.Embed is { } card)
        {
            b.Append("<p><a href=\"").Append(html.Encode(card.Url)).Append("\">").Append(html.Encode(card.Title)).Append("</a></p>");
        }

        return b.ToString();
    }

    // The caption is the entry's sanitised text; a picture the covers' pipeline stored comes in its WebP and JPEG
    // widths, sized to the reading column, and lazily (a long coverage holds many).
    private static void AppendFigure(StringBuilder b, LiveEntryImage image, string captionHtml)
    {
        var html = Encoder;
        var width = (image.Width ?? 960).ToString(CultureInfo.InvariantCulture);
        var height = (image.Height ?? 540).ToString(CultureInfo.InvariantCulture);
        const string Sizes = "(min-width: 60rem) 46rem, 100vw";
        b.Append("<figure class=\"live-entry__figure\">");
        var variants = CoverImages.Variants(image.Url);
        if (variants.Count > 0)
        {
            b.Append("<picture><source type=\"image/webp\" srcset=\"").Append(html.Encode(string.Join(", ", variants.Select(v => v.Webp + " " + v.Width.ToString(CultureInfo.InvariantCulture) + "w"))))
                .Append("\" sizes=\"").Append(Sizes).Append("\">");
            b.Append("<img src=\"").Append(html.Encode(image.Url)).Append("\" srcset=\"")
                .Append(html.Encode(string.Join(", ", variants.Select(v => v.Jpeg + " " + v.Width.ToString(CultureInfo.InvariantCulture) + "w"))))
                .Append("\" sizes=\"").Append(Sizes).Append('"');
        }
        else
        {
            b.Append("<img src=\"").Append(html.Encode(image.Url)).Append('"');
        }

        b.Append(" alt=\"").Append(html.Encode(image.Alt)).Append("\" width=\"").Append(width).Append("\" height=\"").Append(height)
            .Append("\" loading=\"lazy\" decoding=\"async\">");
        if (variants.Count > 0)
        {
            b.Append("</picture>");
        }

        if (captionHtml.Length > 0)
        {
            b.Append("<figcaption class=\"live-entry__body\">").Append(captionHtml).Append("</figcaption>");
        }

        b.Append("</figure>");
    }
}
