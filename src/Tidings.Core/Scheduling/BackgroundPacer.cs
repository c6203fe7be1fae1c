using System.Diagnostics;

namespace Tidings.Core.Scheduling;

/// <summary>
/// Keeps background work from taking the readers' machine: work runs one piece at a time in a lane, and after each
/// piece the lane stays idle long enough that working takes at most <see cref="Share"/> of the time. The partner-feed
/// poller paces the storing of items (segmentation, search text, story clusters, related lists; fetching waits on the
/// network and is not paced); related-list maintenance paces its backlog rounds with <see cref="PauseAfter(TimeSpan, double)"/>.
/// An operator's "poll now" and the CLI run at full speed.
/// </summary>
public sealed class BackgroundPacer(double share, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _lane = new(1, 1);

    /// <summary>The most of the time the work may take (1: no pause at all).</summary>
    public double Share { get; } = Checked(share);

    /// <summary>The pause after <paramref name="busy"/> of work that keeps it within <paramref name="share"/> of the time.</summary>
    public static TimeSpan PauseAfter(TimeSpan busy, double share) =>
        busy <= TimeSpan.Zero || Checked(share) >= 1 ? TimeSpan.Zero : busy * ((1 / share) - 1);

    public async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _lane.WaitAsync(ct);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var result = await work();
            var pause = PauseAfter(Stopwatch.GetElapsedTime(started), Share);
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, time, ct);
            }

            return result;
        }
        finally
        {
            _lane.Release();
        }
    }

    public void Dispose() => _lane.Dispose();

    private static double Checked(double share) =>
        share is > 0 and <= 1 ? share : throw new ArgumentOutOfRangeException(nameof(share), share, "The share must be in (0, 1].");
}
