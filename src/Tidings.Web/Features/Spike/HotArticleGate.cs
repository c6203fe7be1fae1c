using Tidings.Core.Spike;
using Tidings.Core.Trending;
using Tidings.Web.Features.Trending;

namespace Tidings.Web.Features.Spike;

/// <summary>
/// Which comment rule an article meets: spike mode's, when it is on and the article is among the hour's most-read
/// (<see cref="SpikeOptions.HotArticles"/>), else the usual one. The page, the form post and the API all ask here.
/// </summary>
public sealed class HotArticleGate(SpikeSwitch spike, TrendingLists trending, TimeProvider time)
{
    public async Task<CommentGate> ForAsync(int articleId, CancellationToken ct)
    {
        var state = spike.Current;
        var now = time.GetUtcNow().UtcDateTime;
        if (!state.IsActive(now))
        {
            return CommentGate.Open;
        }

        var hottest = await trending.TopAsync(TrendingScope.Site, TrendingWindow.Hour, Math.Max(1, spike.Options.HotArticles), ct);
        return SpikeMode.Gate(state, now, hottest.Any(e => e.ArticleId == articleId));
    }
}
