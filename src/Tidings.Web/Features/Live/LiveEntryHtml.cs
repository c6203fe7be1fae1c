using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Tidings.Core.Live;
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

    public static string Render(LiveEntryView entry, SiteContext site)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(site);
        var html = Encoder;
        var id = entry.Id.ToString(CultureInfo.InvariantCulture);
        var b = new StringBuilder(256 + entry.BodyHtml.Length);
        b.Append("<li class=\"live-entry").Append(entry.Pinned ? " live-entry--pinned" : string.Empty)
            .Append("\" id=\"live-").Append(id).Append("\" data-live-entry=\"").Append(id).Append("\">");
        b.Append("<p class=\"live-entry__time\"><time datetime=\"").Append(html.Encode(site.Iso(entry.At))).Append("\">")
            .Append(html.Encode(site.Local(entry.At).ToString("HH:mm", CultureInfo.InvariantCulture))).Append("</time></p>");
        if (entry.Kind == LiveEntryKind.Quote)
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
}
