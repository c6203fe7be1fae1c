using Tidings.Core.Backups;

namespace Tidings.Tests.Backups;

public sealed class SiteFilesTests
{
    [Theory]
    [InlineData("keys/key-0f1e.xml")]
    [InlineData("moderation/banned.txt")]
    [InlineData("ip-regions.txt")]
    [InlineData("dictionary/user.txt")]
    [InlineData("media/covers/3f/3f2a-960.webp")]
    [InlineData(".hidden-operator-file")]
    [InlineData("media/tidings.db-wal")]
    public void InBackup_OperatorAndSiteFiles_AreCarried(string path) => Assert.True(SiteFiles.InBackup(path));

    [Theory]
    [InlineData("tidings.db")]
    [InlineData("tidings.db-wal")]
    [InlineData("tidings.db-shm")]
    [InlineData("tidings.db-journal")]
    [InlineData("tidings.lock")]
    [InlineData("media/covers/3f2a-960.webp.0123abcd.tmp")]
    [InlineData("replaced-by-restore-20261204T030000Z/tidings.db")]
    [InlineData(".restore-20261204T030000Z/keys/key-1.xml")]
    public void InBackup_TheLiveDatabaseLockTemporaryAndRestoreFolders_AreNot(string path) => Assert.False(SiteFiles.InBackup(path));

    [Theory]
    [InlineData("tidings.db")]
    [InlineData("keys/key-1.xml")]
    [InlineData("moderation/敏感词.txt")]
    public void Unsafe_PathsABackupWrites_AreAccepted(string path) => Assert.Null(SiteFiles.Unsafe(path));

    [Theory]
    [InlineData("")]
    [InlineData("/etc/passwd")]
    [InlineData("../outside.txt")]
    [InlineData("keys/../../outside.txt")]
    [InlineData("keys//key.xml")]
    [InlineData("./keys/key.xml")]
    [InlineData("keys\\key.xml")]
    [InlineData("keys/key\n.xml")]
    [InlineData("tidings.lock")]
    [InlineData("tidings.db-wal")]
    [InlineData(".restore-1/tidings.db")]
    public void Unsafe_PathsThatLeaveOrClobberTheDataDirectory_AreRefused(string path) => Assert.NotNull(SiteFiles.Unsafe(path));

    [Fact]
    public void Unsafe_OverlongPath_IsRefused() => Assert.NotNull(SiteFiles.Unsafe(new string('a', SiteFiles.MaxPathLength + 1)));
}
