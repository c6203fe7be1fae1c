using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidings.Core.Accounts;
using Tidings.Core.Articles;
using Tidings.Core.Data;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Features.Channels;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Newsroom;

public sealed record DeskRow(int Id, string Title, ArticleStatus Status, string? Channel, string Source, string? Owner, DateTime UpdatedAt, DateTime? PublishedAt);

/// <summary>The desk's article list: filters by state, channel, writer and source, and a title search.</summary>
public sealed class ArticlesModel(TidingsDbContext db, PortalLists lists) : PageModel
{
    public const int PageSize = 30;
    public const int MaxQueryLength = 100;

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? StatusFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "channel")]
    public int? ChannelFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "owner")]
    public int? OwnerFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "source")]
    public int? SourceFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>"page" is Razor Pages' own route value, so the number is read from the query by the handler.</summary>
    public int PageNumber { get; private set; } = 1;

    public IReadOnlyList<DeskRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public IReadOnlyList<Choice> Channels { get; private set; } = [];
    public IReadOnlyList<Choice> Sources { get; private set; } = [];
    public IReadOnlyList<Choice> Owners { get; private set; } = [];
    public string? Error { get; private set; }

    /// <summary>Writers and creators see their own articles; editors see the whole desk.</summary>
    public bool OwnOnly => !User.Can(Permission.EditAny);

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] string? page, CancellationToken ct)
    {
        if (!User.Can(Permission.Draft))
        {
            return Forbid();
        }

        ViewData["Section"] = "articles";
        ViewData.SetMeta(new PageMeta { Title = Ui.NewsroomArticles, NoIndex = true });
        Channels = (await lists.ChannelsAsync()).Select(c => new Choice(c.Id, c.Name)).ToList();
        Sources = await db.Sources.AsNoTracking().OrderBy(s => s.Kind).ThenBy(s => s.Id).Select(s => new Choice(s.Id, s.Name)).ToListAsync(ct);
        Owners = await db.Users.AsNoTracking().Where(u => db.UserRoles.Any(r => r.UserId == u.Id)).OrderBy(u => u.Id).Select(u => new Choice(u.Id, u.DisplayName)).ToListAsync(ct);

        ArticleStatus? status = null;
        if (!string.IsNullOrEmpty(StatusFilter))
        {
            if (!Enum.TryParse<ArticleStatus>(StatusFilter, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(StatusFilter, out _))
            {
                Error = NewsroomText.ErrorUnknownFilter;
                return this.Refused(StatusCodes.Status400BadRequest);
            }

            status = parsed;
        }

        var errors = new Dictionary<string, string[]>();
        PageNumber = QueryValues.ParseInt(page, 1, 1, 10_000, "page", errors);
        if (!ModelState.IsValid || errors.Count > 0 || Query is { Length: > MaxQueryLength })
        {
            Error = NewsroomText.ErrorUnknownFilter;
            return this.Refused(StatusCodes.Status400BadRequest);
        }

        var rows = db.Articles.AsNoTracking();
        if (OwnOnly)
        {
            var me = User.UserId();
            rows = rows.Where(a => a.OwnerId == me);
        }

        if (status is { } s)
        {
            rows = rows.InState(s);
        }

        if (ChannelFilter is { } channel)
        {
            rows = rows.Where(a => a.ChannelId == channel);
        }

        if (OwnerFilter is { } owner)
        {
            rows = rows.Where(a => a.OwnerId == owner);
        }

        if (SourceFilter is { } source)
        {
            rows = rows.Where(a => a.SourceId == source);
        }

        if (!string.IsNullOrWhiteSpace(Query))
        {
            // Titles only, as a substring: the desk looks for a story it knows; EF escapes the pattern's wildcards.
            var q = Query.Trim();
            rows = rows.Where(a => a.Title.Contains(q));
        }

        Total = await rows.CountAsync(ct);
        Rows = await rows.OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(a => new DeskRow(
                a.Id,
                a.Title,
                a.Status,
                a.Channel != null ? a.Channel.Name : null,
                a.Source!.Name,
                db.Users.Where(u => u.Id == a.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                a.UpdatedAt,
                a.PublishedAt))
            .ToListAsync(ct);
        return Page();
    }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);


    /// <summary>This list's URL with one parameter changed (filters are kept across pages).</summary>
    public string With(string key, string? value)
    {
        var query = new Dictionary<string, string?>
        {
            ["status"] = StatusFilter,
            ["channel"] = ChannelFilter?.ToString(CultureInfo.InvariantCulture),
            ["owner"] = OwnerFilter?.ToString(CultureInfo.InvariantCulture),
            ["source"] = SourceFilter?.ToString(CultureInfo.InvariantCulture),
            ["q"] = Query,
            ["page"] = null,
        };
        query[key] = value;
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/newsroom/articles", query.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => KeyValuePair.Create(p.Key, p.Value)));
    }
}
