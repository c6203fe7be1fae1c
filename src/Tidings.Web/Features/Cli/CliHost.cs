using System.Globalization;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Features.Partners;
using Tidings.Web.Infrastructure;

namespace Tidings.Web.Features.Cli;

/// <summary>The services a verb needs, configured exactly as the web host configures them (same settings, same data).</summary>
internal static class CliHost
{
    public static IHost Build(string? dataDirectory)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        if (!string.IsNullOrEmpty(dataDirectory))
        {
            builder.Configuration[$"{TidingsOptions.Section}:{nameof(TidingsOptions.DataDirectory)}"] = dataDirectory;
        }

        // Messages the CLI shares with the newsroom (account errors) speak the site's language, as the site does
        // outside requests, whatever the terminal's locale.
        var site = builder.Configuration[$"{TidingsOptions.Section}:{nameof(TidingsOptions.Language)}"];
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture =
            CultureInfo.GetCultureInfo(site is "en" ? "en" : "zh-CN");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddTidingsData();
        builder.AddAccountStores();
        builder.AddPartnerFeeds(poll: false);
        return builder.Build();
    }
}
