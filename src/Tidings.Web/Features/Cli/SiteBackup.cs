using System.Globalization;
using Tidings.Core.Backups;

namespace Tidings.Web.Features.Cli;

/// <summary>A finished backup, and the data directory's files it left out because no restore could put them back.</summary>
internal sealed record BackupOutcome(BackupManifest Manifest, IReadOnlyList<string> Skipped);

/// <summary>A finished restore, and where the site it replaced was moved (null when the data directory was empty).</summary>
internal sealed record RestoreOutcome(DatabaseFacts Database, string? ReplacedInto);

/// <summary>
/// The work of the backup and restore verbs on a SQLite site: the database by snapshot, every other file of the data
/// directory by copy, each hashed into the manifest. The verbs (<see cref="BackupCommands"/>) decide what is allowed.
/// </summary>
internal static class SiteBackup
{
    /// <summary>
    /// Writes a backup of <paramref name="dataPath"/> into <paramref name="target"/> (absent or empty). A new target is
    /// assembled under a hidden name beside it and renamed at the end; in an existing one the manifest is written last.
    /// Either way a backup that stopped half-way has no manifest, and what was written is removed if the process lives.
    /// </summary>
    public static async Task<BackupOutcome> CreateAsync(string dataPath, string target, DateTimeOffset now, string application, Stages stages, CancellationToken ct)
    {
        var created = !Directory.Exists(target);
        var work = created
            ? Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.incomplete-{Guid.NewGuid():N}")
            : target;
        Directory.CreateDirectory(work);
        try
        {
            var copying = stages.Start("Database snapshot");
            var database = Path.Combine(work, SiteFiles.Database);
            await SqliteSnapshot.CopyAsync(Path.Combine(dataPath, SiteFiles.Database), database, (done, total) => copying.Report(done, total), ct);
            copying.Done();

            var checking = stages.Start("Checking the copy");
            var facts = await SqliteSnapshot.InspectAsync(database, ct);
            if (facts.IntegrityCheck != "ok")
            {
                throw new BackupException($"the database copy failed SQLite's integrity check ({facts.IntegrityCheck}). The live database is probably damaged; "
                    + "stop the site and run: sqlite3 tidings.db \"PRAGMA integrity_check\"");
            }

            var files = new List<BackupFile> { await BackupFiles.DescribeAsync(database, SiteFiles.Database, _ => { }, ct) };
            checking.Done();

            var (candidates, skipped) = SiteFilesOf(dataPath);
            var copyingFiles = stages.Start("Files (keys, word lists, covers)", candidates.Sum(c => c.Bytes));
            foreach (var (relative, _) in candidates)
            {
                try
                {
                    files.Add(await BackupFiles.CopyAsync(Path.Combine(dataPath, relative), Path.Combine(work, relative), relative, n => copyingFiles.Advance(n), ct));
                }
                catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
                {
                    // Removed by the site since it was listed (a word list replaced by the operator's editor, say): the
                    // backup holds the directory as it is now, so the file is rightly absent.
                }
            }

            copyingFiles.Done();
            var manifest = new BackupManifest(BackupManifest.CurrentFormat, now, application, facts.Schema, facts.IntegrityCheck, facts.Tables, files);
            await BackupFiles.WriteManifestAsync(work, manifest, ct);
            if (created)
            {
                Directory.Move(work, target);
            }

            return new BackupOutcome(manifest, skipped);
        }
        catch
        {
            RemoveQuietly(work, removeItself: created);
            throw;
        }
    }

