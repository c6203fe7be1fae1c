namespace Tidings.Core.Articles;

public sealed class Tag
{
    public const int NameMaxLength = 32;

    public int Id { get; set; }

    /// <summary>Lower-cased, whitespace-collapsed name; Chinese tags keep their characters (URLs percent-encode them).</summary>
    public required string Slug { get; set; }

    public required string Name { get; set; }
}

public sealed class ArticleTag
{
    public int ArticleId { get; set; }
    public int TagId { get; set; }
}
