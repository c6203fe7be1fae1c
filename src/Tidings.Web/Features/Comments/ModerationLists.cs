using Tidings.Core.Comments;
using Tidings.Core.Text;
using Tidings.Web.Infrastructure;

namespace Tidings.Web.Features.Comments;

/// <summary>
/// The operator's lists in the data directory, reloaded when a file changes (checked at most every two seconds, on
/// use, so it works on any file system and needs no watcher): moderation/banned.txt and moderation/suspect.txt (one term
/// a line), moderation/variants.txt (traditional → simplified, "發髮 发"), ip-regions.txt (IP属地). Starter files are
/// written on first use. A broken file is logged and the last good version stays in force.
/// </summary>
public sealed partial class ModerationLists(DataDirectory data, CommentsOptions options, TimeProvider time, ILogger<ModerationLists> logger)
{
    private readonly TimeSpan _checkEvery = TimeSpan.FromSeconds(options.ListCheckSeconds);

    private readonly Lock _gate = new();
    private Snapshot _current = new(SensitiveWordFilter.Empty, IpRegionTable.Empty, default);
    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;

    public string Directory => Path.Combine(data.Path, "moderation");

    public string BannedFile => Path.Combine(Directory, "banned.txt");

    public string SuspectFile => Path.Combine(Directory, "suspect.txt");

    public string VariantsFile => Path.Combine(Directory, "variants.txt");

    public string RegionsFile => Path.Combine(data.Path, "ip-regions.txt");

    public SensitiveWordFilter Words => Current.Words;

    public IpRegionTable Regions => Current.Regions;

    private Snapshot Current
    {
        get
        {
            var now = time.GetUtcNow();
            if (now - _checkedAt < _checkEvery)
            {
                return _current;
            }

            lock (_gate)
            {
                if (now - _checkedAt >= _checkEvery)
                {
                    Refresh();
                    _checkedAt = now;
                }

                return _current;
            }
        }
    }

    private void Refresh()
    {
        EnsureStarterFiles();
        var stamp = new Stamp(Stat(BannedFile), Stat(SuspectFile), Stat(VariantsFile), Stat(RegionsFile));
        if (stamp == _current.Stamp)
        {
            return;
        }

        var words = _current.Words;
        var regions = _current.Regions;
        try
        {
            var normalizer = new SensitiveTextNormalizer(SensitiveTextNormalizer.ParseVariants(ReadLines(VariantsFile)));
            words = new SensitiveWordFilter(ReadLines(BannedFile), ReadLines(SuspectFile), normalizer);
            Log.WordsLoaded(logger, words.BannedCount, words.SuspectCount, normalizer.VariantCount);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            Log.ListBroken(logger, e, Directory, e.Message);
        }

        try
        {
            regions = IpRegionTable.Parse(ReadLines(RegionsFile));
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            Log.ListBroken(logger, e, RegionsFile, e.Message);
        }

        _current = new Snapshot(words, regions, stamp);
    }

    private static string[] ReadLines(string path) => File.Exists(path) ? File.ReadAllLines(path) : [];

    private static (DateTime, long) Stat(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1);
    }

    private void EnsureStarterFiles()
    {
        if (File.Exists(BannedFile) || File.Exists(SuspectFile))
        {
            return;
        }

        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(BannedFile, StarterLists.Banned);
        File.WriteAllText(SuspectFile, StarterLists.Suspect);
        if (!File.Exists(VariantsFile))
        {
            File.WriteAllText(VariantsFile, StarterLists.Variants);
        }

        if (!File.Exists(RegionsFile))
        {
            File.WriteAllText(RegionsFile, StarterLists.Regions);
        }
    }

    private readonly record struct Stamp((DateTime, long) Banned, (DateTime, long) Suspect, (DateTime, long) Variants, (DateTime, long) Regions);

    private sealed record Snapshot(SensitiveWordFilter Words, IpRegionTable Regions, Stamp Stamp);

    private static partial class Log
    {
        [LoggerMessage(EventId = 401, EventName = "ModerationLists.WordsLoaded", Level = LogLevel.Information, Message = "Sensitive words loaded: {Banned} banned, {Suspect} suspect, {Variants} variant characters.")]
        public static partial void WordsLoaded(ILogger logger, int banned, int suspect, int variants);

        [LoggerMessage(EventId = 402, EventName = "ModerationLists.ListBroken", Level = LogLevel.Error, Message = "{Path} could not be loaded; the previous version stays in force: {Reason}")]
        public static partial void ListBroken(ILogger logger, Exception exception, string path, string reason);
    }
}
