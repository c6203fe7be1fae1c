using Microsoft.EntityFrameworkCore;
using Tidings.Core.Comments;
using Tidings.Core.Data;

namespace Tidings.Web.Features.Comments;

public enum CommentSort
{
    Latest,
    Hot,
}

/// <summary>One quoted floor of a 盖楼 chain; <see cref="Body"/> is null when that comment is no longer shown.</summary>
public sealed record FloorView(int Number, long Id, string? Nickname, string? Region, string? Body)
{
    public string? BodyHtml => Body is null ? null : CommentText.ToHtml(Body);
}

/// <param name="Chain">The quoted floors loaded: all of them, or for a collapsed long chain the first and the last two.</param>
/// <param name="HiddenFloors">Floors of a collapsed chain left out of <paramref name="Chain"/> (loaded on 展开).</param>
public sealed record CommentView(
    long Id,
    int ArticleId,
    long? ParentId,
    string Nickname,
    string Body,
    string? Region,
    DateTime CreatedAt,
    int Up,
    int Down,
    int FloorCount,
    IReadOnlyList<FloorView> Chain,
    int HiddenFloors = 0,
    bool Pinned = false)
{
    public string BodyHtml => CommentText.ToHtml(Body);
}

public sealed record CommentPage(IReadOnlyList<CommentView> Items, CommentSort Sort, int Page, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public bool HasMore => Page < PageCount;
}

/// <summary>
/// Reading threads: a page is one index range scan (latest by id, hot by the stored hot key) plus one lookup of every
/// floor the page quotes, so a thread of 10,000 comments costs what a thread of 20 does.
/// </summary>
public static class CommentQueries
{
    public const int MaxPage = 10_000;

    /// <summary>
    /// A chain whose middle (between the first floor and the last two) is longer than this is sent collapsed: the
    /// middle is fetched when a reader opens it, so a page of long 盖楼 chains stays small.
    /// </summary>
    public const int InlineMiddleFloors = 6;

    /// <summary>How far down the hot order 热门跟贴 looks for endorsed comments.</summary>
    private const int HotCandidates = 200;

    public static bool TryParseSort(string? value, out CommentSort sort)
    {
        switch (value)
        {
            case null or "" or "latest":
                sort = CommentSort.Latest;
                return true;
            case "hot":
                sort = CommentSort.Hot;
                return true;
            default:
                sort = CommentSort.Latest;
                return false;
        }
    }

    /// <summary>The published total: the article's own counter, which every write keeps in step.</summary>
    public static Task<int> CountAsync(TidingsDbContext db, int articleId, CancellationToken ct) =>
        db.Articles.AsNoTracking().Where(a => a.Id == articleId).Select(a => a.CommentCount).FirstOrDefaultAsync(ct);

    /// <param name="collapse">Leave the middle of long chains out (pages); the API sends whole chains.</param>
    /// <param name="total">The published count when the caller already read it with the article.</param>
    public static async Task<CommentPage> PageAsync(
        TidingsDbContext db, int articleId, CommentSort sort, int page, int pageSize, CancellationToken ct, bool collapse = true, int? total = null)
    {
        total ??= await CountAsync(db, articleId, ct);
        if (total == 0 && page == 1)
        {
            // Most of an archive has no 跟贴: an article page that knows its count skips the query.
            return new CommentPage([], sort, page, pageSize, 0);
        }

        var published = db.Comments.AsNoTracking().Where(c => c.ArticleId == articleId && c.Status == CommentStatus.Published);
        var ordered = sort == CommentSort.Hot
            ? published.OrderByDescending(c => c.HotKey).ThenByDescending(c => c.Id)
            : published.OrderByDescending(c => c.Id);
        var rows = await ordered.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var views = await ViewsAsync(db, rows, collapse, ct);
        if (page == 1 && await db.Articles.AsNoTracking().Where(a => a.Id == articleId).Select(a => a.PinnedCommentId).FirstOrDefaultAsync(ct) is { } pinnedId
            && await db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == pinnedId && c.ArticleId == articleId && c.Status == CommentStatus.Published, ct) is { } pinned)
        {
            // 作者置顶: first on the first page, whatever the order, and not again below it.
            var view = (await ViewsAsync(db, [pinned], collapse, ct))[0] with { Pinned = true };
            views = [view, .. views.Where(v => v.Id != pinnedId)];
        }

