namespace Tidings.Core.Sources;

public sealed class Author
{
    public const int NameMaxLength = 64;

    public int Id { get; set; }
    public required string Name { get; set; }
}
