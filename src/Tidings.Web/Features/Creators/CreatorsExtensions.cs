using Tidings.Core.Creators;
using Tidings.Web.Infrastructure;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Creators;

/// <summary>The self-media platform (自媒体号): 入驻 applications, the creator's desk, 原创保护 and 信用分.</summary>
internal static class CreatorsExtensions
{
    public static WebApplicationBuilder AddCreators(this WebApplicationBuilder builder)
    {
        builder.AddSettings<StandingOptions>("Tidings:Standing")
            .Validate(o => o.HalfLifeDays is >= 1 and <= 3_650, "Tidings:Standing:HalfLifeDays must be 1-3650.")
            .Validate(o => o.Low is >= 0 and <= Standing.Full, "Tidings:Standing:Low must be 0-100.")
            .Validate(o => o.ReportsToPenalize is >= 1 and <= 100_000, "Tidings:Standing:ReportsToPenalize must be 1-100000.")
            .Validate(o => o.Trusted == 0 || (o.Trusted >= o.Low && o.Trusted <= Standing.Full), "Tidings:Standing:Trusted must be 0 (off) or from Tidings:Standing:Low to 100.")
            .ValidateOnStart();
        builder.Services.AddSingleton<Standings>();
        // A reader reports the odd article: ten at once from one address, then one every 30 seconds.
        builder.Services.AddKeyedSingleton(Throttle.Report, (sp, _) => new Throttle(sp.GetRequiredService<ITokenBuckets>(), Throttle.Report, 10, TimeSpan.FromSeconds(30)));
        builder.Services.AddScoped<CreatorApplications>();
        return builder;
    }
}
