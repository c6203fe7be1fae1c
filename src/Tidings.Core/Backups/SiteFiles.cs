namespace Tidings.Core.Backups;

/// <summary>
/// The names a SQLite site's data directory reserves, and which of its files a backup carries. Everything else the
/// operator or the site put there (keys, word lists, dictionary, ip-regions.txt, bots.txt, covers) is carried, so a file
/// a later release adds is backed up without anyone remembering to list it.
/// </summary>
public static class SiteFiles
{
    public const string Database = "tidings.db";

    /// <summary>Held shared by every process that uses the data directory, and exclusively by a restore.</summary>
    public const string Lock = "tidings.lock";

    /// <summary>Where a forced restore moves the site it replaces (inside the data directory: its parent is often not writable).</summary>
    public const string ReplacedPrefix = "replaced-by-restore-";

    /// <summary>Where a restore assembles the new site before it moves it into place.</summary>
    public const string StagingPrefix = ".restore-";

    /// <summary>The longest path a manifest may name; a data directory has no deeper files than covers/xx/hash-960.webp.</summary>
    public const int MaxPathLength = 1024;

    /// <summary>
    /// Whether a file of the data directory (its path relative to it, with '/') belongs in a backup. The database is
    /// taken by a snapshot, not copied, and its -wal, -shm and -journal files belong to the live copy only.
    /// </summary>
    public static bool InBackup(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var top = relativePath.Split('/')[0];
        return !(relativePath.Equals(Database, StringComparison.Ordinal)
            || (relativePath.StartsWith(Database + "-", StringComparison.Ordinal) && !relativePath.Contains('/', StringComparison.Ordinal))
            || relativePath.Equals(Lock, StringComparison.Ordinal)
            || top.StartsWith(ReplacedPrefix, StringComparison.Ordinal)
            || top.StartsWith(StagingPrefix, StringComparison.Ordinal)

            // AtomicFile's half-written files; the whole file appears under its own name when it is done.
            || relativePath.EndsWith(".tmp", StringComparison.Ordinal));
    }

    /// <summary>
    /// Why a path from a manifest must not be written under a data directory (null when it may): it has to stay inside,
    /// so no absolute paths, no '..', no backslashes, and it must not name the lock or a restore's working folders.
    /// </summary>
    public static string? Unsafe(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "an empty path";
        }

        if (path.Length > MaxPathLength)
        {
            return $"a path longer than {MaxPathLength} characters";
        }

        if (path.Any(c => char.IsControl(c) || c == '\\'))
        {
            return "a control character or backslash in a path";
        }

        if (path.StartsWith('/'))
        {
            return "an absolute path";
        }

        if (path.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            return "an empty, '.' or '..' part in a path";
        }

        if (path != Database && !InBackup(path))
        {
            return "a name the data directory reserves";
        }

        return null;
    }
}
