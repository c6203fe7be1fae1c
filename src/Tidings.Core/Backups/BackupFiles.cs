using System.Globalization;
using System.Security.Cryptography;

namespace Tidings.Core.Backups;

/// <summary>Copying, hashing and checking the files of a backup against its manifest.</summary>
public static class BackupFiles
{
    private const int BufferSize = 1 << 20;

    /// <summary>
    /// Copies a file, hashing the bytes as they are written, and forces them to disk: the manifest then describes what
    /// is in the copy (even if the source changes meanwhile), and a backup that says it is complete survives a power cut.
    /// </summary>
    /// <param name="copied">Bytes copied since the last call.</param>
    public static async Task<BackupFile> CopyAsync(string source, string target, string relativePath, Action<long> copied, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(copied);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        long bytes = 0;
        await using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, useAsync: true))
        await using (var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, useAsync: true))
        {
            int read;
            while ((read = await input.ReadAsync(buffer, ct)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), ct);
                bytes += read;
                copied(read);
            }

            output.Flush(flushToDisk: true);
        }

        return new BackupFile(relativePath, bytes, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <param name="read">Bytes read since the last call.</param>
    public static async Task<BackupFile> DescribeAsync(string path, string relativePath, Action<long> read, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(read);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        long bytes = 0;
        await using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true);
        int n;
        while ((n = await input.ReadAsync(buffer, ct)) > 0)
        {
            hash.AppendData(buffer, 0, n);
            bytes += n;
            read(n);
        }

        return new BackupFile(relativePath, bytes, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>Reads <c>manifest.json</c> of the backup in <paramref name="directory"/>, or says why there is no usable one.</summary>
    public static async Task<BackupManifest> ReadManifestAsync(string directory, CancellationToken ct)
    {
        if (File.Exists(directory))
        {
            throw new BackupException($"{directory} is a file; a backup is a directory (the one given to backup --to).");
        }

        if (!Directory.Exists(directory))
        {
            throw new BackupException($"{directory} does not exist.");
        }

        var path = Path.Combine(directory, BackupManifest.FileName);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new BackupException($"{directory} has no {BackupManifest.FileName}: it is not a Tidings backup, or a backup that did not finish.");
        }

        if (info.Length > BackupManifest.MaxBytes)
        {
            throw new BackupException(string.Create(CultureInfo.InvariantCulture, $"{path} is {info.Length:N0} bytes, more than any manifest this program writes; refusing to read it."));
        }

        return BackupManifest.Parse(await File.ReadAllBytesAsync(path, ct));
    }

    /// <summary>Writes the manifest under a temporary name and renames it: a manifest is there whole or not at all.</summary>
    public static async Task WriteManifestAsync(string directory, BackupManifest manifest, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var path = Path.Combine(directory, BackupManifest.FileName);
        var temp = path + ".tmp";
        await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, useAsync: true))
        {
            await file.WriteAsync(manifest.ToJson(), ct);
            file.Flush(flushToDisk: true);
        }

        File.Move(temp, path);
    }

    /// <summary>
    /// Checks every file the manifest lists: present, as large as listed, and with the listed SHA-256. Files the manifest
    /// does not list are not restored, so they are not checked.
    /// </summary>
    /// <param name="read">Bytes read since the last call.</param>
    public static async Task VerifyAsync(string directory, BackupManifest manifest, Action<long> read, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        foreach (var file in manifest.Files)
        {
            var path = Path.Combine(directory, file.Path);
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new BackupException($"{file.Path} is missing from the backup.");
            }

            if (info.Length != file.Bytes)
            {
                throw new BackupException(string.Create(CultureInfo.InvariantCulture, $"{file.Path} has {info.Length:N0} bytes, the manifest says {file.Bytes:N0}: the backup is damaged (truncated or changed)."));
            }

            var actual = await DescribeAsync(path, file.Path, read, ct);
            if (actual.Sha256 != file.Sha256)
            {
                throw new BackupException($"{file.Path} does not match its SHA-256 in the manifest: the backup is damaged or was changed.");
            }
        }
    }
}
