using System.Text;
using Tidings.Core.Backups;

namespace Tidings.Tests.Backups;

public sealed class BackupManifestTests
{
    private const string Hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static readonly string[] Known = ["20261101000000_Initial", "20261203114838_DeskTitleIndex"];

    private static BackupManifest Manifest(string schema = "20261203114838_DeskTitleIndex", params BackupFile[] files) => new(
        BackupManifest.CurrentFormat,
        new DateTimeOffset(2026, 12, 4, 3, 0, 0, TimeSpan.Zero),
        "Tidings 1.0.0+abc",
        schema,
        "ok",
        [new BackupTable("Articles", 141), new BackupTable("Comments", 140)],
        files.Length > 0 ? files : [new BackupFile("tidings.db", 4096, Hash), new BackupFile("keys/key-1.xml", 10, Hash)]);

    private static BackupManifest Parse(string json) => BackupManifest.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Parse_WhatToJsonWrote_ComesBackEqual()
    {
        var manifest = Manifest();
        var back = BackupManifest.Parse(manifest.ToJson());
        Assert.Equal(manifest.CreatedAt, back.CreatedAt);
        Assert.Equal(manifest.Tables, back.Tables);
        Assert.Equal(manifest.Files, back.Files);
        Assert.Equal(4106, back.TotalBytes);
        Assert.Equal("tidings.db", back.Database.Path);
    }

    [Fact]
    public void ToJson_KeepsChineseNamesReadable_AndLeavesOutComputedValues()
    {
        var json = Encoding.UTF8.GetString(Manifest(files: [new BackupFile("tidings.db", 1, Hash), new BackupFile("moderation/敏感词.txt", 1, Hash)]).ToJson());
        Assert.Contains("moderation/敏感词.txt", json, StringComparison.Ordinal);
        Assert.Contains("Tidings 1.0.0+abc", json, StringComparison.Ordinal);
        Assert.DoesNotContain("totalBytes", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("{\"format\": 1, \"tables\": [", "not valid JSON")]
    [InlineData("null", "empty")]
    [InlineData("{\"format\": 1}", "lacks fields")]
    [InlineData("{\"format\": 2}", "newer Tidings")]
    [InlineData("{\"format\": 0}", "no Tidings release writes")]
    public void Parse_DamagedOrForeignManifest_SaysWhat(string json, string expected)
    {
        var e = Assert.Throws<BackupException>(() => Parse(json));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../outside.txt", "'..'")]
    [InlineData("/etc/cron.d/x", "absolute")]
    [InlineData("tidings.lock", "reserves")]
    public void Parse_PathOutsideTheDataDirectory_IsRefused(string path, string expected)
    {
        var json = Manifest(files: [new BackupFile("tidings.db", 1, Hash), new BackupFile(path, 1, Hash)]).ToJson();
        var e = Assert.Throws<BackupException>(() => BackupManifest.Parse(json));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoDatabaseFileTwiceOrBadHash_AreRefused()
    {
        Assert.Contains("lists no tidings.db", Assert.Throws<BackupException>(() =>
            BackupManifest.Parse(Manifest(files: [new BackupFile("keys/key-1.xml", 1, Hash)]).ToJson())).Message, StringComparison.Ordinal);
        Assert.Contains("twice", Assert.Throws<BackupException>(() =>
            BackupManifest.Parse(Manifest(files: [new BackupFile("tidings.db", 1, Hash), new BackupFile("tidings.db", 1, Hash)]).ToJson())).Message, StringComparison.Ordinal);
        Assert.Contains("SHA-256", Assert.Throws<BackupException>(() =>
            BackupManifest.Parse(Manifest(files: [new BackupFile("tidings.db", 1, Hash.ToUpperInvariant())]).ToJson())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ADatabaseThatFailedItsIntegrityCheck_IsRefused()
    {
        var json = (Manifest() with { IntegrityCheck = "row 5 missing from index" }).ToJson();
        Assert.Contains("integrity check", Assert.Throws<BackupException>(() => BackupManifest.Parse(json)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SchemaRefusal_SameOrOlderMigration_IsAllowed()
    {
        Assert.Null(Manifest().SchemaRefusal(Known));
        Assert.Null(Manifest("20261101000000_Initial").SchemaRefusal(Known));
    }

    [Fact]
    public void SchemaRefusal_NewerOrUnknownMigration_SaysWhichReleaseCanRestoreIt()
    {
        Assert.Contains("newer than this build knows", Manifest("20270101000000_Later").SchemaRefusal(Known), StringComparison.Ordinal);
        Assert.Contains("does not know", Manifest("20261115000000_OtherBranch").SchemaRefusal(Known), StringComparison.Ordinal);
    }
}
