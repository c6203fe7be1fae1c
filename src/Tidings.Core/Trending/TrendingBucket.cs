namespace Tidings.Core.Trending;

/// <summary>
/// One hour of one signal for one article, as snapshotted from the in-process scorer so a restart resumes the same
/// ranking (and a crash loses at most one flush interval).
/// </summary>
public sealed class TrendingBucket
{
    public int ArticleId { get; set; }

    /// <summary>Hours since the Unix epoch (UTC).</summary>
    public long Hour { get; set; }

    public ReaderSignal Signal { get; set; }

    /// <summary>Weighted count (visitors behind one address count 1/k²).</summary>
    public double Count { get; set; }

    public int? ChannelId { get; set; }

    public int? RegionId { get; set; }
}
