using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Tidings.Web.Infrastructure;

/// <summary>
/// Behind a reverse proxy the client's address and scheme come from X-Forwarded-For/-Proto, believed only from
/// loopback and the addresses or CIDR ranges in Tidings:TrustedProxies. Rate limits, IP属地 and bans all key on
/// that address, so it is settled before any of them runs.
/// </summary>
internal static class TrustedProxies
{
    public const string Setting = "Tidings:TrustedProxies";

    public static WebApplicationBuilder AddTrustedProxies(this WebApplicationBuilder builder)
    {
        builder.DeclareSetting<string[]>(Setting);

        // An entry that does not parse stops the start: skipping it silently made every reader share the proxy's
        // address (and its rate limits).
        var proxies = Parse(builder.Configuration.GetSection(Setting).Get<string[]>() ?? []);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var network in proxies)
            {
                o.KnownIPNetworks.Add(network);
            }
        });

        return builder;
    }

    /// <summary>Runs first: everything after it sees the real client address and scheme.</summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }

    public static IReadOnlyList<System.Net.IPNetwork> Parse(IEnumerable<string> entries)
    {
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in entries)
        {
            var text = entry?.Trim() ?? string.Empty;
            if (IPAddress.TryParse(text, out var address))
            {
                networks.Add(new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else if (System.Net.IPNetwork.TryParse(text, out var network))
            {
                networks.Add(network);
            }
            else
            {
                throw new InvalidOperationException(
                    $"Tidings:TrustedProxies entry '{text}' is neither an IP address (10.0.0.5) nor a CIDR range (10.0.0.0/8, 2001:db8::/32).");
            }
        }

        return networks;
    }
}
