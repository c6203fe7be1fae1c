using System.Net;
using System.Net.Http.Headers;

namespace Tidings.IntegrationTests;

/// <summary>/metrics for Prometheus: closed to readers, open to the operator, with the numbers an operator watches.</summary>
public sealed class ObservabilityTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Metrics_AreHiddenFromReaders()
    {
        using var client = portal.Browser();
        using var response = await client.GetAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_WithTheOperatorToken_ShowRoutesCacheTrendingAndDependencies()
    {
        using var factory = portal.WithWebHostBuilder(b => b.UseSetting("Tidings:OperatorToken", "metrics-token"));
        using var client = factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync("/", TestContext.Current.CancellationToken)).Dispose();
        }

        (await client.GetAsync("/search?q=" + Uri.EscapeDataString("港口"), TestContext.Current.CancellationToken)).Dispose();

        string text;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "metrics-token");
            using var scrape = await client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
            text = await scrape.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            // The dependency sampler's first round runs at start; give it a moment on a slow machine.
            if (text.Contains("tidings_dependency_up{", StringComparison.Ordinal) || clock.Elapsed > TimeSpan.FromSeconds(20))
            {
                break;
            }

            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        Assert.Contains("http_server_request_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("http_route=\"search\"", text, StringComparison.Ordinal);
        Assert.Contains("tidings_page_cache_requests_total{", text, StringComparison.Ordinal);
        Assert.Contains("result=\"hit\"", text, StringComparison.Ordinal);
        Assert.Contains("tidings_search_duration_seconds_count", text, StringComparison.Ordinal);
        // Buckets in seconds, not the milliseconds-shaped defaults.
        Assert.Contains("tidings_search_duration_seconds_bucket{otel_scope_name=\"Tidings\",le=\"0.01\"}", text, StringComparison.Ordinal);
        Assert.Contains("tidings_trending_queue", text, StringComparison.Ordinal);
        Assert.Matches("tidings_dependency_up\\{[^}]*dependency=\"database\"[^}]*\\} 1", text);
    }
}
