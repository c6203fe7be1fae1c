namespace Tidings.Core.Data;

/// <summary>
/// A setting the newsroom changes while the site runs and every node must see (the spike mode switch): one row per
/// key, its value as JSON, who changed it last. Nodes read it by polling, so no message has to arrive.
/// </summary>
public sealed class SiteSetting
{
    public const int KeyMaxLength = 64;
    public const int ValueMaxLength = 4000;

    public required string Key { get; set; }
    public required string Value { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}
