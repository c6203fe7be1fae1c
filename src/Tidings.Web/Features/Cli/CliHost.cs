using Tidings.Core.Articles;
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

        Languages.LanguageExtensions.SpeakOutsideRequests(builder.Configuration[$"{TidingsOptions.Section}:{nameof(TidingsOptions.Language)}"] ?? ContentLanguage.Chinese);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddTidingsData();
        builder.AddAccountStores();
        builder.AddPartnerFeeds(poll: false);
        return builder.Build();
    }
}
