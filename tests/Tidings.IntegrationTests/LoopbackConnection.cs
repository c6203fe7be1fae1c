using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Tidings.IntegrationTests;

/// <summary>
/// TestServer connections have no address; a real one behind a local proxy is loopback, so the app believes the
/// X-Forwarded-For a test sends and each test client can be its own reader address.
/// </summary>
internal sealed class LoopbackConnection : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress ??= IPAddress.Loopback;
            return nextMiddleware(context);
        });
        next(app);
    };
}
