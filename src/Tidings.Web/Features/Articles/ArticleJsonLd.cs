using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Articles;

/// <summary>schema.org NewsArticle and BreadcrumbList for search engines.</summary>
internal static class ArticleJsonLd
{
    // Keeps Chinese readable while still escaping <, >, & and quotes, so the text cannot close the script element.
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = false,
    };

    public static string Build(ArticleDetail article, SiteContext site, HttpRequest request, IReadOnlyList<(string Name, string Path)> breadcrumb)
    {
        var url = site.Absolute(request, article.Url);
        var newsArticle = new JsonObject
        {
            ["@type"] = "NewsArticle",
            ["headline"] = article.Title,
            ["description"] = article.Summary,
            ["datePublished"] = site.Iso(article.PublishedAt),
            ["dateModified"] = site.Iso(article.UpdatedAt),
            ["mainEntityOfPage"] = new JsonObject { ["@type"] = "WebPage", ["@id"] = url },
            ["url"] = url,
            ["inLanguage"] = article.Language,
            ["isAccessibleForFree"] = true,
            ["author"] = article.AuthorName is null
                ? new JsonObject { ["@type"] = "Organization", ["name"] = article.SourceName, ["url"] = site.Absolute(request, "/source/" + article.SourceSlug) }
                : new JsonObject { ["@type"] = "Person", ["name"] = article.AuthorName },
            ["publisher"] = new JsonObject
            {
                ["@type"] = "Organization",
                ["name"] = site.SiteName,
                ["logo"] = new JsonObject { ["@type"] = "ImageObject", ["url"] = site.Absolute(request, "/img/logo.svg") },
            },
        };
        if (article.ChannelName is not null)
        {
            newsArticle["articleSection"] = article.ChannelName;
        }

        if (article.Tags.Count > 0)
        {
            newsArticle["keywords"] = string.Join(',', article.Tags.Select(t => t.Name));
        }

        if (article.CoverUrl is not null)
        {
            newsArticle["image"] = new JsonArray(site.Absolute(request, article.CoverUrl));
        }

        // 滚动直播: a LiveBlogPosting (a kind of NewsArticle) with its entries as updates, newest first.
        if (article.LiveStatus != Tidings.Core.Live.LiveStatus.None)
        {
            newsArticle["@type"] = "LiveBlogPosting";
            newsArticle["coverageStartTime"] = site.Iso(article.LiveStartedAt ?? article.PublishedAt);
            if (article.LiveEndedAt is { } ended)
            {
                newsArticle["coverageEndTime"] = site.Iso(ended);
            }

            newsArticle["liveBlogUpdate"] = new JsonArray(article.LiveEntries.Take(50).Select(e =>
            {
                var update = new JsonObject
                {
                    ["@type"] = "BlogPosting",
                    ["headline"] = e.Headline(article.Title, 110),
                    ["datePublished"] = site.Iso(e.At),
                    ["url"] = url + "#live-" + e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["articleBody"] = Tidings.Core.Text.ArticleHtml.ToPlainText(e.BodyHtml),
                };
                if (e.Image is { } image)
                {
                    update["image"] = site.Absolute(request, image.Url);
                }

                return (JsonNode)update;
            }).ToArray());
        }

        if (article.Corrections.Count > 0)
        {
            newsArticle["correction"] = new JsonArray(article.Corrections.Select(c => (JsonNode)new JsonObject
            {
                ["@type"] = "CorrectionComment",
                ["text"] = c.Text,
                ["datePublished"] = site.Iso(c.At),
            }).ToArray());
        }

        var items = new JsonArray();
        for (var i = 0; i < breadcrumb.Count; i++)
        {
            items.Add(new JsonObject
            {
                ["@type"] = "ListItem",
                ["position"] = i + 1,
                ["name"] = breadcrumb[i].Name,
                ["item"] = site.Absolute(request, breadcrumb[i].Path),
            });
        }

        var graph = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@graph"] = new JsonArray(newsArticle, new JsonObject { ["@type"] = "BreadcrumbList", ["itemListElement"] = items }),
        };
        return graph.ToJsonString(Options);
    }
}
