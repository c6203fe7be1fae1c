using System.Linq.Expressions;

namespace Tidings.Core.Articles;

/// <summary>
/// 禁发 (a hard embargo): a time before which an article reaches no reader, whoever publishes it and through whichever
/// door. Two halves, both here or in what calls these: readers never see an embargoed article (<see cref="ReaderVisibility"/>
/// adds <see cref="LiftedAt"/> to its rule, so pages, the API, feeds, sitemaps, search, related and trending lists all
/// hold it back), and nobody can move it towards publication early (<see cref="Newsroom.EditorialWorkflow"/> refuses
/// publishing, scheduling inside the embargo and loosening it without the scheduling permission). Superdesk's embargo is
/// a warning by its own documentation; this one is a rule the database query cannot skip.
/// </summary>
public static class Embargo
{
    /// <summary>The embargo still holds at <paramref name="utcNow"/>.</summary>
    public static bool Holds(DateTime? until, DateTime utcNow) => until is { } u && u > utcNow;

    /// <summary>Articles whose embargo (if any) has passed, as a query filter.</summary>
    public static Expression<Func<Article, bool>> LiftedAt(DateTime utcNow) =>
        a => a.EmbargoUntil == null || a.EmbargoUntil <= utcNow;

    /// <summary>When an article readers may see only later becomes visible: its publication time or its embargo's end, whichever is later.</summary>
    public static Expression<Func<Article, DateTime?>> VisibleFrom =>
        a => a.EmbargoUntil != null && a.EmbargoUntil > a.PublishedAt ? a.EmbargoUntil : a.PublishedAt;

    /// <summary>
    /// An embargo change is a loosening when it ends an embargo that still holds earlier than before (or lifts it):
    /// that is a publishing decision, not an edit.
    /// </summary>
    public static bool Loosens(DateTime? from, DateTime? to, DateTime utcNow) =>
        Holds(from, utcNow) && (to is null || to < from);

    /// <summary>
    /// What an import (a file, a partner's feed) may do to an article's embargo: set or lengthen it while readers cannot
    /// see the article, never shorten or lift it (a later file without the field must not publish early what an
    /// earlier one held back; lifting is the desk's decision), and never embargo what readers already see (taking a
    /// story down is an editor's act, and the desk cannot embargo a visible article either).
    /// </summary>
    public static DateTime? FromImport(DateTime? current, DateTime? incoming, bool visibleNow) =>
        visibleNow || incoming is null || (current is { } c && incoming <= c) ? current : incoming;
}
