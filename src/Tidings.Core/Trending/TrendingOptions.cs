namespace Tidings.Core.Trending;

/// <summary>How reader signals count and decay (configuration section Tidings:Trending).</summary>
public sealed class TrendingOptions
{
    /// <summary>Half-life of a signal in the site-wide lists, in hours.</summary>
    public double SiteHalfLifeHours { get; set; } = 6;

    /// <summary>Half-life in channel and region lists, which move more slowly, in hours.</summary>
    public double SectionHalfLifeHours { get; set; } = 24;

    /// <summary>
    /// Distinct visitors tracked per client address, article and hour. The k-th counts 1/k² (see
    /// <see cref="EventGate"/>), so visitors beyond this limit would add almost nothing; they are ignored, which bounds
    /// memory when a script burns thousands of cookies.
    /// </summary>
    public int MaxVisitorsPerClientPerArticleHour { get; set; } = 20;

    /// <summary>Beacon requests a visitor may send in a burst, and per second after it (token bucket).</summary>
    public int VisitorBurst { get; set; } = 20;

    public int VisitorPerSecond { get; set; } = 5;

    /// <summary>Beacon requests one client address may send in a burst, and per second after it, whatever its cookies.</summary>
    public int AddressBurst { get; set; } = 200;

    public int AddressPerSecond { get; set; } = 50;

    public double ViewWeight { get; set; } = 1;

    public double ReadWeight { get; set; } = 2;

    public double ShareWeight { get; set; } = 3;

    public double CommentWeight { get; set; } = 3;

    /// <summary>Shares count at most this share of an hour's unique views (as Lobsters caps comment points).</summary>
    public double MaxSharesPerView { get; set; } = 0.5;

    /// <summary>Comments count at most this share of an hour's unique views.</summary>
    public double MaxCommentsPerView { get; set; } = 0.5;
}
