using Tidings.Web.Infrastructure;

namespace Tidings.Web.Features.Alerts;

/// <summary>突发 banner and 哀悼日: the switch every node polls (the newsroom's page is /newsroom/alerts).</summary>
internal static class AlertsExtensions
{
    public static WebApplicationBuilder AddSiteAlerts(this WebApplicationBuilder builder)
    {
        builder.AddSettings<AlertOptions>("Tidings:Alerts")
            .Validate(o => o.PollSeconds is >= 1 and <= 60, "Tidings:Alerts:PollSeconds must be 1-60.")
            .ValidateOnStart();
        builder.Services.AddSingleton<AlertSwitch>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AlertSwitch>());
        return builder;
    }
}