        return new CommentPage(views, sort, page, pageSize, total.Value);
    }

    /// <summary>热门跟贴: the hottest few that readers have actually endorsed.</summary>
    public static async Task<IReadOnlyList<CommentView>> HotAsync(TidingsDbContext db, int articleId, int count, int minimumUp, CancellationToken ct)
    {
        // Endorsed comments rank far above unvoted ones of their age, so they are among the top hot keys: reading a
        // bounded head of the index (not filtering the whole thread on 顶) keeps a 10,000-comment thread cheap.
        var head = await db.Comments.AsNoTracking()
            .Where(c => c.ArticleId == articleId && c.Status == CommentStatus.Published)
            .OrderByDescending(c => c.HotKey).ThenByDescending(c => c.Id)
            .Select(c => new { c.Id, c.Up })
            .Take(HotCandidates)
            .ToListAsync(ct);
        var ids = head.Where(c => c.Up >= minimumUp).Take(count).Select(c => c.Id).ToList();
        var rows = (await db.Comments.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(ct))
            .OrderBy(c => ids.IndexOf(c.Id))
            .ToList();
        return await ViewsAsync(db, rows, collapse: true, ct);
    }

    /// <summary>One published comment with its whole chain.</summary>
    public static async Task<CommentView?> PublishedAsync(TidingsDbContext db, long id, CancellationToken ct)
    {
        var row = await db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.Status == CommentStatus.Published, ct);
        return row is null ? null : (await ViewsAsync(db, [row], collapse: false, ct))[0];
    }

    public static async Task<IReadOnlyList<CommentView>> ViewsAsync(TidingsDbContext db, IReadOnlyList<Comment> rows, bool collapse, CancellationToken ct)
    {
        var chains = rows.ToDictionary(r => r.Id, r => CommentChain.Parse(r.Chain));
        var shown = rows.ToDictionary(r => r.Id, r => Shown(chains[r.Id].Count, collapse));
        var floorIds = chains.SelectMany(c => shown[c.Key].Select(i => c.Value[i])).Distinct().ToList();
        var floors = floorIds.Count == 0
            ? []
            : await db.Comments.AsNoTracking()
                .Where(c => floorIds.Contains(c.Id))
                .Select(c => new { c.Id, c.Nickname, c.RegionLabel, c.Body, c.Status })
                .ToDictionaryAsync(c => c.Id, ct);
        return rows.Select(r =>
        {
            var chain = chains[r.Id];
            var indexes = shown[r.Id];
            var quoted = new List<FloorView>(indexes.Count);
            foreach (var i in indexes)
            {
                // When the middle was dropped (see CommentChain) the first floor stays 1 and the rest keep their numbers.
                var number = i == 0 ? 1 : r.Floors - chain.Count + i + 1;
                quoted.Add(floors.TryGetValue(chain[i], out var f) && f.Status == CommentStatus.Published
                    ? new FloorView(number, f.Id, f.Nickname, f.RegionLabel, f.Body)
                    : new FloorView(number, chain[i], null, null, null));
            }

            return new CommentView(r.Id, r.ArticleId, r.ParentId, r.Nickname, r.Body, r.RegionLabel, r.CreatedAt, r.Up, r.Down, r.Floors, quoted, chain.Count - indexes.Count);
        }).ToList();
    }

    /// <summary>Which floors of a chain of <paramref name="count"/> a page loads.</summary>
    private static List<int> Shown(int count, bool collapse) =>
        !collapse || count <= InlineMiddleFloors + 3 ? [.. Enumerable.Range(0, count)] : [0, count - 2, count - 1];
}
