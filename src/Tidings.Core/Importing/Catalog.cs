using Microsoft.EntityFrameworkCore;
using Tidings.Core.Articles;
using Tidings.Core.Channels;
using Tidings.Core.Data;
using Tidings.Core.Sources;
using Tidings.Core.Text;

namespace Tidings.Core.Importing;

/// <summary>
/// Finds or creates the channels, regions, sources, authors and tags that incoming articles name. It hands out ids,
/// never tracked entities, so a caller can clear the change tracker between batches and keep memory flat.
/// </summary>
public sealed class Catalog(TidingsDbContext db)
{
    public const string UnknownSourceName = "未知来源";

    private readonly Dictionary<string, int> _channels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _regions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _authors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _tags = new(StringComparer.Ordinal);
    private bool _loaded;

    /// <summary>Forget cached ids, e.g. after a failed save rolled back rows this catalog had created.</summary>
    public void Reset()
    {
        _loaded = false;
        _channels.Clear();
        _regions.Clear();
        _sources.Clear();
        _authors.Clear();
        _tags.Clear();
    }

    public async Task<int> ChannelAsync(string nameOrSlug, CancellationToken ct)
    {
        await LoadAsync(ct);
        var slug = Slugs.Normalize(nameOrSlug, Channel.SlugMaxLength);
        if (_channels.TryGetValue(slug, out var id) || _channels.TryGetValue("name:" + nameOrSlug.Trim(), out id))
        {
            return id;
        }

        var name = Truncate(nameOrSlug.Trim(), Channel.NameMaxLength);
        var order = await db.Channels.MaxAsync(c => (int?)c.SortOrder, ct) ?? 0;
        var channel = new Channel { Slug = slug, Name = name, NameEn = slug, ListTitle = name, SortOrder = order + 1 };
        id = await InsertAsync(channel, ct);
        _channels[slug] = id;
        return id;
    }

    public async Task<int> RegionAsync(string nameOrSlug, CancellationToken ct)
    {
        await LoadAsync(ct);
        var slug = Slugs.Normalize(nameOrSlug, Region.SlugMaxLength);
        if (_regions.TryGetValue(slug, out var id) || _regions.TryGetValue("name:" + nameOrSlug.Trim(), out id))
        {
            return id;
        }

        var name = Truncate(nameOrSlug.Trim(), Region.NameMaxLength);
        var order = await db.Regions.MaxAsync(r => (int?)r.SortOrder, ct) ?? 0;
        id = await InsertAsync(new Region { Slug = slug, Name = name, SiteName = name, SortOrder = order + 1 }, ct);
        _regions[slug] = id;
        return id;
    }

    public async Task<int> SourceAsync(string name, CancellationToken ct)
    {
        await LoadAsync(ct);
        name = Truncate(name.Trim(), Source.NameMaxLength);
        if (_sources.TryGetValue(name, out var id))
        {
            return id;
        }

        var baseSlug = Slugs.Normalize(name, Source.SlugMaxLength - 8);
        if (baseSlug.Length == 0)
        {
            baseSlug = "source";
        }

        var slug = baseSlug;
        for (var n = 2; await db.Sources.AnyAsync(s => s.Slug == slug, ct); n++)
        {
            slug = $"{baseSlug}-{n}";
        }

        id = await InsertAsync(new Source { Slug = slug, Name = name, Kind = SourceKind.Media }, ct);
        _sources[name] = id;
        return id;
    }

    public async Task<int> AuthorAsync(string name, CancellationToken ct)
    {
        await LoadAsync(ct);
        name = Truncate(name.Trim(), Author.NameMaxLength);
        if (_authors.TryGetValue(name, out var id))
        {
            return id;
        }

        id = await InsertAsync(new Author { Name = name }, ct);
        _authors[name] = id;
        return id;
    }

    public async Task<List<int>> TagsAsync(IEnumerable<string> names, CancellationToken ct)
    {
        await LoadAsync(ct);
        var ids = new List<int>();
        foreach (var raw in names)
        {
            var name = raw.Trim();
            var slug = Slugs.Normalize(name, Tag.NameMaxLength);
            if (slug.Length == 0)
            {
                continue;
            }

            if (!_tags.TryGetValue(slug, out var id))
            {
                id = await InsertAsync(new Tag { Slug = slug, Name = Truncate(name, Tag.NameMaxLength) }, ct);
                _tags[slug] = id;
            }

            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (_loaded)
        {
            return;
        }

        foreach (var c in await db.Channels.AsNoTracking().Select(c => new { c.Id, c.Slug, c.Name }).ToListAsync(ct))
        {
            _channels[c.Slug] = c.Id;
            _channels["name:" + c.Name] = c.Id;
        }

        foreach (var r in await db.Regions.AsNoTracking().Select(r => new { r.Id, r.Slug, r.Name }).ToListAsync(ct))
        {
            _regions[r.Slug] = r.Id;
            _regions["name:" + r.Name] = r.Id;
        }

        foreach (var s in await db.Sources.AsNoTracking().Select(s => new { s.Id, s.Name }).ToListAsync(ct))
        {
            _sources[s.Name] = s.Id;
        }

        foreach (var a in await db.Authors.AsNoTracking().Select(a => new { a.Id, a.Name }).ToListAsync(ct))
        {
            _authors[a.Name] = a.Id;
        }

        foreach (var t in await db.Tags.AsNoTracking().Select(t => new { t.Id, t.Slug }).ToListAsync(ct))
        {
            _tags[t.Slug] = t.Id;
        }

        _loaded = true;
    }

    private async Task<int> InsertAsync<T>(T entity, CancellationToken ct)
        where T : class
    {
        var entry = db.Add(entity);
        await db.SaveChangesAsync(ct);
        entry.State = EntityState.Detached;
        return (int)entry.Property("Id").CurrentValue!;
    }

    private static string Truncate(string value, int max) => UnicodeText.Prefix(value, max);
}
