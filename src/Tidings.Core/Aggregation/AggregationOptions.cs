namespace Tidings.Core.Aggregation;

/// <summary>How partner feeds are fetched (`Tidings:Aggregation`).</summary>
public sealed class AggregationOptions
{
    /// <summary>Fetch feeds from private, loopback and link-local addresses too (only for a partner inside your network, and tests).</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>The largest feed body taken, after decompression (a compressed bomb stops here).</summary>
    public int MaxFeedBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>One fetch, redirects included, gives up after this long.</summary>
    public int RequestTimeoutSeconds { get; set; } = 20;

    /// <summary>Redirects followed before a fetch is refused (each target is checked again).</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Fetches in flight to one host at a time, whatever the number of its feeds.</summary>
    public int PerHostConcurrency { get; set; } = 2;

    /// <summary>How often the background poller looks for feeds that are due.</summary>
    public int PollerSeconds { get; set; } = 30;

    /// <summary>Feeds polled at once by one node.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>
    /// The most of the time the background poller spends storing items (one feed at a time; see BackgroundPacer), so
    /// readers keep the machine while a large first poll runs. 1 stores at full speed.
    /// </summary>
    public double ImportShare { get; set; } = 0.05;

    /// <summary>How long a node's claim on a feed lasts; a node that dies mid-poll delays the feed this long.</summary>
    public int LeaseSeconds { get; set; } = 300;
}