    /// <summary>
    /// Copies the backup's files into a hidden folder of <paramref name="dataPath"/> (checking each hash again as it is
    /// written, and the database's integrity and row counts against the manifest), then moves what was there into
    /// <c>replaced-by-restore-…</c> and the copy into place. The caller holds the data directory's lock exclusively.
    /// </summary>
    public static async Task<RestoreOutcome> RestoreAsync(string backup, BackupManifest manifest, string dataPath, DateTimeOffset now, Stages stages, CancellationToken ct)
    {
        foreach (var leftover in Directory.EnumerateDirectories(dataPath, SiteFiles.StagingPrefix + "*"))
        {
            // A restore that was killed half-way; nothing else ever writes there.
            Directory.Delete(leftover, recursive: true);
        }

        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var staging = Path.Combine(dataPath, SiteFiles.StagingPrefix + stamp);
        Directory.CreateDirectory(staging);
        DatabaseFacts facts;
        try
        {
            var copying = stages.Start("Copying the backup", manifest.TotalBytes);
            foreach (var file in manifest.Files)
            {
                var copied = await BackupFiles.CopyAsync(Path.Combine(backup, file.Path), Inside(staging, file.Path), file.Path, n => copying.Advance(n), ct);
                if (copied != file)
                {
                    throw new BackupException($"{file.Path} changed in the backup while it was being restored; nothing was restored.");
                }
            }

            copying.Done();
            var checking = stages.Start("Checking the restored database");
            facts = await SqliteSnapshot.InspectAsync(Path.Combine(staging, SiteFiles.Database), ct);
            if (facts.IntegrityCheck != "ok")
            {
                throw new BackupException($"the restored database failed SQLite's integrity check ({facts.IntegrityCheck}); nothing was restored.");
            }

            if (facts.Schema != manifest.Schema || !facts.Tables.SequenceEqual(manifest.Tables))
            {
                throw new BackupException("the backup's database does not hold the tables and rows its manifest lists; nothing was restored.");
            }

            checking.Done();
        }
        catch
        {
            RemoveQuietly(staging, removeItself: true);
            throw;
        }

        var existing = ExistingSite(dataPath);
        string? aside = null;
        if (existing.Count > 0)
        {
            aside = Path.Combine(dataPath, SiteFiles.ReplacedPrefix + stamp);
            Directory.CreateDirectory(aside);
        }

        var moved = new List<(string From, string To)>();
        try
        {
            foreach (var entry in existing)
            {
                var to = Path.Combine(aside!, Path.GetFileName(entry));
                Move(entry, to);
                moved.Add((entry, to));
            }

            foreach (var entry in Directory.EnumerateFileSystemEntries(staging))
            {
                var to = Path.Combine(dataPath, Path.GetFileName(entry));
                Move(entry, to);
                moved.Add((entry, to));
            }
        }
        catch
        {
            // Renames within one directory rarely fail; if one does, put back what was moved, newest first.
            foreach (var (from, to) in Enumerable.Reverse(moved))
            {
                try
                {
                    Move(to, from);
                }
                catch (IOException)
                {
                    // Keep putting back the rest; the error that stopped the restore is the one reported.
                }
            }

            RemoveQuietly(staging, removeItself: true);
            if (aside is not null)
            {
                RemoveQuietly(aside, removeItself: true);
            }

            throw;
        }

        Directory.Delete(staging, recursive: true);
        return new RestoreOutcome(facts, aside);
    }

    /// <summary>What of the data directory a restore would replace: everything but the lock and earlier replaced sites.</summary>
    public static List<string> ExistingSite(string dataPath) =>
        Directory.Exists(dataPath)
            ? Directory.EnumerateFileSystemEntries(dataPath)
                .Where(e => Path.GetFileName(e) is var name && name != SiteFiles.Lock
                    && !name.StartsWith(SiteFiles.ReplacedPrefix, StringComparison.Ordinal)
                    && !name.StartsWith(SiteFiles.StagingPrefix, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];

    /// <summary>The data directory's files that go into a backup (with their sizes, in a stable order), and names left out.</summary>
    private static (List<(string Relative, long Bytes)> Files, List<string> Skipped) SiteFilesOf(string dataPath)
    {
        var files = new List<(string, long)>();
        var skipped = new List<string>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false };
        foreach (var info in new DirectoryInfo(dataPath).EnumerateFiles("*", options))
        {
            var relative = Path.GetRelativePath(dataPath, info.FullName).Replace(Path.DirectorySeparatorChar, '/');
            if (!SiteFiles.InBackup(relative))
            {
                continue;
            }

            if (SiteFiles.Unsafe(relative) is { } reason)
            {
                skipped.Add($"{relative}: {reason}");
                continue;
            }

            files.Add((relative, info.Length));
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return (files, skipped);
    }

    /// <summary>The path's place under <paramref name="root"/>; the manifest's paths were checked, this makes sure.</summary>
    private static string Inside(string root, string relative)
    {
        var path = Path.GetFullPath(Path.Combine(root, relative));
        return path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new BackupException($"{relative} would be written outside the data directory; refusing the backup.");
    }

    private static void Move(string from, string to)
    {
        if (Directory.Exists(from))
        {
            Directory.Move(from, to);
        }
        else
        {
            File.Move(from, to);
        }
    }

    private static void RemoveQuietly(string directory, bool removeItself)
    {
        try
        {
            if (removeItself)
            {
                Directory.Delete(directory, recursive: true);
                return;
            }

            foreach (var entry in Directory.EnumerateFileSystemEntries(directory))
            {
                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    File.Delete(entry);
                }
            }
        }
        catch (IOException)
        {
            // The first error is the one to report; a leftover without a manifest is recognisably unfinished.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
