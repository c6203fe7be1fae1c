namespace Tidings.Core.Scheduling;

/// <summary>
/// Keeps background work from taking the readers' machine: work runs one piece at a time in a lane, and the lane
/// stays idle after each piece long enough that working takes at most <see cref="Share"/> of the time. The pause is
/// taken before the next piece starts, not after this one, so whoever ran a piece is done with it at once (a poll gives
/// its feed's lease back without waiting). The partner-feed poller paces the storing of items (segmentation, search
/// text, story clusters, related lists; fetching waits on the network and is not paced); related-list maintenance
/// paces its backlog rounds with <see cref="PauseAfter(TimeSpan, double)"/>. An operator's "poll now" and the CLI run
/// at full speed.
/// </summary>
public sealed class BackgroundPacer(double share, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _lane = new(1, 1);
    private DateTimeOffset _notBefore = DateTimeOffset.MinValue;

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
            var wait = _notBefore - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, ct);
            }

            // Timed with the same clock the pause waits on (a fake one in tests).
            var started = time.GetTimestamp();
            try
            {
                return await work();
            }
            finally
            {
                _notBefore = time.GetUtcNow() + PauseAfter(time.GetElapsedTime(started), Share);
            }
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
