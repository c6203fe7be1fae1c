using Tidings.Core.Channels;
using Tidings.Core.Search;
using Tidings.Core.Sources;

namespace Tidings.Core.Articles;

public sealed class Article
{
    public const int TitleMaxLength = 200;
    public const int SummaryMaxLength = 500;
    public const int SlugMaxLength = 120;
    public const int ExternalIdMaxLength = 200;
    public const int BodyMaxLength = 1_000_000;
    public const int MaxTags = 20;

    public int Id { get; set; }

    /// <summary>The identity an importer gave the article; makes imports idempotent.</summary>
    public string? ExternalId { get; set; }

    /// <summary>Optional ASCII suffix of the canonical URL (/article/42/some-slug).</summary>
    public string? Slug { get; set; }

    public required string Title { get; set; }
    public required string Summary { get; set; }

    /// <summary>Sanitized HTML, safe to render as is.</summary>
    public required string BodyHtml { get; set; }

    /// <summary>What the writer typed in the newsroom (Markdown); null for imported articles, whose source is the HTML.</summary>
    public string? BodyMarkdown { get; set; }

    /// <summary>The newsroom account that created the article (writers and creators may edit their own drafts).</summary>
    public int? OwnerId { get; set; }

    /// <summary>Null while unassigned (imported without a channel).</summary>
    public int? ChannelId { get; set; }
    public Channel? Channel { get; set; }

    /// <summary>The topic model's channel for an article that arrived without one, and how sure it was (0–1).</summary>
    public int? SuggestedChannelId { get; set; }

    public float? SuggestedChannelConfidence { get; set; }

    /// <summary>The channel was assigned from the suggestion, not by a person or an importer; such articles do not
    /// train the model (it would learn its own guesses).</summary>
    public bool ChannelSuggested { get; set; }

    public int? RegionId { get; set; }
    public Region? Region { get; set; }

    public int SourceId { get; set; }
    public Source? Source { get; set; }

    public int? AuthorId { get; set; }
    public Author? Author { get; set; }

    /// <summary>责任编辑: the editor accountable for the published article.</summary>
    public string? EditorName { get; set; }

    /// <summary>态度原创: the portal's own original content.</summary>
    public bool IsOriginal { get; set; }

    /// <summary>The language the article is written in (<see cref="ContentLanguage"/>); pages, feeds and sitemaps say it.</summary>
    public string Language { get; set; } = ContentLanguage.Chinese;

    /// <summary>阅读原文: the partner's page for an article taken from a partner feed.</summary>
    public string? OriginalUrl { get; set; }

    /// <summary>The partner feed the article came from (no foreign key: removing a feed keeps its articles).</summary>
    public int? PartnerFeedId { get; set; }

    public string? CoverUrl { get; set; }
    public string? CoverAlt { get; set; }
    public int? CoverWidth { get; set; }
    public int? CoverHeight { get; set; }

    public ArticleStatus Status { get; set; }
    public DateTime? PublishedAt { get; set; }

    /// <summary>禁发: no reader sees the article before this time, and nobody publishes it earlier (<see cref="Embargo"/>).</summary>
    public DateTime? EmbargoUntil { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int CommentCount { get; set; }

    /// <summary>滚动直播: whether this article is a live coverage, running or ended (entries: <see cref="Live.LiveEntry"/>).</summary>
    public Live.LiveStatus LiveStatus { get; set; }

    /// <summary>When the live coverage ended (coverageEndTime).</summary>
    public DateTime? LiveEndedAt { get; set; }

    /// <summary>The 跟贴 the article's account pinned to the top of its thread (作者置顶); one at a time.</summary>
    public long? PinnedCommentId { get; set; }

    public List<ArticleTag> Tags { get; set; } = [];

    /// <summary>The segmented text the search index reads; written with the article, in the same transaction.</summary>
    public ArticleSearchText? SearchText { get; set; }
}
