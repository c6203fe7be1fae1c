using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.FileProviders;
using Tidings.Core.Data;
using Tidings.Core.Media;
using Tidings.Web.Infrastructure;

namespace Tidings.Web.Features.Newsroom;

/// <summary>
/// Uploaded covers under <c>/media/</c>: served from this node's data directory, and when a file is not there (it was
/// uploaded on another node, or the directory was lost), from the database, keeping a copy on disk for next time.
/// Names are content hashes, so every answer may be cached for good.
/// </summary>
internal static class MediaPaths
{
    public const string UrlPrefix = "/media/";

    private const string Immutable = "public, max-age=31536000, immutable";

    public static WebApplication UseMedia(this WebApplication app)
    {
        var media = Directory.CreateDirectory(Path.Combine(app.Services.GetRequiredService<DataDirectory>().Path, "media")).FullName;
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(media),
            RequestPath = "/media",
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = Immutable,
        });
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                || !request.Path.StartsWithSegments("/media", StringComparison.Ordinal, out var rest)
                || rest.Value is not { Length: > 1 and <= MediaFile.PathMaxLength + 1 } value)
            {
                await next(context);
                return;
            }

            var relative = value[1..];
            var file = await context.RequestServices.GetRequiredService<TidingsDbContext>().MediaFiles.AsNoTracking()
                .Where(m => m.Path == relative).Select(m => new { m.ContentType, m.Bytes }).FirstOrDefaultAsync(context.RequestAborted);
            if (file is null)
            {
                await next(context);
                return;
            }

            KeepCopy(media, relative, file.Bytes);
            context.Response.ContentType = file.ContentType;
            context.Response.ContentLength = file.Bytes.Length;
            context.Response.Headers.CacheControl = Immutable;
            if (HttpMethods.IsGet(request.Method))
            {
                await context.Response.Body.WriteAsync(file.Bytes, context.RequestAborted);
            }
        });
        return app;
    }

    /// <summary>
    /// A stored picture's variants go into the database with the row that names it, so the other nodes (which have not
    /// got the files on their disks) can serve them too, and a move to PostgreSQL carries them along.
    /// </summary>
    public static async Task AddToDatabaseAsync(TidingsDbContext db, string dataDirectory, string coverUrl, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var (_, jpeg, webp) in CoverImages.Variants(coverUrl))
        {
            foreach (var (url, type) in new[] { (jpeg, "image/jpeg"), (webp, "image/webp") })
            {
                var path = url[UrlPrefix.Length..];
                if (!await db.MediaFiles.AnyAsync(m => m.Path == path, ct) && !db.MediaFiles.Local.Any(m => m.Path == path))
                {
                    db.MediaFiles.Add(new MediaFile { Path = path, ContentType = type, Bytes = await File.ReadAllBytesAsync(Path.Combine(dataDirectory, "media", path), ct), CreatedAt = now });
                }
            }
        }
    }

    private static void KeepCopy(string media, string relative, byte[] bytes)
    {
        var path = Path.GetFullPath(Path.Combine(media, relative));
        if (!path.StartsWith(media + Path.DirectorySeparatorChar, StringComparison.Ordinal) || File.Exists(path))
        {
            return;
        }

        try
        {
            AtomicFile.Write(path, file => file.Write(bytes));
        }
        catch (IOException)
        {
            // A full or read-only disk only costs this node a database read per request; the answer is the same.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
