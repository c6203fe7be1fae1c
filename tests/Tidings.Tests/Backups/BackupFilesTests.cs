using System.Security.Cryptography;
using System.Text;
using Tidings.Core.Backups;

namespace Tidings.Tests.Backups;

public sealed class BackupFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tidings-backupfiles-").FullName;

    private async Task<BackupManifest> BackupOfAsync(params (string Path, string Text)[] files)
    {
        var source = Path.Combine(_dir, "source");
        var listed = new List<BackupFile>();
        foreach (var (path, text) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(source, path))!);
            await File.WriteAllTextAsync(Path.Combine(source, path), text);
            listed.Add(await BackupFiles.CopyAsync(Path.Combine(source, path), Path.Combine(_dir, "backup", path), path, _ => { }, CancellationToken.None));
        }

        var manifest = new BackupManifest(BackupManifest.CurrentFormat, DateTimeOffset.UnixEpoch, "Tidings test", "20261203114838_DeskTitleIndex", "ok", [], listed);
        await BackupFiles.WriteManifestAsync(Path.Combine(_dir, "backup"), manifest, CancellationToken.None);
        return manifest;
    }

    [Fact]
    public async Task CopyAsync_HashesWhatItWrote_AndReportsEveryByte()
    {
        var source = Path.Combine(_dir, "a.txt");
        await File.WriteAllTextAsync(source, "潮讯网", TestContext.Current.CancellationToken);
        long reported = 0;
        var file = await BackupFiles.CopyAsync(source, Path.Combine(_dir, "copy", "a.txt"), "a.txt", n => reported += n, CancellationToken.None);
        var bytes = Encoding.UTF8.GetBytes("潮讯网");
        Assert.Equal(new BackupFile("a.txt", bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))), file);
        Assert.Equal(bytes.Length, reported);
        Assert.Equal("潮讯网", await File.ReadAllTextAsync(Path.Combine(_dir, "copy", "a.txt"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task VerifyAsync_IntactBackup_Passes_AndReadManifestAsyncReadsItBack()
    {
        var written = await BackupOfAsync(("tidings.db", "database"), ("keys/key-1.xml", "<key/>"));
        var read = await BackupFiles.ReadManifestAsync(Path.Combine(_dir, "backup"), CancellationToken.None);
        Assert.Equal(written.Files, read.Files);
        await BackupFiles.VerifyAsync(Path.Combine(_dir, "backup"), read, _ => { }, CancellationToken.None);
        Assert.False(File.Exists(Path.Combine(_dir, "backup", "manifest.json.tmp")));
    }

    [Fact]
    public async Task VerifyAsync_SameSizeDifferentBytes_FailsOnTheHash()
    {
        var manifest = await BackupOfAsync(("tidings.db", "database"), ("keys/key-1.xml", "<key/>"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "backup", "keys", "key-1.xml"), "<kex/>", TestContext.Current.CancellationToken);
        var e = await Assert.ThrowsAsync<BackupException>(() => BackupFiles.VerifyAsync(Path.Combine(_dir, "backup"), manifest, _ => { }, CancellationToken.None));
        Assert.Contains("keys/key-1.xml does not match its SHA-256", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_TruncatedOrMissingFile_SaysWhich()
    {
        var manifest = await BackupOfAsync(("tidings.db", "database"), ("keys/key-1.xml", "<key/>"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "backup", "tidings.db"), "data", TestContext.Current.CancellationToken);
        var truncated = await Assert.ThrowsAsync<BackupException>(() => BackupFiles.VerifyAsync(Path.Combine(_dir, "backup"), manifest, _ => { }, CancellationToken.None));
        Assert.Contains("tidings.db has 4 bytes, the manifest says 8", truncated.Message, StringComparison.Ordinal);

        File.Delete(Path.Combine(_dir, "backup", "tidings.db"));
        var missing = await Assert.ThrowsAsync<BackupException>(() => BackupFiles.VerifyAsync(Path.Combine(_dir, "backup"), manifest, _ => { }, CancellationToken.None));
        Assert.Contains("tidings.db is missing", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadManifestAsync_FileMissingDirectoryOrNoManifest_SaysWhat()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "plain.txt"), "x", TestContext.Current.CancellationToken);
        Assert.Contains("is a file", (await Assert.ThrowsAsync<BackupException>(() => BackupFiles.ReadManifestAsync(Path.Combine(_dir, "plain.txt"), CancellationToken.None))).Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", (await Assert.ThrowsAsync<BackupException>(() => BackupFiles.ReadManifestAsync(Path.Combine(_dir, "nowhere"), CancellationToken.None))).Message, StringComparison.Ordinal);
        Assert.Contains("did not finish", (await Assert.ThrowsAsync<BackupException>(() => BackupFiles.ReadManifestAsync(_dir, CancellationToken.None))).Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
