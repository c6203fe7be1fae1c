using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tidings.Core.Backups;

/// <summary>Why a backup could not be made, verified or restored; the message is for the operator, as it stands.</summary>
public sealed class BackupException(string message) : Exception(message);

/// <summary>A file of the backup, by its path relative to the backup (and to the data directory it came from).</summary>
public sealed record BackupFile(string Path, long Bytes, string Sha256);

public sealed record BackupTable(string Name, long Rows);

/// <summary>
/// <c>manifest.json</c>, the last file a backup writes: a backup without one is unfinished. It lists every file with
/// its size and SHA-256, the database's row count per table and its last migration, so a restore can check all of it
/// before it touches a data directory.
/// </summary>
public sealed record BackupManifest(
    int Format,
    DateTimeOffset CreatedAt,
    string Application,
    string Schema,
    string IntegrityCheck,
    IReadOnlyList<BackupTable> Tables,
    IReadOnlyList<BackupFile> Files)
{
    public const string FileName = "manifest.json";

    public const int CurrentFormat = 1;

    /// <summary>
    /// A manifest lists a few lines per file: even a site with 100,000 covers stays far below this. Larger is not a
    /// manifest this program wrote, and is not read into memory.
    /// </summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,

        // A file for people and scripts, never embedded in HTML: keep 中文 names and "+" readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    [JsonIgnore]
    public long TotalBytes => Files.Sum(f => f.Bytes);

    [JsonIgnore]
    public BackupFile Database => Files.First(f => f.Path == SiteFiles.Database);

    /// <summary>
    /// Why a build that knows <paramref name="knownMigrations"/> (in order) must not restore this backup, or null when
    /// it may: the backup's last migration is one it knows (an older one is upgraded when the site starts).
    /// </summary>
    public string? SchemaRefusal(IReadOnlyList<string> knownMigrations)
    {
        ArgumentNullException.ThrowIfNull(knownMigrations);
        if (knownMigrations.Contains(Schema, StringComparer.Ordinal))
        {
            return null;
        }

        var newest = knownMigrations.Count == 0 ? "none" : knownMigrations[^1];

        // Migration ids start with their UTC creation time, so they sort by age.
        return string.CompareOrdinal(Schema, newest) > 0
            ? $"the backup's database is at migration {Schema}, newer than this build knows (its newest is {newest}). Restore it with the release that made it ({Application}) or a later one."
            : $"the backup's database is at migration {Schema}, which this build does not know (its newest is {newest}); it comes from another line of development. Restore it with the release that made it ({Application}).";
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Reads and checks a manifest; anything that is not a whole, sane manifest is a <see cref="BackupException"/>.</summary>
    public static BackupManifest Parse(ReadOnlySpan<byte> json)
    {
        BackupManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackupManifest>(json, Json);
        }
        catch (JsonException e)
        {
            throw new BackupException($"{FileName} is not valid JSON ({e.Message}); the backup is damaged or unfinished.");
        }

        if (manifest is null)
        {
            throw new BackupException($"{FileName} is empty.");
        }

        manifest.Check();
        return manifest;
    }

    private void Check()
    {
        if (Format != CurrentFormat)
        {
            throw new BackupException(Format > CurrentFormat
                ? $"the backup was written in format {Format} by a newer Tidings; this one reads format {CurrentFormat}. Restore it with the newer release."
                : $"{FileName} has format {Format}, which no Tidings release writes.");
        }

        // System.Text.Json leaves missing members null even when the type says otherwise.
        if (string.IsNullOrEmpty(Application) || string.IsNullOrEmpty(Schema) || IntegrityCheck is null || Tables is null || Files is null
            || Tables.Any(t => t is null || t.Name is null || t.Rows < 0)
            || Files.Any(f => f is null || f.Path is null || f.Sha256 is null || f.Bytes < 0))
        {
            throw new BackupException($"{FileName} lacks fields every backup has; the backup is damaged.");
        }

        if (IntegrityCheck != "ok")
        {
            throw new BackupException($"the backup's database did not pass SQLite's integrity check when it was made: {IntegrityCheck}");
        }

        foreach (var file in Files)
        {
            if (SiteFiles.Unsafe(file.Path) is { } reason)
            {
                throw new BackupException($"{FileName} lists \"{file.Path}\": {reason}. A backup this program wrote never does; refusing it.");
            }

            if (file.Sha256.Length != 64 || !file.Sha256.All(char.IsAsciiHexDigitLower))
            {
                throw new BackupException($"{FileName} gives \"{file.Path}\" a SHA-256 that is not 64 lower-case hex digits.");
            }
        }

        var twice = Files.GroupBy(f => f.Path, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new BackupException($"{FileName} lists \"{twice.Key}\" twice.");
        }

        if (!Files.Any(f => f.Path == SiteFiles.Database))
        {
            throw new BackupException($"{FileName} lists no {SiteFiles.Database}: this is not a backup of a SQLite site.");
        }
    }
}
