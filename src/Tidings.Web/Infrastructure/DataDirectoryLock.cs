using Tidings.Core.Backups;

namespace Tidings.Web.Infrastructure;

/// <summary>The data directory's lock cannot be held: a restore has it, or its file is not this user's to open.</summary>
internal sealed class DataDirectoryLockException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// <c>tidings.lock</c> in the data directory. Every process that uses the directory (the site, and every verb through
/// the same services) holds it shared for as long as it runs; a restore holds it exclusively, so a restore never
/// replaces the files under a running site, and a site cannot start in the middle of a restore.
/// </summary>
/// <remarks>
/// .NET takes these as flock(2) locks (FileShare.None exclusive, anything else shared), and the kernel drops them when
/// the process ends however it ends: a crashed site leaves no stale lock behind, as a pid file would. The SQLite file
/// itself is no such signal: in WAL mode a running site's idle connections hold no lock that stops another writer,
/// and the connection pool closes them after a while anyway. Locking can be disabled for the whole runtime with
/// DOTNET_SYSTEM_IO_DISABLEFILELOCKING; then this protection is off too.
/// </remarks>
internal sealed class DataDirectoryLock : IDisposable
{
    private readonly FileStream _file;

    private DataDirectoryLock(string directory, FileStream file)
    {
        Directory = directory;
        _file = file;
    }

    public string Directory { get; }

    /// <summary>Holds the directory for a process that uses it; throws when a restore holds it.</summary>
    public static DataDirectoryLock Shared(string directory)
    {
        var path = Path.Combine(directory, SiteFiles.Lock);
        try
        {
            // Read access only: .NET then always takes the shared lock, also on network file systems.
            return new DataDirectoryLock(directory, new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        }
        catch (IOException e)
        {
            throw new DataDirectoryLockException(
                $"the data directory {directory} is held by a restore (another process holds {SiteFiles.Lock} exclusively). Start again when it has finished.", e);
        }
        catch (UnauthorizedAccessException e)
        {
            // Typically left by a verb run as root. Failing loudly beats serving without the protection.
            throw new DataDirectoryLockException(
                $"cannot open {path}: {e.Message} Every Tidings process holds it while it uses the data directory; let the service user read it (chown tidings: {path}).", e);
        }
    }

    /// <summary>Holds the directory alone, or returns null when any other process (the site, a verb) uses it.</summary>
    public static DataDirectoryLock? TryExclusive(string directory)
    {
        var path = Path.Combine(directory, SiteFiles.Lock);
        try
        {
            return new DataDirectoryLock(directory, new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _file.Dispose();
}
